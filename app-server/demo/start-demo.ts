import { randomBytes } from 'node:crypto'
import express, { type Router } from 'express'
import { createPortalEmulator } from '../../emulator'
import type { Config } from '../config'
import type { AppContext } from '../context'
import type { Logger } from '../logger'
import { DEMO_CLIENT_ID } from './demo-data'
import { renderDemoPage, type DemoPageState } from './demo-page'
import { seedDemo } from './seed-demo'

export interface RunningDemo {
  /** The configuration the app runs with: the emulator is its Bitrix24 and its OAuth server. */
  config: Config
  /** `GET /demo`. */
  router: Router
  /** Prints where the demo page is, as one plain line among the JSON log lines. */
  announce(appUrl: string): void
  /** Registers the app with the emulated Bitrix24 and seeds the demo once the app listens at `appUrl`. */
  seed(ctx: AppContext, appUrl: string): Promise<void>
  close(): Promise<void>
}

/**
 * Starts the emulated Bitrix24 (portals, OAuth server, fake portal page) next to the app. Loaded only in demo
 * mode, with a dynamic import, so a configured installation never loads any of it.
 */
export async function startDemo(config: Config, logger: Logger): Promise<RunningDemo> {
  if (config.DATABASE_URL) {
    // Said out loud: someone who set a database and forgot the credentials would otherwise wonder where data went.
    logger.warn('demo mode keeps its data in memory and ignores DATABASE_URL; set DEMO=off to use that database')
  }
  const emulator = createPortalEmulator()
  const server = await emulator.listen(config.DEMO_PORTAL_PORT, '127.0.0.1')
  const clientSecret = randomBytes(24).toString('base64url')
  const page: DemoPageState = { status: 'seeding', portalUrl: server.url, clientId: DEMO_CLIENT_ID }

  const router = express.Router()
  router.get('/demo', (_req, res) => {
    res.set('Cache-Control', 'no-store').type('html').send(renderDemoPage(page))
  })

  return {
    config: {
      ...config,
      B24_CLIENT_ID: DEMO_CLIENT_ID,
      B24_CLIENT_SECRET: clientSecret,
      B24_OAUTH_URL: server.url,
      B24_ALLOW_HTTP: true,
      PORTAL_FRAME_ANCESTORS: [...config.PORTAL_FRAME_ANCESTORS, server.url],
      // The emulated portals live in memory, so the demo's data does too: every start is a fresh, consistent world.
      DATABASE_URL: undefined,
      PGLITE_DIR: 'memory://',
    },
    router,
    announce(appUrl) {
      // Plain text on stdout, whatever the log level: the one thing a person who ran `npm start` needs to see.
      process.stdout.write(`Demo: ${appUrl}/demo\n`)
    },
    async seed(ctx, appUrl) {
      emulator.registerApp({
        clientId: DEMO_CLIENT_ID,
        clientSecret,
        handlerUrl: `${appUrl}/partner/`,
        installUrl: `${appUrl}/partner/install`,
        installEventUrl: `${appUrl}/b24/events`,
        scopes: ['crm', 'placement', 'user_brief'],
      })
      try {
        const seeded = await seedDemo(ctx, emulator, { app: appUrl, emulator: server.url })
        Object.assign(page, { status: 'ready', ...seeded })
        logger.info({ url: `${appUrl}/demo`, portal: server.url }, 'demo ready: open the demo page')
      } catch (error) {
        Object.assign(page, { status: 'failed' })
        logger.error({ err: error }, 'demo seeding failed')
      }
    },
    close: () => server.close(),
  }
}
