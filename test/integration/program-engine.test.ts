import { and, count, eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, partners, programConfigVersions, programOrders, programVerdicts } from '../../app-server/db/schema'
import { createWorker } from '../../app-server/jobs/registry'
import { runProgramDay } from '../../app-server/modules/program'
import { addDays, addMonths, RULES_2024, RULES_2024_EFFECTIVE_FROM } from '../../shared/domain/program'
import { asPartner, givenManager, givenPartner } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

const START = '2027-01-04T09:00:00.000Z'

describe('Partner Program engine (rules 2, 3, 6, 7, 11) on a simulated clock', () => {
  let t: TestApp
  let storeKey: string
  beforeAll(async () => {
    t = await createTestApp({}, { now: START })
    const created = await request(t.app)
      .post('/api/manager/program/integrations')
      .set(await managerHeaders())
      .send({ name: 'Bitrix24 store' })
    expect(created.status).toBe(201)
    storeKey = created.body.key as string
  })
  afterAll(() => t.close())

  /** A fresh manager session: the clock moves by months and sessions expire. */
  const managerHeaders = async () => (await givenManager(t)).headers
  const now = () => t.clock.now()
  const at = (date: Date) => t.clock.set(date)

  async function approvedPartner() {
    const partner = await givenPartner(t, { tutorialCompletedAt: null, declaredStatus: 'bronze' })
    const response = await request(t.app)
      .post(`/api/manager/partners/${partner.id}/program/membership`)
      .set(await managerHeaders())
      .send({ approvedAt: now().toISOString() })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body).toMatchObject({ level: 'bronze', standing: 'active', configVersion: 1 })
    return partner
  }

  async function approvedUser(partnerId: string, login = 'main') {
    const added = await request(t.app)
      .post('/api/partner/program/users')
      .set(asPartner(t, partnerId))
      .send({ name: 'Main User', storeLogin: login })
    expect(added.status).toBe(201)
    const decided = await request(t.app)
      .post(`/api/manager/partner-users/${added.body.id as string}/decision`)
      .set(await managerHeaders())
      .send({ accept: true, reason: 'Employee confirmed' })
    expect(decided.body.status).toBe('approved')
    return added.body.id as string
  }

  async function complete(userId: string, course: string, when = now()) {
    return request(t.app)
      .post(`/api/manager/partner-users/${userId}/completions`)
      .set(await managerHeaders())
      .send({ course, completedAt: when.toISOString() })
  }

  async function nfr(partnerId: string) {
    const response = await request(t.app)
      .post(`/api/manager/partners/${partnerId}/program/nfr-claims`)
      .set(await managerHeaders())
      .send({ kind: 'cloud', grantedAt: now().toISOString(), accountUrl: 'https://demo.bitrix24.com' })
    expect(response.status).toBe(201)
  }

  let orderSequence = 0
  function storeOrder(partnerCode: string, dollars: number, client: string, overrides: Record<string, unknown> = {}) {
    const amountMinor = dollars * 100
    return {
      orderId: `S-${Date.now()}-${orderSequence++}`,
      partnerCode,
      orderedAt: now().toISOString(),
      clientCompany: client,
      clientAccountUrl: null,
      currency: 'USD',
      amountMinor,
      rate: null,
      lines: [{ productCode: 'b24-pro-12', productName: 'Bitrix24 Professional, 12 months', quantity: 1, amountMinor }],
      ...overrides,
    }
  }
  const sendOrder = (body: object, key = storeKey) =>
    request(t.app).post('/api/system/program/orders').set('X-Api-Key', key).send(body)

  async function evidence(partnerId: string, kinds: string[]) {
    for (const kind of kinds) {
      const submitted = await request(t.app)
        .post('/api/partner/program/evidence')
        .set(asPartner(t, partnerId))
        .send({ kind, link: 'https://partner.example/bitrix24' })
      expect(submitted.status).toBe(201)
      const decided = await request(t.app)
        .post(`/api/manager/program/evidence/${submitted.body.id as string}/decision`)
        .set(await managerHeaders())
        .send({ accept: true, reason: 'Checked on the site' })
      expect(decided.body.status).toBe('accepted')
    }
  }

  const evaluation = async (partnerId: string, asOf?: Date) =>
    request(t.app)
      .get(`/api/manager/partners/${partnerId}/program/evaluation`)
      .query(asOf ? { asOf: asOf.toISOString() } : {})
      .set(await managerHeaders())

  const verdictsOf = async (partnerId: string) =>
    t.database.db
      .select()
      .from(programVerdicts)
      .where(eq(programVerdicts.partnerId, partnerId))
      .orderBy(programVerdicts.at)

  it('seeds configuration version 1 from the rules, effective from their date', async () => {
    const [row] = await t.database.db.select().from(programConfigVersions).where(eq(programConfigVersions.version, 1))
    expect(row?.config).toEqual(RULES_2024)
    expect(row?.effectiveFrom.toISOString()).toBe(RULES_2024_EFFECTIVE_FROM)
  })

  it('3.1.1: a Bronze partner without the Tutorial is cancelled at day 90 (seen on day 91); the job run twice records it once', async () => {
    at(new Date(START))
    const partner = await approvedPartner()
    await nfr(partner.id)
    at(addDays(new Date(START), 89))
    await runProgramDay(t.ctx)
    expect(await verdictsOf(partner.id)).toEqual([])

    at(addDays(new Date(START), 91))
    const worker = createWorker(t.ctx)
    await worker.drain()
    await runProgramDay(t.ctx)
    const verdicts = await verdictsOf(partner.id)
    expect(verdicts).toMatchObject([
      {
        kind: 'bronze_cancelled',
        at: addDays(new Date(START), 90),
        configVersion: 1,
        explanation: { tutorialCompleted: false, nfrCloudClaimed: true },
      },
    ])
    const [audits] = await t.database.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, partner.id), eq(auditLog.action, 'program.verdict_recorded')))
    expect(audits?.n).toBe(1)
    const result = await evaluation(partner.id)
    expect(result.body).toMatchObject({ standing: 'cancelled', nextLevel: null })
    expect(result.body.transitions[0]).toMatchObject({ kind: 'bronze_cancelled', recorded: true })
  })

  it("11.1: one approved user completing the Tutorial sets the partner's tutorialCompletedAt; a completion in the future is refused", async () => {
    at(new Date(START))
    const partner = await approvedPartner()
    const userId = await approvedUser(partner.id)
    const future = await complete(userId, 'partner_program_tutorial', addDays(now(), 1))
    expect(future.status).toBe(422)
    expect(future.body.code).toBe('completion_in_future')
    const [unchanged] = await t.database.db.select().from(partners).where(eq(partners.id, partner.id))
    expect(unchanged?.tutorialCompletedAt).toBeNull()

    const done = await complete(userId, 'partner_program_tutorial', addDays(now(), -2))
    expect(done.status).toBe(201)
    const [row] = await t.database.db.select().from(partners).where(eq(partners.id, partner.id))
    expect(row?.tutorialCompletedAt).toEqual(addDays(now(), -2))
    expect((await complete(userId, 'partner_program_tutorial')).body.code).toBe('completion_exists')

    const pending = await request(t.app)
      .post('/api/partner/program/users')
      .set(asPartner(t, partner.id))
      .send({ name: 'New Colleague', storeLogin: 'colleague' })
    expect((await complete(pending.body.id as string, 'partner_sales_course')).body.code).toBe(
      'partner_user_not_approved',
    )
  })

  it('2.1: the store sends an order once; the same order again answers the same, another under its id is a 409', async () => {
    const partner = await givenPartner(t)
    const body = storeOrder(partner.partnerCode, 120, 'Client GmbH')
    const first = await sendOrder(body)
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body).toMatchObject({ programAmountMinor: 12_000, rate: '1', source: 'store' })
    const again = await sendOrder(body)
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(first.body.id)
    const different = await sendOrder({ ...body, amountMinor: 13_000 })
    expect(different.status).toBe(409)
    expect(different.body).toMatchObject({ code: 'order_conflict', orderId: body.orderId })
    const rows = await t.database.db.select().from(programOrders).where(eq(programOrders.externalId, body.orderId))
    expect(rows).toHaveLength(1)
  })

  it('2.1: bad orders get a specific problem and change nothing', async () => {
    const partner = await givenPartner(t)
    const cases: [Record<string, unknown>, number, string][] = [
      [{ amountMinor: -100 }, 422, 'negative_amount'],
      [{ currency: 'XYZ' }, 422, 'unknown_currency'],
      [{ currency: 'GBP' }, 422, 'rate_required'],
      [{ currency: 'EUR', rate: '1.08' }, 422, 'rate_not_one'],
      [{ orderedAt: addDays(now(), 2).toISOString() }, 422, 'order_in_future'],
      [{ partnerCode: 'P-nobody' }, 422, 'order_partner_unknown'],
      [{ currency: 'usd' }, 400, 'validation_failed'],
    ]
    for (const [overrides, status, code] of cases) {
      const response = await sendOrder(storeOrder(partner.partnerCode, 50, 'Client', overrides))
      expect([response.status, response.body.code], JSON.stringify(overrides)).toEqual([status, code])
    }
    expect((await sendOrder(storeOrder(partner.partnerCode, 50, 'C'), 'b24pk_wrong')).body.code).toBe(
      'integration_key_invalid',
    )
    expect((await request(t.app).post('/api/system/program/orders').send({})).body.code).toBe('integration_key_missing')
    const rows = await t.database.db.select().from(programOrders).where(eq(programOrders.partnerId, partner.id))
    expect(rows).toEqual([])
    const converted = await sendOrder(
      storeOrder(partner.partnerCode, 100, 'UK Ltd', { currency: 'GBP', rate: '1.265' }),
    )
    expect(converted.body).toMatchObject({ amountMinor: 10_000, programAmountMinor: 12_650, rate: '1.265' })
  })

  it('2.1: a CSV import names every bad field by line and imports nothing; a clean file imports once', async () => {
    const partner = await givenPartner(t)
    const header =
      'partnerCode,orderId,orderedAt,clientCompany,clientAccountUrl,currency,amountMinor,rate,productCode,productName,quantity'
    const day = now().toISOString()
    const bad = [
      header,
      `${partner.partnerCode},IMP-${orderSequence}-1,${day},Client A,,USD,1000,,p1,Product,1`,
      `${partner.partnerCode},IMP-${orderSequence}-2,${day},Client B,,USD,-5,,p1,Product,1`,
      `${partner.partnerCode},IMP-${orderSequence}-3,not-a-date,Client C,,ABC,100,,p1,Product,1`,
    ].join('\n')
    const refused = await request(t.app)
      .post('/api/manager/program/orders/import')
      .set(await managerHeaders())
      .send({ csv: bad })
    expect(refused.status).toBe(422)
    expect(refused.body.code).toBe('import_invalid')
    expect(refused.body.lines).toEqual([
      { line: 3, field: 'amountMinor', message: 'is below zero' },
      expect.objectContaining({ line: 4, field: 'orderedAt' }),
    ])
    expect(await t.database.db.select().from(programOrders).where(eq(programOrders.partnerId, partner.id))).toEqual([])

    const good = [
      header,
      bad.split('\n')[1]!,
      `${partner.partnerCode},IMP-${orderSequence}-5,${day},"Client, D",,EUR,2500,,p2,Other,2`,
    ].join('\n')
    const imported = await request(t.app)
      .post('/api/manager/program/orders/import')
      .set(await managerHeaders())
      .send({ csv: good })
    expect(imported.body).toEqual({ imported: 2, alreadyRecorded: 0 })
    const twice = await request(t.app)
      .post('/api/manager/program/orders/import')
      .set(await managerHeaders())
      .send({ csv: good })
    expect(twice.body).toEqual({ imported: 0, alreadyRecorded: 2 })
  })

  it('3.1.2, 3.2, 3.3: a partner pre-qualifies for Silver at $1,000, reaches Silver with every requirement, Gold later, and is downgraded at review with $14,999', async () => {
    at(new Date(START))
    const partner = await approvedPartner()
    const userId = await approvedUser(partner.id)
    expect((await complete(userId, 'partner_program_tutorial')).status).toBe(201)
    await nfr(partner.id)
    await evidence(partner.id, ['website_endorsement'])

    at(addDays(new Date(START), 10))
    await sendOrder(storeOrder(partner.partnerCode, 999, 'Alpha Corp'))
    // 3.2: an order to the partner's own company, excluded by a manager, does not count.
    const own = await sendOrder(storeOrder(partner.partnerCode, 5_000, 'Own Holding'))
    const excluded = await request(t.app)
      .post(`/api/manager/program/orders/${own.body.id as string}/exclusion`)
      .set(await managerHeaders())
      .send({ reason: 'The end user is the partner’s parent company' })
    expect(excluded.body.exclusion).toMatchObject({ reason: 'The end user is the partner’s parent company' })
    let result = await evaluation(partner.id)
    expect(result.body.nextLevel).toMatchObject({ level: 'silver', preQualified: false })
    expect(result.body.nextLevel.preQualification[0]).toMatchObject({ kind: 'sales', current: 99_900, missing: 100 })

    await sendOrder(storeOrder(partner.partnerCode, 1, 'Alpha Corp'))
    result = await evaluation(partner.id)
    expect(result.body.nextLevel).toMatchObject({ preQualified: true, ready: false })
    const confirmEarly = await request(t.app)
      .post(`/api/manager/partners/${partner.id}/program/upgrade`)
      .set(await managerHeaders())
      .send({ level: 'silver' })
    expect(confirmEarly.body).toMatchObject({ code: 'upgrade_not_ready', readyFor: null })

    at(addDays(new Date(START), 40))
    await sendOrder(storeOrder(partner.partnerCode, 1_500, 'Beta Ltd'))
    expect((await complete(userId, 'partner_sales_course')).status).toBe(201)
    await evidence(partner.id, ['social_endorsement', 'first_line_support'])
    await runProgramDay(t.ctx)
    const queue = await request(t.app)
      .get('/api/manager/program/queue')
      .query({ queue: 'ready_for_upgrade' })
      .set(await managerHeaders())
    expect(queue.body.items).toContainEqual(expect.objectContaining({ partnerId: partner.id, readyFor: 'silver' }))
    const silver = await request(t.app)
      .post(`/api/manager/partners/${partner.id}/program/upgrade`)
      .set(await managerHeaders())
      .send({ level: 'silver' })
    expect(silver.status, JSON.stringify(silver.body)).toBe(200)
    expect(silver.body).toMatchObject({
      level: 'silver',
      levelSince: now().toISOString(),
      nextLevel: { level: 'gold' },
    })

    // Gold: $10,000 as Silver within 12 months, the Marketing Course and the judged requirements.
    at(addDays(new Date(START), 100))
    await sendOrder(storeOrder(partner.partnerCode, 10_000, 'Gamma AG'))
    expect((await complete(userId, 'marketing_course')).status).toBe(201)
    await evidence(partner.id, ['marketing_plan', 'case_study', 'webinar_or_video'])
    at(addDays(new Date(START), 101))
    const gold = await request(t.app)
      .post(`/api/manager/partners/${partner.id}/program/upgrade`)
      .set(await managerHeaders())
      .send({ level: 'gold' })
    expect(gold.body).toMatchObject({ level: 'gold', review: { targetMinor: 1_500_000, salesMinor: 0 } })
    const goldSince = now()
    const anniversary = addMonths(goldSince, 12)

    at(addDays(goldSince, 30))
    await sendOrder(storeOrder(partner.partnerCode, 14_999, 'Delta SA'))
    // The what-if: the same partner as of the day before and the day of its review.
    const before = await evaluation(partner.id, addDays(anniversary, -1))
    expect(before.body).toMatchObject({
      level: 'gold',
      review: { salesMinor: 1_499_900, missingMinor: 100, onTrack: false },
    })
    expect(before.body.transitions.at(-1)).toMatchObject({ kind: 'review_warning', recorded: false })

    at(addDays(anniversary, -59))
    await runProgramDay(t.ctx)
    expect((await verdictsOf(partner.id)).map((v) => v.kind)).toContain('review_warning')

    at(addDays(anniversary, 1))
    await runProgramDay(t.ctx)
    await runProgramDay(t.ctx)
    const verdicts = await verdictsOf(partner.id)
    // Upgraded before its 90 days ended, the partner had no Bronze check to pass.
    expect(verdicts.map((v) => [v.kind, v.levelAfter])).toEqual([
      ['upgraded', 'silver'],
      ['upgraded', 'gold'],
      ['review_warning', 'gold'],
      ['downgraded', 'silver'],
    ])
    expect(verdicts.at(-1)).toMatchObject({
      at: anniversary,
      configVersion: 1,
      explanation: { targetMinor: 1_500_000, salesMinor: 1_499_900, missingMinor: 100 },
    })
    const after = await evaluation(partner.id)
    expect(after.body).toMatchObject({ level: 'silver', levelSince: anniversary.toISOString() })
  })

  it('3.1.2: a configuration change applies only from its effective date; a draft is previewed before publishing', async () => {
    at(new Date(START))
    const partner = await approvedPartner()
    const userId = await approvedUser(partner.id)
    await complete(userId, 'partner_program_tutorial')
    await evidence(partner.id, ['website_endorsement'])
    await sendOrder(storeOrder(partner.partnerCode, 1_200, 'Omega'))
    await runProgramDay(t.ctx)

    const stricter = structuredClone(RULES_2024)
    stricter.levels.silver.upgrade!.preQualification.sales!.minSalesMinor = 150_000
    const effectiveFrom = addDays(now(), 30)
    const headers = await managerHeaders()
    const past = await request(t.app)
      .post('/api/manager/program/configurations')
      .set(headers)
      .send({ effectiveFrom: addDays(now(), -1).toISOString(), note: 'Stricter', config: stricter })
    expect(past.body.code).toBe('config_effective_in_past')
    const invalid = await request(t.app)
      .post('/api/manager/program/configurations')
      .set(headers)
      .send({
        effectiveFrom: effectiveFrom.toISOString(),
        note: 'Broken',
        config: { ...stricter, review: { periodMonths: 0 } },
      })
    expect(invalid.status).toBe(400)

    const preview = await request(t.app)
      .post('/api/manager/program/configurations/preview')
      .set(headers)
      .send({ effectiveFrom: effectiveFrom.toISOString(), config: stricter })
    expect(preview.status).toBe(200)
    expect(preview.body.evaluated).toBeGreaterThan(0)

    const published = await request(t.app)
      .post('/api/manager/program/configurations')
      .set(headers)
      .send({ effectiveFrom: effectiveFrom.toISOString(), note: 'Stricter Silver pre-qualification', config: stricter })
    expect(published.status).toBe(201)
    const version = published.body.version as number

    const dayBefore = await evaluation(partner.id, addDays(effectiveFrom, -1))
    expect(dayBefore.body).toMatchObject({ configVersion: version - 1 })
    expect(dayBefore.body.nextLevel.preQualification[0]).toMatchObject({ required: 100_000, met: true })
    const from = await evaluation(partner.id, effectiveFrom)
    expect(from.body).toMatchObject({ configVersion: version })
    expect(from.body.nextLevel.preQualification[0]).toMatchObject({ required: 150_000, met: false, missing: 30_000 })
    const list = await request(t.app).get('/api/manager/program/configurations').set(headers)
    expect(list.body.items[0]).toMatchObject({ version, effectiveFrom: effectiveFrom.toISOString() })
  })

  it('answers the partner its own program, and 404 before approval', async () => {
    const outsider = await givenPartner(t)
    expect((await request(t.app).get('/api/partner/program').set(asPartner(t, outsider.id))).body.code).toBe(
      'membership_not_found',
    )
    const partner = await approvedPartner()
    const mine = await request(t.app).get('/api/partner/program').set(asPartner(t, partner.id))
    expect(mine.body).toMatchObject({
      partnerId: partner.id,
      level: 'bronze',
      bronzeConditions: { checks: expect.any(Array) },
    })
  })
})
