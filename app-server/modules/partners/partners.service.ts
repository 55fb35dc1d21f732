import { and, eq, gt, isNull, or } from 'drizzle-orm'
import { z } from 'zod'
import { ineligibilities, type Ineligibility } from '../../../shared/domain/eligibility'
import { MAX_ADDITIONAL_LOCATIONS } from '../../../shared/domain/reservation-rules'
import type { CreatePartnerInput, UpdatePartnerInput } from '../../../shared/schemas/partner.schema'
import type { AppContext } from '../../context'
import type { Executor, Tx } from '../../db/client'
import { partners } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../errors'
import type { ManagerActor, PartnerActor } from '../../http/auth/actors'
import { keysetCursor } from '../../http/keyset-page'
import { recordAudit, type AuditAction } from '../audit'
import { restrictedAmong } from '../territories'
import { eligibilityFactsOf, presentPartner } from './partners.presenter'
import {
  additionalLocationsOf,
  findPartnerWithLocations,
  listPartnerRows,
  replaceAdditionalLocations,
  type PartnerWithLocations,
} from './partners.repository'

const toDate = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value)

async function loadOrThrow(tx: Executor, id: string, forUpdate = false): Promise<PartnerWithLocations> {
  const partner = await findPartnerWithLocations(tx, id, { forUpdate })
  if (!partner) throw notFound('partner_not_found', 'No partner has this id.')
  return partner
}

async function auditPartner(
  tx: Tx,
  ctx: AppContext,
  actor: ManagerActor,
  action: AuditAction,
  before: PartnerWithLocations | null,
  after: PartnerWithLocations,
) {
  const now = ctx.clock.now()
  await recordAudit(tx, {
    at: now,
    actor: { type: 'manager', id: actor.managerId },
    action,
    entity: { type: 'partner', id: after.id },
    before: before ? presentPartner(before, now) : null,
    after: presentPartner(after, now),
  })
}

/** @throws AppError `partner_code_taken` (409). */
export async function createPartner(ctx: AppContext, actor: ManagerActor, input: CreatePartnerInput) {
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now()
    const [row] = await tx
      .insert(partners)
      .values({
        ...input,
        tutorialCompletedAt: toDate(input.tutorialCompletedAt) ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: partners.partnerCode })
      .returning()
    if (!row) throw conflict('partner_code_taken', `A partner with the id ${input.partnerCode} exists already.`)
    const created = { ...row, additionalLocations: [] }
    await auditPartner(tx, ctx, actor, 'partner.created', null, created)
    return presentPartner(created, now)
  })
}

/** @throws AppError `partner_not_found` (404). */
export async function updatePartner(ctx: AppContext, actor: ManagerActor, id: string, input: UpdatePartnerInput) {
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadOrThrow(tx, id, true)
    const { tutorialCompletedAt, ...rest } = input
    const [row] = await tx
      .update(partners)
      .set({
        ...rest,
        ...(tutorialCompletedAt !== undefined ? { tutorialCompletedAt: toDate(tutorialCompletedAt) } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(partners.id, id))
      .returning()
    const after = { ...row!, additionalLocations: before.additionalLocations }
    await auditPartner(tx, ctx, actor, 'partner.updated', before, after)
    return presentPartner(after, ctx.clock.now())
  })
}

export async function getPartner(ctx: AppContext, id: string) {
  return presentPartner(await loadOrThrow(ctx.db, id), ctx.clock.now())
}

const nameCursor = keysetCursor({ name: z.string(), id: z.uuid() })

