import { and, asc, eq, gt, isNotNull } from 'drizzle-orm'
import {
  evaluateProgram,
  levelBelow,
  type ConfigVersion,
  type ProgramConfig,
  type ProgramEvaluation,
} from '../../../shared/domain/program'
import { PARTNER_STATUSES, type PartnerStatus } from '../../../shared/domain/partner-statuses'
import type { AppContext } from '../../context'
import type { Executor } from '../../db/client'
import { partners, programMemberships, programVerdicts } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { conflict, notFound, unprocessable } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { recordAudit } from '../audit'
import { loadConfigVersions } from './config.service'
import { loadProgramFacts } from './facts.repository'
import { recordTransitions, refreshMemberships } from './program-day'
import { presentEvaluation } from './program.presenter'

async function assertPartner(executor: Executor, partnerId: string) {
  const [row] = await executor.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId))
  if (!row) throw notFound('partner_not_found', 'No partner has this id.')
}

/** The partner's evaluation as of `asOf` from the facts known now. @throws `membership_not_found` (404). */
export async function evaluatePartner(executor: Executor, partnerId: string, asOf: Date) {
  const versions = await loadConfigVersions(executor)
  const facts = await loadProgramFacts(executor, [partnerId])
  const found = facts.get(partnerId)
  if (!found) throw notFound('membership_not_found', 'The partner has not been approved into the program.')
  return evaluateProgram(found.facts, versions, asOf)
}

/** @throws AppError `partner_not_found`, `membership_not_found` (404). */
export async function getEvaluation(ctx: AppContext, partnerId: string, asOf: string | undefined) {
  await assertPartner(ctx.db, partnerId)
  const at = asOf ? new Date(asOf) : ctx.clock.now()
  return presentEvaluation(partnerId, await evaluatePartner(ctx.db, partnerId, at))
}

export async function getMyProgram(ctx: AppContext, partnerId: string) {
  return presentEvaluation(partnerId, await evaluatePartner(ctx.db, partnerId, ctx.clock.now()))
}

/**
 * Records the partner's approval into the program: Bronze from `approvedAt` (3.1.1).
 * @throws AppError `partner_not_found` (404), `approval_in_future` (422), `membership_exists` (409).
 */
export async function startMembership(ctx: AppContext, actor: ManagerActor, partnerId: string, approvedAt: string) {
  const now = ctx.clock.now()
  const at = new Date(approvedAt)
  if (at.getTime() > now.getTime()) throw unprocessable('approval_in_future', 'The approval date is later than now.')
  return withTransaction(ctx.db, async (tx) => {
    await assertPartner(tx, partnerId)
    const [row] = await tx
      .insert(programMemberships)
      .values({ partnerId, approvedAt: at, levelSince: at, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning()
    if (!row) throw conflict('membership_exists', 'The partner is in the program already.')
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'program.membership_started',
      entity: { type: 'partner', id: partnerId },
      after: { approvedAt: at.toISOString() },
    })
    return presentEvaluation(partnerId, await settle(tx, partnerId, now))
  })
}

/** Evaluates one partner now, records what is due and refreshes its queue entry, in the caller's transaction. */
async function settle(executor: Executor, partnerId: string, now: Date): Promise<ProgramEvaluation> {
  return withTransaction(executor, async (tx) => {
    const evaluation = await evaluatePartner(tx, partnerId, now)
    await recordTransitions(tx, [[partnerId, evaluation]], now)
    await refreshMemberships(tx, [[partnerId, evaluation]], now)
    return evaluation
  })
}

/**
 * A manager confirms the next level (3.1.2, 3.1.3) when the partner is ready for it now; this date becomes the
 * status confirmation date the yearly review counts from.
 * @throws AppError `partner_not_found`, `membership_not_found` (404), `upgrade_not_ready` (409).
 */
