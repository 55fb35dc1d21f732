import type { IncomingMessage, Server, ServerResponse } from 'node:http'

/**
 * Lets a server stop under keep-alive traffic. `server.close()` alone stops accepting and closes idle
 * connections, but a client that keeps its connection busy (the next request sent, or pipelined, as soon as an
 * answer arrives) is served on that connection until the shutdown timeout. Once `close()` is called here, every
 * answer not yet sent, including those of requests already in progress, says `Connection: close`, so each busy
 * connection ends with its current answer.
 */
export function gracefulClose(server: Server): { close(): Promise<void> } {
  const inProgress = new Set<ServerResponse>()
  let closing = false
  const askToClose = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close')
  }
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) return askToClose(res)
    inProgress.add(res)
    res.once('close', () => inProgress.delete(res))
  })
  return {
    close() {
      closing = true
      for (const res of inProgress) askToClose(res)
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
