import { and, eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { auditLog, requests, reservations } from '../../app-server/db/schema'
import { withTransaction } from '../../app-server/db/transaction'
import { emit } from '../../app-server/events'
import { createWorker } from '../../app-server/jobs/registry'
import { asPartner, givenManager, givenPartner, givenRequest } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The shipped defaults for deadlines and early access, with small limits so that tests reach them. */
const RATING_ENV = {
  RATING_OPEN_LIMITS: '1,2,3,4',
  RATING_MONTHLY_LIMITS: '2,3,5,8',
  RATING_EARLY_ACCESS_HOURS: '24,6,2,0',
  RATING_FIRST_CONTACT_HOURS: '72',
  RATING_STALE_GRACE_HOURS: '48',
  RATING_RETURN_WINDOW_DAYS: '7',
}

describe('partner rating: limits, early access, stale reservations, returns and adjustments (rules 5.2)', () => {
  let t: TestApp
  let manager: Awaited<ReturnType<typeof givenManager>>
  beforeAll(async () => {
    t = await createTestApp(RATING_ENV)
  })
  // Tests move the clock by days: a fresh manager session each time.
  beforeEach(async () => {
    manager = await givenManager(t)
  })
  afterAll(() => t.close())

  /** A request published long enough ago that every tier sees it. */
  const oldRequest = () => givenRequest(t, { createdAt: new Date(t.clock.now().getTime() - 2 * DAY) })
  const reserve = (partnerId: string, requestId: string) =>
    request(t.app).post(`/api/partner/requests/${requestId}/reservation`).set(asPartner(t, partnerId))
  const release = (partnerId: string, requestId: string) =>
    request(t.app).delete(`/api/partner/requests/${requestId}/reservation`).set(asPartner(t, partnerId))
  const rating = async (partnerId: string) => {
    const response = await request(t.app).get('/api/partner/rating').set(asPartner(t, partnerId))
    expect(response.status).toBe(200)
    return response.body
  }
  const myReservations = (partnerId: string) =>
    request(t.app).get('/api/partner/reservations').set(asPartner(t, partnerId))
  const returnAsBadLead = (partnerId: string, requestId: string, body: object) =>
    request(t.app).post(`/api/partner/requests/${requestId}/reservation/return`).set(asPartner(t, partnerId)).send(body)
  const decide = (returnId: string, body: object) =>
    request(t.app).post(`/api/manager/reservation-returns/${returnId}/decision`).set(manager.headers).send(body)
  const adjust = (partnerId: string, body: object) =>
    request(t.app).post(`/api/manager/partners/${partnerId}/rating/adjustments`).set(manager.headers).send(body)
  /** Runs the background jobs as the worker would a little later (recurring jobs run once per time slot). */
  const runWorker = () => {
    t.clock.advance(20_000)
    return createWorker(t.ctx).drain()
  }

  /** The state crm-sync leaves once the lead is written into the partner's CRM. */
  async function leadInCrm(reservationId: string) {
    await t.database.db
      .update(reservations)
      .set({ crmStatus: 'in_crm', crmLeadId: '42', crmSyncedAt: t.clock.now() })
      .where(eq(reservations.id, reservationId))
  }

  /** An outcome as crm-sync records it: on the reservation, with its event, in one transaction. */
  async function outcomeFromCrm(
    reservationId: string,
    partnerId: string,
    outcome: 'won' | 'lost',
    occurredAt = t.clock.now(),
  ) {
    await withTransaction(t.database.db, async (tx) => {
      await tx.update(reservations).set({ outcome, outcomeAt: occurredAt }).where(eq(reservations.id, reservationId))
      await emit(tx, 'reservation.outcome_recorded', {
        reservationId,
        partnerId,
        outcome,
        occurredAt: occurredAt.toISOString(),
      })
    })
  }

  it('when a new partner reads its rating, then it sees the prior score, its tier, limits, the next tier and the formula', async () => {
    const partner = await givenPartner(t)
    const body = await rating(partner.id)
    expect(body).toMatchObject({
      score: 30,
      baseScore: 30,
      tier: { id: 'standard', openLimit: 2, monthlyLimit: 3, earlyAccessHours: 6 },
      limits: {
        open: { limit: 2, used: 0, resetsAt: null },
        monthly: { limit: 3, used: 0, resetsAt: null, windowDays: 30 },
        earlyAccessHours: 6,
      },
      counts: { won: 0, lost: 0, open: 0, expired: 0, returned: 0, returnPending: 0 },
      adjustments: [],
      nextTier: { tier: { id: 'trusted' }, pointsNeeded: 10, wonNeeded: 2 },
      formula: { priorWinShare: 0.3, priorWeight: 10, halfLifeDays: 90 },
    })
    expect(body.tiers.map((tier: { id: string }) => tier.id)).toEqual(['limited', 'standard', 'trusted', 'top'])
    expect(body.history).toEqual([{ at: t.clock.now().toISOString(), score: 30, tier: 'standard' }])
  })

  it('when a partner holds as many open reservations as its tier allows, then 403 reservation_quota_exceeded names the open limit', async () => {
    const partner = await givenPartner(t)
    const [first, second, third] = [await oldRequest(), await oldRequest(), await oldRequest()]
    expect((await reserve(partner.id, first.id)).status).toBe(201)
    expect((await reserve(partner.id, second.id)).status).toBe(201)
    const refused = await reserve(partner.id, third.id)
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({
      code: 'reservation_quota_exceeded',
      quota: 'open',
      tier: 'standard',
      limit: 2,
      used: 2,
      resetsAt: null,
    })
    expect((await rating(partner.id)).limits.open).toMatchObject({ limit: 2, used: 2 })
    // A decided reservation is no longer open: a Won from the CRM frees the slot in the limit.
    const [held] = await t.database.db.select().from(reservations).where(eq(reservations.requestId, first.id))
    await outcomeFromCrm(held!.id, partner.id, 'won')
    expect((await reserve(partner.id, third.id)).status).toBe(201)
  })

  it('when a partner made as many reservations in 30 days as its tier allows, then it is refused until the oldest leaves the window', async () => {
    const partner = await givenPartner(t)
    const start = t.clock.now()
    for (let i = 0; i < 3; i++) {
      const target = await oldRequest()
      expect((await reserve(partner.id, target.id)).status).toBe(201)
      expect((await release(partner.id, target.id)).status).toBe(200)
      t.clock.advance(HOUR)
    }
    const refused = await reserve(partner.id, (await oldRequest()).id)
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ code: 'reservation_quota_exceeded', quota: 'monthly', limit: 3, used: 3 })
    expect(refused.body.resetsAt).toBe(new Date(start.getTime() + 30 * DAY).toISOString())
    expect((await rating(partner.id)).limits.monthly).toMatchObject({ used: 3, resetsAt: refused.body.resetsAt })
    const feed = await request(t.app).get('/api/partner/requests').set(asPartner(t, partner.id))
    expect(feed.body.items[0].abilities).toEqual({ reserve: false, reserveDeniedReason: 'reservation_quota_exceeded' })
    t.clock.set(new Date(start.getTime() + 30 * DAY + 1000))
    expect((await reserve(partner.id, (await oldRequest()).id)).status).toBe(201)
  })

  it('when a request is new, then a top-tier partner sees and reserves it at once and a standard one after its delay', async () => {
    const top = await givenPartner(t, { registeredCountry: 'AT' })
    expect((await adjust(top.id, { delta: 50, reason: 'Proven implementation record' })).status).toBe(201)
    expect((await rating(top.id)).tier.id).toBe('top')
    const standard = await givenPartner(t, { registeredCountry: 'AT' })
    const published = t.clock.now()
    const fresh = await givenRequest(t, { country: 'AT' })
    const feedOf = async (partnerId: string) =>
      (await request(t.app).get('/api/partner/requests').set(asPartner(t, partnerId))).body.items.map(
        (item: { id: string }) => item.id,
      )
    expect(await feedOf(top.id)).toContain(fresh.id)
    expect(await feedOf(standard.id)).not.toContain(fresh.id)
    const early = await reserve(standard.id, fresh.id)
    expect(early.status).toBe(403)
    expect(early.body).toMatchObject({
      code: 'early_access_pending',
      tier: 'standard',
      visibleAt: new Date(published.getTime() + 6 * HOUR).toISOString(),
    })
    expect((await reserve(top.id, fresh.id)).status).toBe(201)
    t.clock.advance(6 * HOUR)
    expect(await feedOf(standard.id)).toContain(fresh.id)
    expect((await reserve(standard.id, fresh.id)).status).toBe(201)
  })

  it('when early access still hides requests from a tier, then its feed says how many are coming and when the next shows, and a top partner sees when each lower tier does', async () => {
    const top = await givenPartner(t, { registeredCountry: 'LU' })
    expect((await adjust(top.id, { delta: 50, reason: 'Proven implementation record' })).status).toBe(201)
    const standard = await givenPartner(t, { registeredCountry: 'LU' })
    const feedOf = async (partnerId: string, query = '') =>
      (await request(t.app).get(`/api/partner/requests${query}`).set(asPartner(t, partnerId))).body
    const visible = await givenRequest(t, { country: 'LU', createdAt: new Date(t.clock.now().getTime() - 7 * HOUR) })
    const first = await givenRequest(t, {
      country: 'LU',
      types: ['training'],
      createdAt: new Date(t.clock.now().getTime() - HOUR),
    })
    await givenRequest(t, { country: 'LU', types: ['telephony'] })
    await givenRequest(t, { country: 'LU', status: 'closed', closeReason: 'withdrawn' })

    const standardFeed = await feedOf(standard.id)
    expect(standardFeed.items.map((item: { id: string }) => item.id)).toEqual([visible.id])
    expect(standardFeed.upcoming).toEqual({
      count: 2,
      nextVisibleAt: new Date(first.createdAt.getTime() + 6 * HOUR).toISOString(),
    })
    // The filters apply to what is coming too.
    expect((await feedOf(standard.id, '?type=telephony')).upcoming.count).toBe(1)
    expect(await feedOf(top.id)).toMatchObject({ upcoming: { count: 0, nextVisibleAt: null } })

    const topItem = (await feedOf(top.id)).items.find((item: { id: string }) => item.id === first.id)
    expect(topItem.laterTiers).toEqual([
      { tier: 'trusted', visibleAt: new Date(first.createdAt.getTime() + 2 * HOUR).toISOString() },
      { tier: 'standard', visibleAt: new Date(first.createdAt.getTime() + 6 * HOUR).toISOString() },
      { tier: 'limited', visibleAt: new Date(first.createdAt.getTime() + 24 * HOUR).toISOString() },
    ])
    // Published 7 hours ago: only the limited tier still waits for it.
    const older = (await feedOf(top.id)).items.find((item: { id: string }) => item.id === visible.id)
    expect(older.laterTiers.map((entry: { tier: string }) => entry.tier)).toEqual(['limited'])
  })

  it('when a lead is Won, then it can be neither released nor returned; a Lost one cannot be released but may still be returned', async () => {
    const partner = await givenPartner(t)
    const [wonRequest, lostRequest] = [await oldRequest(), await oldRequest()]
    const won = await reserve(partner.id, wonRequest.id)
    const lost = await reserve(partner.id, lostRequest.id)
    expect(won.body.abilities).toMatchObject({ release: true, returnAsBadLead: true })
    await outcomeFromCrm(won.body.id, partner.id, 'won')
    await outcomeFromCrm(lost.body.id, partner.id, 'lost')

    const items = (await myReservations(partner.id)).body.items
    const abilitiesOf = (id: string) => items.find((item: { id: string }) => item.id === id).abilities
    expect(abilitiesOf(won.body.id)).toEqual({ release: false, returnAsBadLead: false, returnUntil: null })
    expect(abilitiesOf(lost.body.id)).toMatchObject({ release: false, returnAsBadLead: true })

    const refusedWon = await release(partner.id, wonRequest.id)
    expect(refusedWon.status).toBe(409)
    expect(refusedWon.body).toMatchObject({ code: 'lead_outcome_final', outcome: 'won' })
    const refusedLost = await release(partner.id, lostRequest.id)
    expect(refusedLost.body).toMatchObject({ code: 'lead_outcome_final', outcome: 'lost' })
    // The refused release changed nothing: the Won reservation still shows its contacts.
    const after = (await myReservations(partner.id)).body.items.find((item: { id: string }) => item.id === won.body.id)
    expect(after).toMatchObject({ status: 'active', state: 'won' })
    expect(after.contact).not.toBeNull()
    expect((await returnAsBadLead(partner.id, lostRequest.id, { reason: 'unreachable' })).status).toBe(201)
  })

  it('when a lead shows no progress, then the app warns after the first-contact deadline and releases it after the grace period, counting it expired', async () => {
    const partner = await givenPartner(t)
    const target = await oldRequest()
    const reserved = await reserve(partner.id, target.id)
    await leadInCrm(reserved.body.id)
    const synced = t.clock.now()
    const first = (await myReservations(partner.id)).body.items[0]
    expect(first.firstContact).toEqual({
      dueAt: new Date(synced.getTime() + 72 * HOUR).toISOString(),
      releaseAt: new Date(synced.getTime() + 120 * HOUR).toISOString(),
      overdue: false,
    })
    t.clock.advance(72 * HOUR)
    expect((await myReservations(partner.id)).body.items[0].firstContact.overdue).toBe(true)
    await runWorker()
    expect((await myReservations(partner.id)).body.items[0]).toMatchObject({ status: 'active' })
    t.clock.advance(48 * HOUR)
    await runWorker()
    const expired = (await myReservations(partner.id)).body.items[0]
    expect(expired).toMatchObject({ status: 'released', releaseReason: 'expired', contact: null, firstContact: null })
    expect(JSON.stringify(expired)).not.toContain(target.contactEmail)
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, target.id))
    expect(row?.reservedCount).toBe(0)
    const body = await rating(partner.id)
    expect(body.counts).toMatchObject({ expired: 1, open: 0 })
    expect(body.score).toBe(27.3)
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, reserved.body.id), eq(auditLog.action, 'reservation.expired')))
    expect(audit).toHaveLength(1)
    // The slot went back to the other partners.
    expect((await reserve((await givenPartner(t)).id, target.id)).status).toBe(201)
  })

  it('when the lead progressed in the CRM, then there is no deadline and the sweep leaves the reservation alone', async () => {
    const partner = await givenPartner(t)
    const reserved = await reserve(partner.id, (await oldRequest()).id)
    await leadInCrm(reserved.body.id)
    await t.database.db
      .update(reservations)
      .set({ crmProgressAt: t.clock.now() })
      .where(eq(reservations.id, reserved.body.id))
    t.clock.advance(200 * HOUR)
    await runWorker()
    expect((await myReservations(partner.id)).body.items[0]).toMatchObject({ status: 'active', firstContact: null })
  })

  it('when the CRM back-dates a Lost by years or dates a Won in the future, then each counts from the reservation or today', async () => {
    const partner = await givenPartner(t)
    const lost = await reserve(partner.id, (await oldRequest()).id)
    const won = await reserve(partner.id, (await oldRequest()).id)
    const now = t.clock.now()
    const event = (reservationId: string, outcome: 'won' | 'lost', occurredAt: Date) =>
      outcomeFromCrm(reservationId, partner.id, outcome, occurredAt)
    await event(lost.body.id, 'lost', new Date(now.getTime() - 5 * 365 * DAY))
    await runWorker()
    // A Lost five years old would weigh almost nothing (30.0); from the day it was reserved it counts in full.
    expect((await rating(partner.id)).score).toBe(27.3)
    await event(won.body.id, 'won', new Date(now.getTime() + 365 * DAY))
    await runWorker()
    // (1 + 3) / (2 + 10) = 33.3 now, and after one half-life both have faded alike: (0.5 + 3) / (1 + 10) = 31.8.
    expect((await rating(partner.id)).score).toBe(33.3)
    const [counted] = await t.database.db.select().from(reservations).where(eq(reservations.id, won.body.id))
    expect(counted?.ratingCountedAt?.getTime()).toBeLessThanOrEqual(t.clock.now().getTime())
    t.clock.advance(90 * DAY)
    expect((await rating(partner.id)).score).toBe(31.8)
  })

  it('when a partner returns a bad lead and a manager confirms, then it does not count and the request goes to moderation', async () => {
    const partner = await givenPartner(t)
    const target = await oldRequest()
    const reserved = await reserve(partner.id, target.id)
    expect(reserved.body.abilities).toMatchObject({ returnAsBadLead: true })
    const returned = await returnAsBadLead(partner.id, target.id, { reason: 'spam', comment: 'A bot filled the form' })
    expect(returned.status).toBe(201)
    expect(returned.body).toMatchObject({ status: 'pending', reason: 'spam', reservationId: reserved.body.id })
    const mine = (await myReservations(partner.id)).body.items[0]
    expect(mine).toMatchObject({
      status: 'released',
      releaseReason: 'returned',
      contact: null,
      return: { status: 'pending', reason: 'spam' },
    })
    const pending = await request(t.app).get('/api/manager/reservation-returns').set(manager.headers)
    expect(pending.body.items.map((item: { id: string }) => item.id)).toContain(returned.body.id)
    // A Lost learnt from the CRM meanwhile (the partner marked the lead junk) is undone by the confirmation.
    await outcomeFromCrm(reserved.body.id, partner.id, 'lost')
    await runWorker()
    expect((await rating(partner.id)).counts.lost).toBe(1)
    expect((await rating(partner.id)).limits.monthly.used).toBe(1)
    const outcomeKind = async () =>
      (await request(t.app).get(`/api/manager/partners/${partner.id}/rating`).set(manager.headers)).body.outcomes.find(
        (item: { reservationId: string }) => item.reservationId === reserved.body.id,
      )?.kind
    // The Lost counts until a manager decides.
    expect(await outcomeKind()).toBe('lost')
    const confirmed = await decide(returned.body.id, { decision: 'confirm', note: 'Fake contact details' })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toMatchObject({ status: 'confirmed', decisionNote: 'Fake contact details' })
    const body = await rating(partner.id)
    expect(body.counts).toMatchObject({ lost: 0, returned: 1 })
    expect(body.score).toBe(30)
    // A confirmed bad lead gives the reservation back to the 30-day limit.
    expect(body.limits.monthly.used).toBe(0)
    expect(await outcomeKind()).toBe('returned')
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, target.id))
    expect(row).toMatchObject({ status: 'closed', closeReason: 'under_review' })
    const moderation = await request(t.app).get(`/api/manager/requests/${target.id}`).set(manager.headers)
    expect(moderation.body).toMatchObject({ status: 'closed', closeReason: 'under_review' })
    // A later outcome of an excluded reservation is ignored.
    await outcomeFromCrm(reserved.body.id, partner.id, 'won')
    await runWorker()
    expect((await rating(partner.id)).counts).toMatchObject({ won: 0, lost: 0, returned: 1, returnPending: 0 })
    const again = await decide(returned.body.id, { decision: 'reject' })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ code: 'return_already_decided', decision: 'confirmed' })
  })

  it('when a manager rejects a return, then it counts as a Lost and the request stays open for others', async () => {
    const partner = await givenPartner(t)
    const target = await oldRequest()
    await reserve(partner.id, target.id)
    expect((await rating(partner.id)).counts).toMatchObject({ open: 1, returnPending: 0 })
    const returned = await returnAsBadLead(partner.id, target.id, { reason: 'unreachable' })
    // Waiting for the manager, the reservation is neither open nor lost, and still counted: as a pending return.
    expect((await rating(partner.id)).counts).toMatchObject({ open: 0, lost: 0, returned: 0, returnPending: 1 })
    const view = await request(t.app).get(`/api/manager/partners/${partner.id}/rating`).set(manager.headers)
    expect(view.body.outcomes).toEqual([expect.objectContaining({ requestId: target.id, kind: 'return_pending' })])
    const note = `The number answers, I wrote to ${target.contactEmail} as well`
    const rejected = await decide(returned.body.id, { decision: 'reject', note })
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: note })
    // The note stays with the return, where an erasure reaches it; the append-only audit log never holds it.
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, returned.body.id))
    expect(audit.find((entry) => entry.action === 'reservation_return.rejected')?.after).toMatchObject({
      noteRecorded: true,
    })
    expect(JSON.stringify(audit)).not.toContain(target.contactEmail)
    const body = await rating(partner.id)
    expect(body.counts).toMatchObject({ lost: 1, returned: 0, returnPending: 0 })
    expect(body.score).toBe(27.3)
    expect(body.limits.monthly.used).toBe(1)
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, target.id))
    expect(row).toMatchObject({ status: 'open', reservedCount: 0 })
  })

  it('when a manager rejects a request as spam, then it counts for no partner that held it, in the score or the limits', async () => {
    const [lostOne, holder] = [await givenPartner(t), await givenPartner(t)]
    const spam = await oldRequest()
    const lost = await reserve(lostOne.id, spam.id)
    expect((await reserve(holder.id, spam.id)).status).toBe(201)
    await outcomeFromCrm(lost.body.id, lostOne.id, 'lost')
    await runWorker()
    expect(await rating(lostOne.id)).toMatchObject({ score: 27.3, counts: { lost: 1 } })
    expect((await rating(holder.id)).limits).toMatchObject({ open: { used: 1 }, monthly: { used: 1 } })
    const rejected = await request(t.app)
      .post(`/api/manager/requests/${spam.id}/moderation`)
      .set(manager.headers)
      .send({ action: 'reject_spam', note: 'Bot submission' })
    expect(rejected.status).toBe(200)
    await runWorker()
    expect(await rating(lostOne.id)).toMatchObject({ score: 30, counts: { lost: 0, returned: 0 } })
    expect((await rating(holder.id)).limits).toMatchObject({ open: { used: 0 }, monthly: { used: 0 } })
    // The holder's lead, marked junk later, no longer counts either.
    const [held] = await t.database.db
      .select()
      .from(reservations)
      .where(and(eq(reservations.requestId, spam.id), eq(reservations.partnerId, holder.id)))
    await outcomeFromCrm(held!.id, holder.id, 'lost')
    await runWorker()
    expect(await rating(holder.id)).toMatchObject({ score: 30, counts: { lost: 0 } })
    const view = await request(t.app).get(`/api/manager/partners/${lostOne.id}/rating`).set(manager.headers)
    expect(view.body.outcomes).toEqual([expect.objectContaining({ requestId: spam.id, kind: 'rejected_spam' })])
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, spam.id), eq(auditLog.action, 'rating.spam_request_excluded')))
    expect(audit).toHaveLength(1)
  })

  it('when the return window passed or the lead is Won, then a return is refused with a specific code', async () => {
    const partner = await givenPartner(t)
    const late = await oldRequest()
    const reserved = await reserve(partner.id, late.id)
    t.clock.advance(7 * DAY + 1000)
    expect((await myReservations(partner.id)).body.items[0].abilities.returnAsBadLead).toBe(false)
    const refused = await returnAsBadLead(partner.id, late.id, { reason: 'duplicate' })
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({
      code: 'return_window_closed',
      returnUntil: new Date(new Date(reserved.body.reservedAt).getTime() + 7 * DAY).toISOString(),
    })
    const won = await oldRequest()
    const wonReservation = await reserve(partner.id, won.id)
    await outcomeFromCrm(wonReservation.body.id, partner.id, 'won')
    expect((await returnAsBadLead(partner.id, won.id, { reason: 'spam' })).body.code).toBe('won_cannot_be_returned')
    const notHeld = await returnAsBadLead(partner.id, (await oldRequest()).id, { reason: 'spam' })
    expect(notHeld.status).toBe(404)
    expect(notHeld.body.code).toBe('reservation_not_found')
    const invalid = await returnAsBadLead(partner.id, won.id, { reason: 'boring' })
    expect(invalid.status).toBe(400)
    expect(invalid.body.code).toBe('validation_failed')
    expect(invalid.body.errors[0].path).toBe('reason')
  })

  it('when a manager adjusts with an expiry, then the score moves until then; without one it stays; both are audited', async () => {
    const partner = await givenPartner(t)
    const adjusterId = manager.manager.id
    const timed = await adjust(partner.id, {
      delta: 10,
      reason: 'Webinar for the regional team',
      expiresAt: new Date(t.clock.now().getTime() + DAY).toISOString(),
    })
    expect(timed.status).toBe(201)
    expect(timed.body).toMatchObject({ delta: 10, active: true })
    expect(await rating(partner.id)).toMatchObject({ score: 40, baseScore: 30, tier: { id: 'trusted' } })
    t.clock.advance(60_000)
    const lasting = await adjust(partner.id, { delta: -5, reason: 'Complaint from a client about rudeness' })
    expect(lasting.body).toMatchObject({ delta: -5, expiresAt: null })
    expect((await rating(partner.id)).score).toBe(35)
    t.clock.advance(DAY + 1000)
    manager = await givenManager(t)
    const after = await rating(partner.id)
    expect(after).toMatchObject({ score: 25, tier: { id: 'standard' } })
    expect(after.adjustments.map((item: { id: string }) => item.id)).toEqual([lasting.body.id])
    const view = await request(t.app).get(`/api/manager/partners/${partner.id}/rating`).set(manager.headers)
    expect(view.status).toBe(200)
    expect(view.body.adjustments).toEqual([
      expect.objectContaining({ id: lasting.body.id, active: true }),
      expect.objectContaining({ id: timed.body.id, active: false }),
    ])
    const audit = await request(t.app)
      .get(`/api/manager/audit-log?entityType=partner&entityId=${partner.id}&action=rating.adjusted`)
      .set(manager.headers)
    expect(audit.body.items).toHaveLength(2)
    expect(audit.body.items.map((item: { actorId: string }) => item.actorId)).toEqual([adjusterId, adjusterId])
  })

  it('when an adjustment is malformed, then it gets a specific 4xx and nothing is stored', async () => {
    const partner = await givenPartner(t)
    const zero = await adjust(partner.id, { delta: 0, reason: 'Nothing at all' })
    expect(zero.status).toBe(400)
    expect(zero.body.errors[0].path).toBe('delta')
    const noReason = await adjust(partner.id, { delta: 5 })
    expect(noReason.status).toBe(400)
    expect(noReason.body.errors[0].path).toBe('reason')
    const past = await adjust(partner.id, {
      delta: 5,
      reason: 'Too late',
      expiresAt: new Date(t.clock.now().getTime() - 1000).toISOString(),
    })
    expect(past.status).toBe(422)
    expect(past.body.code).toBe('adjustment_expiry_in_past')
    const unknown = await adjust('00000000-0000-4000-8000-000000000000', { delta: 5, reason: 'Nobody' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.code).toBe('partner_not_found')
    expect((await rating(partner.id)).adjustments).toEqual([])
    const anonymous = await request(t.app).post(`/api/manager/partners/${partner.id}/rating/adjustments`).send({})
    expect(anonymous.status).toBe(401)
  })

  it('when the API reference is read, then the rating endpoints and both reservation refusals are described', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body
    const reserveRefusals: string =
      doc.paths['/api/partner/requests/{id}/reservation'].post.responses['403'].description
    expect(reserveRefusals).toContain('`reservation_quota_exceeded`')
    expect(reserveRefusals).toContain('`early_access_pending`')
    expect(doc.paths['/api/partner/rating'].get.operationId).toBe('getMyRating')
    expect(doc.paths['/api/partner/requests/{id}/reservation/return'].post.operationId).toBe(
      'returnReservationAsBadLead',
    )
    expect(doc.paths['/api/manager/partners/{id}/rating/adjustments'].post.operationId).toBe('adjustPartnerRating')
    expect(doc.paths['/api/manager/reservation-returns/{id}/decision'].post.operationId).toBe('decideReservationReturn')
  })

  it('when the score changes several times in a day, then the history has every change at its time', async () => {
    const partner = await givenPartner(t)
    const times: string[] = []
    for (const delta of [10, -5, 8, -13]) {
      t.clock.advance(2 * HOUR)
      times.push(t.clock.now().toISOString())
      await adjust(partner.id, { delta, reason: 'Review of the month' })
    }
    await runWorker()
    t.clock.advance(DAY)
    const body = await rating(partner.id)
    // 30 + 10 = 40, then 35, 43 and 30 again; the hourly snapshots in between change nothing and add no point.
    expect(body.history).toEqual([
      { at: times[0], score: 40, tier: 'trusted' },
      { at: times[1], score: 35, tier: 'standard' },
      { at: times[2], score: 43, tier: 'trusted' },
      { at: times[3], score: 30, tier: 'standard' },
      { at: t.clock.now().toISOString(), score: 30, tier: 'standard' },
    ])
  })

  it('when an outcome is counted, then the history has a point at the moment it was counted', async () => {
    const partner = await givenPartner(t)
    const requested = await oldRequest()
    const reserved = await reserve(partner.id, requested.id)
    await leadInCrm(reserved.body.id)
    t.clock.advance(HOUR)
    await outcomeFromCrm(reserved.body.id, partner.id, 'won')
    const countedAt = t.clock.now().getTime()
    await runWorker()
    const body = await rating(partner.id)
    // (1 + 3) / 11 = 36.4, counted by the worker that ran right after the outcome.
    const point = body.history.find((item: { score: number }) => item.score === 36.4)
    expect(point).toBeDefined()
    expect(Date.parse(point.at) - countedAt).toBeGreaterThanOrEqual(0)
    expect(Date.parse(point.at) - countedAt).toBeLessThanOrEqual(20_000)
  })
})