export async function confirmUpgrade(ctx: AppContext, actor: ManagerActor, partnerId: string, level: PartnerStatus) {
  const now = ctx.clock.now()
  return withTransaction(ctx.db, async (tx) => {
    await assertPartner(tx, partnerId)
    await tx.select().from(programMemberships).where(eq(programMemberships.partnerId, partnerId)).for('update')
    const before = await evaluatePartner(tx, partnerId, now)
    const readyFor = before.nextLevel?.ready ? before.nextLevel.level : null
    if (readyFor !== level)
      throw conflict('upgrade_not_ready', `The partner is not ready for ${level} now.`, { readyFor })
    await recordTransitions(tx, [[partnerId, before]], now)
    await tx.insert(programVerdicts).values({
      partnerId,
      kind: 'upgraded',
      at: now,
      levelBefore: before.level,
      levelAfter: level,
      configVersion: before.configVersion,
      explanation: { type: 'manager_confirmation', requirements: before.nextLevel },
      actorType: 'manager',
      actorId: actor.managerId,
      recordedAt: now,
    })
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'program.upgrade_confirmed',
      entity: { type: 'partner', id: partnerId },
      before: { level: before.level, levelSince: before.levelSince.toISOString() },
      after: { level, levelSince: now.toISOString(), configVersion: before.configVersion },
    })
    return presentEvaluation(partnerId, await settle(tx, partnerId, now))
  })
}

const QUEUE_LIMIT = 500

/** The ready-for-upgrade queue or the zero-activity candidates, from the last daily evaluation. */
export async function listQueue(ctx: AppContext, queue: 'ready_for_upgrade' | 'zero_activity') {
  const rows = await ctx.db
    .select({
      partnerId: programMemberships.partnerId,
      companyName: partners.companyName,
      level: programMemberships.level,
      readyFor: programMemberships.readyFor,
      zeroActivity: programMemberships.zeroActivity,
      evaluatedAt: programMemberships.evaluatedAt,
    })
    .from(programMemberships)
    .innerJoin(partners, eq(partners.id, programMemberships.partnerId))
    .where(
      and(
        eq(programMemberships.standing, 'active'),
        queue === 'ready_for_upgrade'
          ? isNotNull(programMemberships.readyFor)
          : eq(programMemberships.zeroActivity, true),
      ),
    )
    .orderBy(asc(programMemberships.evaluatedAt), asc(programMemberships.partnerId))
    .limit(QUEUE_LIMIT)
  return { items: rows.map((row) => ({ ...row, evaluatedAt: row.evaluatedAt?.toISOString() ?? null })) }
}

/** Would a review held on `at` lower the level under these versions? */
function atRisk(evaluation: ProgramEvaluation): boolean {
  return Boolean(evaluation.review && !evaluation.review.onTrack && levelBelow(evaluation.level, PARTNER_STATUSES))
}

/**
 * What a draft would change on a date, before publishing it: each active partner evaluated with the versions in
 * force and with the draft added as the newest version from that date. Up: ready for the next level only under
 * the draft; down: its year's sales would miss the draft's target at a review that day, and not the current one.
 */
export async function previewConfiguration(ctx: AppContext, draft: ProgramConfig, effectiveFrom: string | undefined) {
  const at = effectiveFrom ? new Date(effectiveFrom) : ctx.clock.now()
  const versions = await loadConfigVersions(ctx.db)
  const draftVersion: ConfigVersion = {
    version: Math.max(0, ...versions.map((v) => v.version)) + 1,
    effectiveFrom: at,
    config: draft,
  }
  const withDraft = [...versions, draftVersion]
  const counts = { evaluated: 0, movedUp: 0, movedDown: 0, noLongerReady: 0, noLongerAtRisk: 0 }
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const page = await ctx.db
      .select({ partnerId: programMemberships.partnerId })
      .from(programMemberships)
      .where(and(eq(programMemberships.standing, 'active'), gtId(after)))
      .orderBy(asc(programMemberships.partnerId))
      .limit(QUEUE_LIMIT)
    if (page.length === 0) break
    after = page.at(-1)!.partnerId
    const facts = await loadProgramFacts(
      ctx.db,
      page.map((p) => p.partnerId),
    )
    for (const { facts: partnerFacts } of facts.values()) {
      const current = evaluateProgram(partnerFacts, versions, at)
      if (current.standing !== 'active' || !current.started) continue
      const drafted = evaluateProgram(partnerFacts, withDraft, at)
      counts.evaluated++
      const [wasReady, isReady] = [Boolean(current.nextLevel?.ready), Boolean(drafted.nextLevel?.ready)]
      if (isReady && !wasReady) counts.movedUp++
      if (wasReady && !isReady) counts.noLongerReady++
      const [wasAtRisk, isAtRisk] = [atRisk(current), atRisk(drafted)]
      if (isAtRisk && !wasAtRisk) counts.movedDown++
      if (wasAtRisk && !isAtRisk) counts.noLongerAtRisk++
    }
    if (page.length < QUEUE_LIMIT) break
  }
  return { asOf: at.toISOString(), ...counts }
}

function gtId(after: string) {
  return gt(programMemberships.partnerId, after)
}
