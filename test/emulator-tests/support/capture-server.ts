import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import qs from 'qs'

export interface CapturedRequest {
  method: string
  path: string
  contentType: string
  rawBody: string
  /** The body parsed with bracket nesting, as `express.urlencoded({ extended: true })` would. */
  form: Record<string, unknown>
}

export interface CaptureServer {
  url: string
  requests: CapturedRequest[]
  /** Resolves with the n-th request (0-based) once it has arrived. */
  nth(index: number, timeoutMs?: number): Promise<CapturedRequest>
  /** Answer status for every request (default 200). */
  respondWith(status: number): void
  close(): Promise<void>
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** A local HTTP server standing in for an app's event handler or installer page. */
export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: CapturedRequest[] = []
  const waiters: (() => void)[] = []
  let status = 200
  const server = createServer(async (request, response) => {
    const rawBody = await readBody(request)
    requests.push({
      method: request.method ?? '',
      path: request.url ?? '',
      contentType: request.headers['content-type'] ?? '',
      rawBody,
      form: qs.parse(rawBody, { depth: 10 }) as Record<string, unknown>,
    })
    response.writeHead(status, { 'content-type': 'text/plain' }).end('ok')
    for (const wake of waiters.splice(0)) wake()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (next) => {
      status = next
    },
    async nth(index, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      while (requests[index] === undefined) {
        if (Date.now() > deadline)
          throw new Error(`No request #${index} within ${timeoutMs} ms (got ${requests.length})`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 50)
        })
      }
      return requests[index]
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
