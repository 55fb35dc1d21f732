import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { asPartner, givenPartner, givenRequest, partnerToken } from '../support/factories'
import '../support/provided-context'
import { listenOnLoopback, type Listening } from '../support/listening'
import { createTestApp, type TestApp } from '../support/test-app'

const driver = inject('testDatabaseDriver')
const ROUNDS = 10
const CLICKS = 3

interface Answer {
  status: number
  id: string | undefined
  code: string | undefined
}

describe('a partner who clicks Reserve several times at once (rules 5.2)', () => {
  let t: TestApp
  let listening: Listening
  let baseUrl: string

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'warn' })
    // Real sockets on PostgreSQL so the calls run in separate transactions at the same moment.
    listening = await listenOnLoopback(t.app)
    baseUrl = listening.baseUrl
  })
  afterAll(async () => {
    await listening.close()
    await t.close()
  })

  async function reserve(token: string, requestId: string): Promise<Answer> {
    const response = await fetch(`${baseUrl}/api/partner/requests/${requestId}/reservation`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    })
    const body = (await response.json()) as { id?: string; code?: string }
    return { status: response.status, id: body.id, code: response.status >= 400 ? body.code : undefined }
  }

  it(`then one call creates the reservation and the others answer 200 with the same one, ${ROUNDS} times over (${driver})`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const partner = await givenPartner(t)
      const token = partnerToken(t, partner.id)
      const { id } = await givenRequest(t)

      const answers = await Promise.all(Array.from({ length: CLICKS }, () => reserve(token, id)))

      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 201].slice(0, CLICKS))
      expect(new Set(answers.map((answer) => answer.id)).size).toBe(1)
      const mine = await request(t.app).get('/api/partner/reservations').set(asPartner(t, partner.id))
      expect(mine.status).toBe(200)
    }
  }, 60_000)
})
