import { randomUUID } from 'node:crypto'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { MAX_RESERVATIONS_PER_REQUEST } from '../../shared/domain/reservation-rules'
import { queryRows, sql } from '../../app-server/db/client'
import { partners } from '../../app-server/db/schema'
import { asPartner, givenPartner, givenRequest, partnerToken } from '../support/factories'
import '../support/provided-context'
import { listenOnLoopback, type Listening } from '../support/listening'
import { createTestApp, type TestApp } from '../support/test-app'

const driver = inject('testDatabaseDriver')

// Every reservation is a full HTTP call and transaction. RESERVATION_RACE_ROUNDS and RESERVATION_RACE_REQUESTS
// shrink the races for a quick local run; CI runs them at full size.
const ROUNDS = Number(process.env.RESERVATION_RACE_ROUNDS ?? 50)
const RACED_REQUESTS = Number(process.env.RESERVATION_RACE_REQUESTS ?? 200)
const PARTNERS_PER_ROUND = 200
const PARTNERS_RACING_THROUGH = 50
const IN_FLIGHT = 64

interface Answer {
  partnerId: string
  status: number
  code: string | undefined
}

interface RequestTally {
  id: string
  reserved_count: number
  status: string
  close_reason: string | null
  active: number
  partner_ids: string[]
}

/** Eligible partners registered in DE, inserted in one statement. */
async function givenManyPartners(t: TestApp, howMany: number): Promise<string[]> {
  const now = t.clock.now()
  const rows = await t.database.db
    .insert(partners)
    .values(
      Array.from({ length: howMany }, (_, index) => ({
        partnerCode: `RACE-${randomUUID()}`,
        companyName: `Racing Partner ${index}`,
        registeredCountry: 'DE',
        declaredStatus: 'silver' as const,
        approved: true,
        tutorialCompletedAt: new Date(now.getTime() - 86_400_000),
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: partners.id })
  return rows.map((row) => row.id)
}

async function givenRequests(t: TestApp, howMany: number): Promise<string[]> {
  const ids: string[] = []
  for (let index = 0; index < howMany; index++) ids.push((await givenRequest(t)).id)
  return ids
}

/** What the database says about each request: the counter and the reservation rows behind it. */
async function tallies(t: TestApp, requestIds: string[]): Promise<RequestTally[]> {
  return queryRows<RequestTally>(
    t.database.db,
    sql`select r.id, r.reserved_count, r.status, r.close_reason,
               count(res.id) filter (where res.status = 'active')::int as active,
               coalesce(array_agg(res.partner_id::text) filter (where res.status = 'active'), '{}') as partner_ids
        from requests r left join reservations res on res.request_id = r.id
        where r.id = any(${sql.param(requestIds)}::uuid[])
        group by r.id`,
  )
}

/** Runs every task with at most `limit` of them in flight. */
async function runBounded<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++
      results[index] = await tasks[index]!()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker))
  return results
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

function histogram(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const answer of answers) {
    const key = answer.code ? `${answer.status} ${answer.code}` : String(answer.status)
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

describe.runIf(driver === 'postgres')('reservation races on PostgreSQL (rules 5.2)', () => {
  let t: TestApp
  let listening: Listening
  let baseUrl: string
  const tokens = new Map<string, string>()

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'warn', RESERVATION_OPEN_LIMIT: '1000' })
    listening = await listenOnLoopback(t.app)
    baseUrl = listening.baseUrl
  })
  afterAll(async () => {
    await listening.close()
    await t.close()
  })

  async function reserve(partnerId: string, requestId: string): Promise<Answer> {
    let token = tokens.get(partnerId)
    if (!token) tokens.set(partnerId, (token = partnerToken(t, partnerId)))
    const response = await fetch(`${baseUrl}/api/partner/requests/${requestId}/reservation`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    })
    const body = (await response.json()) as { code?: string }
    return { partnerId, status: response.status, code: response.status >= 400 ? body.code : undefined }
  }

  it(`when ${PARTNERS_PER_ROUND} partners reserve one request at the same moment, ${ROUNDS} times over, then exactly 5 win each time (rules 5.2)`, async () => {
    const racers = await givenManyPartners(t, PARTNERS_PER_ROUND)
    const requestIds = await givenRequests(t, ROUNDS)

    for (const requestId of requestIds) {
      const answers = await Promise.all(racers.map((partnerId) => reserve(partnerId, requestId)))

      // Losers see the request full, never "not found": it closes as fully served, it is not gone.
      expect(histogram(answers)).toEqual({
        '201': MAX_RESERVATIONS_PER_REQUEST,
        '409 request_fully_reserved': racers.length - MAX_RESERVATIONS_PER_REQUEST,
      })
      const winners = answers.filter((answer) => answer.status === 201).map((answer) => answer.partnerId)
      const [tally] = await tallies(t, [requestId])
      expect(tally).toMatchObject({
        reserved_count: MAX_RESERVATIONS_PER_REQUEST,
        active: MAX_RESERVATIONS_PER_REQUEST,
        status: 'closed',
        close_reason: 'fully_served',
      })
      expect(new Set(tally!.partner_ids).size).toBe(MAX_RESERVATIONS_PER_REQUEST)
      expect([...tally!.partner_ids].sort()).toEqual([...winners].sort())
    }
  }, 300_000)

  it(`when ${PARTNERS_RACING_THROUGH} partners each race through ${RACED_REQUESTS} requests at once, then no request passes 5 and the counter matches the rows (rules 5.2)`, async () => {
    const racers = await givenManyPartners(t, PARTNERS_RACING_THROUGH)
    const requestIds = await givenRequests(t, RACED_REQUESTS)
    const attempts = racers.flatMap((partnerId) =>
      shuffled(requestIds).map((requestId) => () => reserve(partnerId, requestId)),
    )

    const answers = await runBounded(shuffled(attempts), IN_FLIGHT)

    expect(histogram(answers)).toEqual({
      '201': requestIds.length * MAX_RESERVATIONS_PER_REQUEST,
      '409 request_fully_reserved': attempts.length - requestIds.length * MAX_RESERVATIONS_PER_REQUEST,
    })
    const rows = await tallies(t, requestIds)
    expect(rows).toHaveLength(requestIds.length)
    for (const row of rows) {
      expect(row.active).toBeLessThanOrEqual(MAX_RESERVATIONS_PER_REQUEST)
      expect(row.reserved_count).toBe(row.active)
      expect(new Set(row.partner_ids).size).toBe(row.active)
    }
  }, 300_000)
})

describe.runIf(driver === 'pglite')('reservation cap on PGlite (rules 5.2)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'warn' })
  })
  afterAll(() => t.close())

  it('when 6 partners reserve one request at once, then 5 hold it and the sixth finds it full (rules 5.2)', async () => {
    const racers = await Promise.all(Array.from({ length: 6 }, () => givenPartner(t)))
    const { id } = await givenRequest(t)

    const responses = await Promise.all(
      racers.map((partner) =>
        request(t.app).post(`/api/partner/requests/${id}/reservation`).set(asPartner(t, partner.id)),
      ),
    )

    const answers = responses.map((response, index) => ({
      partnerId: racers[index]!.id,
      status: response.status,
      code: response.status >= 400 ? (response.body.code as string) : undefined,
    }))
    expect(histogram(answers)).toEqual({ '201': 5, '409 request_fully_reserved': 1 })
    const [tally] = await tallies(t, [id])
    expect(tally).toMatchObject({ reserved_count: 5, active: 5, status: 'closed', close_reason: 'fully_served' })
  })
})
