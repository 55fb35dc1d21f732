import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, normalize } from 'node:path'

const NODE_MODULES = new URL('../../../node_modules/', import.meta.url)
const FIXTURES = new URL('../fixtures/frame-app/', import.meta.url)
/** Only these packages are served: the SDK's ESM build and its three dependencies. */
const VENDOR_PACKAGES = ['@bitrix24/b24jssdk/dist/esm/', 'axios/dist/esm/', 'luxon/build/es6/', 'qs-esm/lib/']

export interface AppHit {
  method: string
  path: string
  query: Record<string, string>
  fields: Record<string, string>
}

export interface FrameTestApp {
  /** `http://127.0.0.1:PORT`: another origin than the emulator, as a real app would be. */
  url: string
  /** POSTs and GETs of the app pages (`/app/`, `/install/`), with their query and form fields. */
  hits: AppHit[]
  /** What each page load of the test app recorded so far (fixtures/frame-app/test-app.js), by window name. */
  reports: Map<string, Record<string, unknown>>
  /** Waits for a page load whose report has `key` and passes `accept`. */
  report(key: string, accept?: (report: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>
  close(): Promise<void>
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Serves the frame test app page (for both the installer and the handler URL) and the SDK files it imports. */
export async function startFrameTestApp(): Promise<FrameTestApp> {
  const hits: AppHit[] = []
  const reports = new Map<string, Record<string, unknown>>()
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    try {
      if (url.pathname === '/app/' || url.pathname === '/install/') {
        const body = await readBody(request)
        hits.push({
          method: request.method ?? '',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          fields: Object.fromEntries(new URLSearchParams(body)),
        })
        const html = await readFile(new URL('index.html', FIXTURES))
        return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
      }
      if (url.pathname === '/report') {
        const report = JSON.parse(await readBody(request)) as Record<string, unknown>
        reports.set(String(report.windowName), report)
        return void response.writeHead(204).end()
      }
      if (url.pathname === '/test-app.js') {
        const script = await readFile(new URL('test-app.js', FIXTURES))
        return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
      }
      const vendorPath = normalize(decodeURIComponent(url.pathname.replace(/^\/vendor\//, '')))
      if (url.pathname.startsWith('/vendor/') && VENDOR_PACKAGES.some((prefix) => vendorPath.startsWith(prefix))) {
        const file = await readFile(new URL(vendorPath, NODE_MODULES))
        const type = ['.js', '.mjs'].includes(extname(vendorPath)) ? 'text/javascript' : 'application/octet-stream'
        return void response.writeHead(200, { 'content-type': type }).end(file)
      }
      response.writeHead(404).end()
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    reports,
    async report(key, accept = () => true) {
      const deadline = Date.now() + 15_000
      for (;;) {
        const found = [...reports.values()].find((entry) => key in entry && accept(entry))
        if (found !== undefined) return found
        if (Date.now() > deadline)
          throw new Error(`No test app report with ${key}: ${JSON.stringify([...reports.values()])}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