export async function listPartners(
  ctx: AppContext,
  query: { search?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const afterName = nameCursor.decode(query.cursor)
  const rows = await listPartnerRows(ctx.db, { search: query.search, afterName, limit: query.limit })
  const page = nameCursor.page(rows, query.limit, (row) => ({ name: row.companyName, id: row.id }))
  const locations = await additionalLocationsOf(
    ctx.db,
    page.items.map((row) => row.id),
  )
  const now = ctx.clock.now()
  return {
    items: page.items.map((row) => presentPartner({ ...row, additionalLocations: locations.get(row.id) ?? [] }, now)),
    nextCursor: page.nextCursor,
  }
}

/**
 * Checks a set of additional locations against the rules: at most 3, none restricted, not the registered country.
 * @throws AppError `too_many_locations` (422), `country_restricted` (422), `location_is_registered_country` (422).
 */
async function assertValidLocations(tx: Executor, partner: PartnerWithLocations, additional: string[]) {
  if (additional.length > MAX_ADDITIONAL_LOCATIONS) {
    throw unprocessable(
      'too_many_locations',
      `A partner covers its registered country and at most ${MAX_ADDITIONAL_LOCATIONS} additional locations.`,
      {
        maxAdditional: MAX_ADDITIONAL_LOCATIONS,
      },
    )
  }
  if (additional.includes(partner.registeredCountry)) {
    throw unprocessable(
      'location_is_registered_country',
      `${partner.registeredCountry} is the registered country; it is always covered.`,
    )
  }
  const restricted = await restrictedAmong(tx, additional)
  if (restricted.length > 0) {
    throw unprocessable(
      'country_restricted',
      `Bitrix24 products cannot be distributed to ${restricted.join(', ')} (rules 2.4).`,
      { countries: restricted },
    )
  }
}

/** A manager sets any partner's additional locations and may lock them. Audited. */
export async function setPartnerLocations(
  ctx: AppContext,
  actor: ManagerActor,
  id: string,
  input: { additional: string[]; locked?: boolean | undefined },
) {
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadOrThrow(tx, id, true)
    await assertValidLocations(tx, before, input.additional)
    const now = ctx.clock.now()
    await replaceAdditionalLocations(tx, id, input.additional, now)
    const locked = input.locked ?? before.locationsLocked
    const [row] = await tx
      .update(partners)
      .set({ locationsLocked: locked, updatedAt: now })
      .where(eq(partners.id, id))
      .returning()
    const after = { ...row!, additionalLocations: input.additional }
    await auditPartner(tx, ctx, actor, 'partner.locations_set', before, after)
    return presentPartner(after, now)
  })
}

/**
 * A partner chooses its own additional locations, unless a manager locked them. Audited.
 * @throws AppError `locations_locked` (403) and the location rule codes.
 */
export async function setMyLocations(ctx: AppContext, actor: PartnerActor, additional: string[]) {
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadOrThrow(tx, actor.partnerId, true)
    if (before.locationsLocked) {
      throw forbidden(
        'locations_locked',
        'A Bitrix24 partner manager has fixed your locations; ask them to change them.',
      )
    }
    await assertValidLocations(tx, before, additional)
    const now = ctx.clock.now()
    await replaceAdditionalLocations(tx, actor.partnerId, additional, now)
    await tx.update(partners).set({ updatedAt: now }).where(eq(partners.id, actor.partnerId))
    const after = { ...before, additionalLocations: additional, updatedAt: now }
    await recordAudit(tx, {
      at: now,
      actor: { type: 'partner', id: actor.partnerId },
      action: 'partner.locations_set',
      entity: { type: 'partner', id: actor.partnerId },
      before: { additional: before.additionalLocations },
      after: { additional },
    })
    return after
  })
}

/** Withdraws a partner's access to requests until a date, or permanently (rules 13.4). Audited. */
export async function suspendPartner(
  ctx: AppContext,
  actor: ManagerActor,
  id: string,
  input: { until: string | null; reason: string },
) {
  const now = ctx.clock.now()
  const until = input.until === null ? null : new Date(input.until)
  if (until && until.getTime() <= now.getTime()) {
    throw unprocessable(
      'suspension_in_past',
      'The end of the suspension must be in the future; use null for a permanent one.',
    )
  }
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadOrThrow(tx, id, true)
    const [row] = await tx
      .update(partners)
      .set({ suspendedAt: now, suspendedUntil: until, suspensionReason: input.reason, updatedAt: now })
      .where(eq(partners.id, id))
      .returning()
    const after = { ...row!, additionalLocations: before.additionalLocations }
    await auditPartner(tx, ctx, actor, 'partner.suspended', before, after)
    return presentPartner(after, now)
  })
}

