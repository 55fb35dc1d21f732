import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export interface RunningServer {
  baseUrl: string
  /** The last lines the server printed, for failure messages. */
  output(): string
  stop(): Promise<void>
}

export interface StartServerOptions {
  /** Extra or overriding environment variables for the server process. */
  env?: Record<string, string>
  /** How long to wait for `GET /api/health` to answer 200. */
  readyTimeoutMs?: number
}

const OUTPUT_LIMIT = 20_000

/** Asks the OS for a port nobody listens on right now. */
export async function findFreePort(): Promise<number> {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const address = probe.address()
  probe.close()
  if (address === null || typeof address === 'string') throw new Error('Could not read the probe port')
  return address.port
}

/**
 * Starts the real server (`node --import tsx app-server/main.ts`) in production mode with an in-memory
 * database and waits until its health check answers.
 * @throws when the process exits early or is not healthy within `readyTimeoutMs`.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const port = await findFreePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'app-server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PGLITE_DIR: 'memory://',
      LOG_LEVEL: 'warn',
      // Without Bitrix24 credentials the server would start its demo; tests that want it ask for it.
      DEMO: 'off',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const record = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT)
  }
  child.stdout?.on('data', record)
  child.stderr?.on('data', record)

  const server: RunningServer = { baseUrl, output: () => output, stop: () => stopChild(child) }
  try {
    await waitUntilHealthy(baseUrl, child, options.readyTimeoutMs ?? 60_000)
  } catch (error) {
    await server.stop()
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`, { cause: error })
  }
  return server
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited before it was ready (code ${child.exitCode}, signal ${child.signalCode})`)
    }
    const response = await fetch(`${baseUrl}/api/health`).catch(() => undefined)
    if (response?.status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`GET /api/health did not answer 200 within ${timeoutMs} ms`)
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
