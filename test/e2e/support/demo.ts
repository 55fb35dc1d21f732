import { findFreePort, startServer, type RunningServer } from './server'

export interface RunningDemoServer {
  server: RunningServer
  /** The emulated Bitrix24's origin, e.g. http://127.0.0.1:41234. */
  portalUrl: string
  demoHtml: string
}

/**
 * `npm start` without Bitrix24 credentials: the real server in demo mode, with the emulated Bitrix24 on its own
 * port; resolves once the demo page says the seeded portals are ready.
 */
export async function startDemoServer(env: Record<string, string> = {}): Promise<RunningDemoServer> {
  const portalPort = await findFreePort()
  const server = await startServer({ env: { DEMO: 'auto', DEMO_PORTAL_PORT: String(portalPort), ...env } })
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const html = await (await fetch(`${server.baseUrl}/demo`)).text()
    if (html.includes('data-demo-link-code'))
      return { server, portalUrl: `http://127.0.0.1:${portalPort}`, demoHtml: html }
    if (html.includes('Preparing the demo failed')) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const output = server.output()
  await server.stop()
  throw new Error(`The demo was not ready within 60 s\n--- server output ---\n${output}`)
}
