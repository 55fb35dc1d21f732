import { and, eq, inArray, isNotNull, max, min, sql } from 'drizzle-orm'
import type { ProgramFacts } from '../../../shared/domain/program'
import type { Executor } from '../../db/client'
import {
  courseCompletions,
  nfrClaims,
  partnerUsers,
  programEvidence,
  programMemberships,
  programOrders,
  programVerdicts,
  reservations,
} from '../../db/schema'

export type MembershipRow = typeof programMemberships.$inferSelect

/** A partner in the program with the facts the engine reads. */
export interface PartnerProgramFacts {
  membership: MembershipRow
  facts: ProgramFacts
}

function group<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const key = keyOf(row)
    const list = groups.get(key)
    if (list) list.push(row)
    else groups.set(key, [row])
  }
  return groups
}

/**
 * The facts of these partners (those in the program), a few statements for the whole batch whatever its size:
 * the daily job and the evaluation of one partner read them the same way.
 */
export async function loadProgramFacts(
  executor: Executor,
  partnerIds: string[],
): Promise<Map<string, PartnerProgramFacts>> {
  const result = new Map<string, PartnerProgramFacts>()
  if (partnerIds.length === 0) return result
  const memberships = await executor
    .select()
    .from(programMemberships)
    .where(inArray(programMemberships.partnerId, partnerIds))
  const ids = memberships.map((m) => m.partnerId)
  if (ids.length === 0) return result

  const [completions, claims, evidence, orders, verdicts, activity] = await Promise.all([
    executor
      .select({
        partnerId: courseCompletions.partnerId,
        course: courseCompletions.course,
        completedAt: min(courseCompletions.completedAt),
      })
      .from(courseCompletions)
      .innerJoin(partnerUsers, eq(partnerUsers.id, courseCompletions.partnerUserId))
      .where(and(inArray(courseCompletions.partnerId, ids), eq(partnerUsers.status, 'approved')))
      .groupBy(courseCompletions.partnerId, courseCompletions.course),
    executor
      .select({ partnerId: nfrClaims.partnerId, kind: nfrClaims.kind, grantedAt: nfrClaims.grantedAt })
      .from(nfrClaims)
      .where(inArray(nfrClaims.partnerId, ids)),
    executor
      .select({
        partnerId: programEvidence.partnerId,
        kind: programEvidence.kind,
        decidedAt: programEvidence.decidedAt,
      })
      .from(programEvidence)
      .where(and(inArray(programEvidence.partnerId, ids), eq(programEvidence.status, 'accepted'))),
    executor
      .select({
        partnerId: programOrders.partnerId,
        orderedAt: programOrders.orderedAt,
        programAmountMinor: programOrders.programAmountMinor,
        clientKey: programOrders.clientKey,
        excluded: sql<boolean>`${programOrders.excludedAt} is not null`,
      })
      .from(programOrders)
      .where(inArray(programOrders.partnerId, ids)),
    executor
      .select({
        partnerId: programVerdicts.partnerId,
        kind: programVerdicts.kind,
        at: programVerdicts.at,
        levelAfter: programVerdicts.levelAfter,
      })
      .from(programVerdicts)
      .where(inArray(programVerdicts.partnerId, ids)),
    executor
      .select({
        partnerId: reservations.partnerId,
        reservedAt: max(reservations.reservedAt),
        outcomeAt: max(reservations.outcomeAt),
      })
      .from(reservations)
      .where(and(inArray(reservations.partnerId, ids), isNotNull(reservations.reservedAt)))
      .groupBy(reservations.partnerId),
  ])
  const completionsOf = group(completions, (r) => r.partnerId)
  const claimsOf = group(claims, (r) => r.partnerId)
  const evidenceOf = group(evidence, (r) => r.partnerId)
  const ordersOf = group(orders, (r) => r.partnerId)
  const verdictsOf = group(verdicts, (r) => r.partnerId)
  const activityOf = new Map(activity.map((r) => [r.partnerId, r]))
  const toDate = (value: Date | string | null) => (value === null ? null : new Date(value))

  for (const membership of memberships) {
    const id = membership.partnerId
    const last = activityOf.get(id)
    const lastAt = [toDate(last?.reservedAt ?? null), toDate(last?.outcomeAt ?? null)]
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0]
    result.set(id, {
      membership,
      facts: {
        approvedAt: membership.approvedAt,
        completions: (completionsOf.get(id) ?? []).map((c) => ({
          course: c.course,
          completedAt: toDate(c.completedAt)!,
        })),
        nfrClaims: (claimsOf.get(id) ?? []).map((c) => ({ kind: c.kind, grantedAt: c.grantedAt })),
        acceptedEvidence: (evidenceOf.get(id) ?? []).map((e) => ({ kind: e.kind, acceptedAt: e.decidedAt! })),
        orders: (ordersOf.get(id) ?? []).map((o) => ({
          orderedAt: o.orderedAt,
          programAmountMinor: Number(o.programAmountMinor),
          clientKey: o.clientKey,
          excluded: Boolean(o.excluded),
        })),
        verdicts: (verdictsOf.get(id) ?? []).map((v) => ({ kind: v.kind, at: v.at, levelAfter: v.levelAfter })),
        lastRequestActivityAt: lastAt ?? null,
      },
    })
  }
  return result
}
