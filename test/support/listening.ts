import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Express } from 'express'

/** The app on a real loopback socket, so concurrent calls run in separate connections and transactions. */
export interface Listening {
  baseUrl: string
  close(): Promise<void>
}

export async function listenOnLoopback(app: Express): Promise<Listening> {
  const server: Server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', resolve))
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
