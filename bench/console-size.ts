import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/**
 * The manager console's initial JavaScript, gzip-compressed: the entry script and every module its page
 * preloads, read from the built `manager/index.html`. That is what the 300 kB budget measures; the run fails
 * when it is over. The chart chunk (chart.js) is printed as well and must not be among the initial files: it
 * loads only with the dashboard's charts. Builds first with `--build` or when there is no build yet.
 */
const BUDGET_BYTES = 300 * 1024
const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist', 'client')
const page = join(dist, 'manager', 'index.html')

if (process.argv.includes('--build') || !existsSync(page)) {
  const build = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const html = readFileSync(page, 'utf8')
const initial = [
  ...new Set(
    [
      ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
      ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ].map((match) => match[1]!.replace(/^\//, '')),
  ),
]
if (initial.length === 0) throw new Error(`${page} references no module script`)

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
let gzip = 0
console.log('manager console initial JavaScript')
for (const file of initial) {
  const bytes = readFileSync(join(dist, file))
  const compressed = gzipSync(bytes, { level: 9 }).length
  gzip += compressed
  console.log(`  ${file.padEnd(48)} ${kb(bytes.length).padStart(9)} raw ${kb(compressed).padStart(9)} gzip`)
}

// The charting library, found by an option name only chart.js carries; it must stay out of the initial files.
const chartChunks = readdirSync(join(dist, 'assets')).filter(
  (name) => name.endsWith('.js') && readFileSync(join(dist, 'assets', name), 'utf8').includes('borderSkipped'),
)
if (chartChunks.length === 0) throw new Error('no chart.js chunk found in the build')
for (const name of chartChunks) {
  const compressed = gzipSync(readFileSync(join(dist, 'assets', name)), { level: 9 }).length
  const where = initial.includes(`assets/${name}`) ? 'INITIAL' : 'lazy, with the dashboard charts'
  console.log(`chart chunk: assets/${name} ${kb(compressed)} gzip (${where})`)
  if (initial.includes(`assets/${name}`)) process.exitCode = 1
}
const share = ((gzip / BUDGET_BYTES) * 100).toFixed(0)
console.log(`initial JavaScript: ${kb(gzip)} gzip, ${share}% of the ${kb(BUDGET_BYTES)} budget`)
if (gzip > BUDGET_BYTES) process.exitCode = 1
