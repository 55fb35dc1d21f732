import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import request from 'supertest'
import { createApp } from '../../app-server/app'
import { systemClock } from '../../app-server/clock'
import { loadConfig } from '../../app-server/config'
import { openDatabase } from '../../app-server/db/client'
import { createLogger } from '../../app-server/logger'

/**
 * Writes the API description exactly as the app serves it at /api/openapi.json to the file named on the command
 * line, for the linter and the client generator. The app is built on an empty in-memory database; nothing listens.
 */
const target = resolve(process.argv[2] ?? 'test/openapi/generated/openapi.json')
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' })
const database = await openDatabase({ pgliteDir: 'memory://' })
try {
  const app = createApp({
    ctx: {
      db: database.db,
      clock: systemClock,
      logger: createLogger({ level: config.LOG_LEVEL }),
      config,
      appSecret: 'openapi-description-only-0123456789abcdef',
    },
    database,
    servePages: false,
  })
  const response = await request(app).get('/api/openapi.json').expect(200)
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, `${JSON.stringify(response.body, null, 2)}\n`)
  process.stdout.write(`API description written to ${target}\n`)
} finally {
  await database.close()
}
