import { asc, eq, inArray } from 'drizzle-orm'
import type { PartnerStatus } from '../../../shared/domain/partner-statuses'
import { addMonths, versionAt, type NfrKind, type ProgramCourse } from '../../../shared/domain/program'
import type { AppContext } from '../../context'
import type { Executor } from '../../db/client'
import { courseCompletions, nfrClaims, partnerUsers, partners, programMemberships } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { conflict, notFound, unprocessable } from '../../errors'
import type { ManagerActor, PartnerActor } from '../../http/auth/actors'
import { recordAudit } from '../audit'
import { recordTutorialCompletion } from '../partners'
import { loadConfigVersions } from './config.service'

type UserRow = typeof partnerUsers.$inferSelect

async function presentUsers(executor: Executor, rows: UserRow[]) {
  const completions = rows.length
    ? await executor
        .select()
        .from(courseCompletions)
        .where(
          inArray(
            courseCompletions.partnerUserId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(courseCompletions.completedAt))
    : []
  return rows.map((row) => ({
    id: row.id,
    partnerId: row.partnerId,
    name: row.name,
    storeLogin: row.storeLogin,
    status: row.status,
    addedAt: row.addedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
    completions: completions
      .filter((c) => c.partnerUserId === row.id)
      .map((c) => ({ course: c.course, completedAt: c.completedAt.toISOString() })),
  }))
}

async function presentUser(executor: Executor, row: UserRow) {
  return (await presentUsers(executor, [row]))[0]!
}

export async function listUsers(executor: Executor, partnerId: string) {
  const rows = await executor
    .select()
    .from(partnerUsers)
    .where(eq(partnerUsers.partnerId, partnerId))
    .orderBy(asc(partnerUsers.addedAt))
  return { items: await presentUsers(executor, rows) }
}

export async function listUsersForManager(ctx: AppContext, partnerId: string) {
  const [partner] = await ctx.db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId))
  if (!partner) throw notFound('partner_not_found', 'No partner has this id.')
  return listUsers(ctx.db, partnerId)
}

/** The main user adds an employee (6.2); linked once a manager approves. @throws `partner_user_exists` (409). */
export async function addUser(ctx: AppContext, actor: PartnerActor, body: { name: string; storeLogin: string }) {
  const now = ctx.clock.now()
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(partnerUsers)
      .values({ partnerId: actor.partnerId, name: body.name, storeLogin: body.storeLogin, addedAt: now })
      .onConflictDoNothing()
      .returning()
    if (!row) throw conflict('partner_user_exists', 'A user with this store login is added already.')
    await recordAudit(tx, {
      at: now,
      actor: { type: 'partner', id: actor.partnerId },
      action: 'partner_user.added',
      entity: { type: 'partner_user', id: row.id },
      after: { partnerId: actor.partnerId },
    })
    return presentUser(tx, row)
  })
}

/** @throws AppError `partner_user_not_found` (404), `partner_user_already_decided` (409). */
export async function decideUser(
  ctx: AppContext,
  actor: ManagerActor,
  userId: string,
  accept: boolean,
  reason: string,
) {
  const now = ctx.clock.now()
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(partnerUsers).where(eq(partnerUsers.id, userId)).for('update')
    if (!row) throw notFound('partner_user_not_found', 'No user has this id.')
    if (row.status !== 'pending') throw conflict('partner_user_already_decided', `The user is ${row.status} already.`)
    const [updated] = await tx
      .update(partnerUsers)
      .set({
        status: accept ? 'approved' : 'rejected',
        decidedAt: now,
        decidedBy: actor.managerId,
        decisionReason: reason,
      })
      .where(eq(partnerUsers.id, userId))
      .returning()
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: accept ? 'partner_user.approved' : 'partner_user.rejected',
      entity: { type: 'partner_user', id: userId },
      before: { status: row.status },
      after: { status: updated!.status },
    })
    return presentUser(tx, updated!)
  })
}

/**
 * A user's course completion (11). The first Tutorial of any approved user makes the partner's
 * `tutorialCompletedAt` (the date the request app reads) the earliest such completion.
 * @throws AppError `partner_user_not_found` (404), `completion_in_future` (422), `partner_user_not_approved`,
 * `completion_exists` (409).
 */
export async function recordCompletion(
  ctx: AppContext,
  actor: ManagerActor,
  userId: string,
  course: ProgramCourse,
  completedAt: string,
) {
  const now = ctx.clock.now()
  const at = new Date(completedAt)
  return withTransaction(ctx.db, async (tx) => {
    const [user] = await tx.select().from(partnerUsers).where(eq(partnerUsers.id, userId))
    if (!user) throw notFound('partner_user_not_found', 'No user has this id.')
    if (at.getTime() > now.getTime())
      throw unprocessable('completion_in_future', 'The completion date is later than now.')
    if (user.status !== 'approved')
      throw conflict('partner_user_not_approved', 'Only users a manager approved are linked to the partner.')
    const [row] = await tx
      .insert(courseCompletions)
      .values({
        partnerUserId: userId,
        partnerId: user.partnerId,
        course,
        completedAt: at,
        recordedBy: actor.managerId,
        recordedAt: now,
      })
      .onConflictDoNothing()
      .returning()
    if (!row) throw conflict('completion_exists', 'This user completed this course already.')
    if (course === 'partner_program_tutorial') await recordTutorialCompletion(tx, user.partnerId, at, now)
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'partner_user.course_completed',
      entity: { type: 'partner_user', id: userId },
      after: { partnerId: user.partnerId, course, completedAt: at.toISOString() },
    })
    return presentUser(tx, user)
  })
}

/**
 * A granted NFR copy (7.1, 7.2); it runs for the months the configuration gives the partner's level.
 * @throws AppError `partner_not_found`, `membership_not_found` (404), `nfr_grant_in_future` (422).
 */
export async function recordNfr(
  ctx: AppContext,
  actor: ManagerActor,
  partnerId: string,
  body: { kind: NfrKind; grantedAt: string; accountUrl: string | null },
) {
  const now = ctx.clock.now()
  const grantedAt = new Date(body.grantedAt)
  return withTransaction(ctx.db, async (tx) => {
    const [partner] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId))
    if (!partner) throw notFound('partner_not_found', 'No partner has this id.')
    const [membership] = await tx
      .select({ level: programMemberships.level })
      .from(programMemberships)
      .where(eq(programMemberships.partnerId, partnerId))
    if (!membership) throw notFound('membership_not_found', 'The partner has not been approved into the program.')
    if (grantedAt.getTime() > now.getTime())
      throw unprocessable('nfr_grant_in_future', 'The grant date is later than now.')
    const config = versionAt(await loadConfigVersions(tx), grantedAt).config
    const benefits = config.levels[membership.level as PartnerStatus].benefits
    const months = body.kind === 'cloud' ? benefits.nfrCloud.months : benefits.nfrOnPremise.months
    const [row] = await tx
      .insert(nfrClaims)
      .values({
        partnerId,
        kind: body.kind,
        accountUrl: body.accountUrl,
        grantedAt,
        endsAt: addMonths(grantedAt, months),
        recordedBy: actor.managerId,
        recordedAt: now,
      })
      .returning()
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'nfr_claim.recorded',
      entity: { type: 'nfr_claim', id: row!.id },
      after: { partnerId, kind: body.kind, grantedAt: grantedAt.toISOString(), endsAt: row!.endsAt.toISOString() },
    })
    return {
      id: row!.id,
      kind: row!.kind,
      grantedAt: row!.grantedAt.toISOString(),
      endsAt: row!.endsAt.toISOString(),
      accountUrl: row!.accountUrl,
    }
  })
}