/** Restores a suspended partner's access to requests. Audited. */
export async function restorePartner(ctx: AppContext, actor: ManagerActor, id: string) {
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadOrThrow(tx, id, true)
    if (!before.suspendedAt) throw conflict('partner_not_suspended', 'The partner is not suspended.')
    const now = ctx.clock.now()
    const [row] = await tx
      .update(partners)
      .set({ suspendedAt: null, suspendedUntil: null, suspensionReason: null, updatedAt: now })
      .where(eq(partners.id, id))
      .returning()
    const after = { ...row!, additionalLocations: before.additionalLocations }
    await auditPartner(tx, ctx, actor, 'partner.restored', before, after)
    return presentPartner(after, now)
  })
}

/** The partner behind a session. @throws AppError `partner_not_found` (404) when it no longer exists. */
export async function loadSessionPartner(tx: Executor, partnerId: string, options: { forUpdate?: boolean } = {}) {
  const partner = await findPartnerWithLocations(tx, partnerId, options)
  if (!partner) throw notFound('partner_not_found', 'The partner account of this session no longer exists.')
  return partner
}

/**
 * The first reason the partner may not see or reserve requests, as the problem to send.
 * @throws AppError `partner_not_approved`, `tutorial_not_completed`, `partner_suspended` (403).
 */
export function assertEligible(partner: PartnerWithLocations, now: Date): void {
  const [reason] = ineligibilities(eligibilityFactsOf(partner), now)
  if (reason) throw eligibilityError(reason)
}

const INELIGIBLE_MESSAGES = {
  partner_not_approved: 'Your Bitrix24 Partner Program application is not approved yet.',
  tutorial_not_completed: 'Complete the Bitrix24 Partner Program Tutorial to receive implementation requests.',
  partner_suspended: 'Your access to implementation requests is suspended.',
}

/** The refusal for a partner kept away from requests, the same on the feed and on reserving (403). */
export function eligibilityError(reason: Ineligibility): AppError {
  const until = reason.code === 'partner_suspended' ? reason.until : undefined
  return new AppError({
    status: 403,
    code: reason.code,
    title: 'Forbidden',
    detail:
      INELIGIBLE_MESSAGES[reason.code] +
      (until
        ? ` It ends on ${until.toISOString()}.`
        : reason.code === 'partner_suspended'
          ? ' The suspension is permanent.'
          : ''),
    extensions: reason.code === 'partner_suspended' ? { until: until ? until.toISOString() : null } : {},
  })
}

/** The countries a partner receives requests from: registered plus additional, less any restricted since. */
export async function coverageOf(tx: Executor, partner: PartnerWithLocations): Promise<string[]> {
  const all = [partner.registeredCountry, ...partner.additionalLocations]
  const restricted = new Set(await restrictedAmong(tx, all))
  return all.filter((country) => !restricted.has(country))
}

/**
 * The partner's Tutorial date follows from its users' completions (rules 11.1): the earliest completion by any of
 * them. Called by the program module when a completion is recorded, in its transaction.
 * @returns whether the date changed.
 */
export async function recordTutorialCompletion(tx: Tx, partnerId: string, completedAt: Date, now: Date) {
  const rows = await tx
    .update(partners)
    .set({ tutorialCompletedAt: completedAt, updatedAt: now })
    .where(
      and(
        eq(partners.id, partnerId),
        or(isNull(partners.tutorialCompletedAt), gt(partners.tutorialCompletedAt, completedAt)),
      ),
    )
    .returning({ id: partners.id })
  return rows.length > 0
}
