import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * `npm start`: builds the client when its build is missing or older than its sources, then starts the
 * service in production mode. A fresh clone needs nothing but `npm install && npm start`.
 */
const root = resolve(import.meta.dirname, '..')
const builtPage = join(root, 'dist/client/partner/index.html')
const sources = [join(root, 'app-client'), join(root, 'shared'), join(root, 'vite.config.ts')]

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path)
    .filter((name) => !name.startsWith('.'))
    .reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs)
}

const buildTime = existsSync(builtPage) ? statSync(builtPage).mtimeMs : 0
if (buildTime < Math.max(...sources.map(newestMtime))) {
  console.log('Building the client (first start or sources changed)…')
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  if (result.status !== 0) process.exit(result.status ?? 1)
}

process.env.NODE_ENV ??= 'production'
await import('./main')
