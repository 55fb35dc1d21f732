import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app'

/** The endpoints the partner app calls from inside the portal. */
const PARTNER_APP_PATH = /^\/api\/(partner\/|session$|portal\/)/

interface Operation {
  responses?: Record<string, { description?: string }>
}

/**
 * Every refusal the API documents for the partner app's endpoints has its own message in the app (German and
 * Spanish are typed by the English messages, so they cannot miss one). Read from the served OpenAPI document, so
 * a new refusal code without a message fails here.
 */
describe('the partner app has a message for every refusal code of its endpoints', () => {
  let t: TestApp
  let codes: string[]

  beforeAll(async () => {
    t = await createTestApp()
    const spec = (await request(t.app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>
    }
    const found = new Set<string>()
    for (const [path, operations] of Object.entries(spec.paths)) {
      if (!PARTNER_APP_PATH.test(path)) continue
      for (const operation of Object.values(operations)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          if (!/^[45]\d\d$/.test(status)) continue
          for (const match of response.description?.matchAll(/`([a-z][a-z0-9_]*)`:/g) ?? []) found.add(match[1]!)
        }
      }
    }
    codes = [...found].sort()
  })

  afterAll(() => t.close())

  it('the document names the partner refusals', () => {
    expect(codes).toEqual(expect.arrayContaining(['request_fully_reserved', 'reservation_quota_exceeded']))
    expect(codes.length).toBeGreaterThan(10)
  })

  it('each code has an English message', async () => {
    // The client's messages are outside the server's TypeScript project: loaded at run time, by path.
    const messagesModule = '../../app-client/partner/i18n/en.ts'
    const { en } = (await import(/* @vite-ignore */ messagesModule)) as { en: { errors: Record<string, unknown> } }
    const messages = en.errors
    expect(codes.filter((code) => typeof messages[code] !== 'string')).toEqual([])
  })
})
