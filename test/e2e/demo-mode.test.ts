import { mkdtempSync, readFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findFreePort, REPO_ROOT, startServer } from './support/server'

/** Demo code: the demo's server modules and the portal emulator they start. */
const DEMO_CODE = /\/app-server\/demo\/(?!demo-mode\.ts)|\/test\/emulator\//

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

/** Starts the real server with `env`, recording every module it loads; returns what the check needs. */
async function started(env: Record<string, string>) {
  const record = join(mkdtempSync(join(tmpdir(), 'demo-mode-')), 'modules.txt')
  const portalPort = await findFreePort()
  const server = await startServer({
    env: {
      NODE_OPTIONS: `--import=${join(REPO_ROOT, 'test/e2e/support/record-modules.mjs')}`,
      RECORD_MODULES_TO: record,
      DEMO_PORTAL_PORT: String(portalPort),
      ...env,
    },
  })
  try {
    const demoPage = await fetch(`${server.baseUrl}/demo`)
    return {
      demoStatus: demoPage.status,
      output: server.output(),
      baseUrl: server.baseUrl,
      emulatorListening: await listening(portalPort),
      demoModules: readFileSync(record, 'utf8')
        .split('\n')
        .filter((url) => DEMO_CODE.test(url)),
    }
  } finally {
    await server.stop()
  }
}

describe('npm start loads the demo only without Bitrix24 credentials', () => {
  it('without credentials the demo page, the emulated portal and their code are there', async () => {
    const demo = await started({ DEMO: 'auto' })
    expect(demo.demoStatus).toBe(200)
    expect(demo.emulatorListening).toBe(true)
    expect(demo.demoModules.some((url) => url.endsWith('/app-server/demo/start-demo.ts'))).toBe(true)
    // One plain line says where to go, among the JSON log lines.
    expect(demo.output.split('\n')).toContain(`Demo: ${demo.baseUrl}/demo`)
  })

  it.each<{ name: string; env: Record<string, string> }>([
    { name: 'with credentials configured', env: { B24_CLIENT_ID: 'app.123', B24_CLIENT_SECRET: 'secret' } },
    { name: 'with DEMO=off', env: { DEMO: 'off' } },
  ])('$name no demo code is loaded, no emulator listens and /demo does not exist', async ({ env }) => {
    const configured = await started({ DEMO: 'auto', ...env })
    expect(configured.demoStatus).toBe(404)
    expect(configured.emulatorListening).toBe(false)
    expect(configured.demoModules).toEqual([])
    expect(configured.output).not.toContain('Demo:')
  })
})
