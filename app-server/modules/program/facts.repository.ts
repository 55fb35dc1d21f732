import type { NfrKind, ProgramCourse, ProgramFacts, EvidenceKind, VerdictKind } from '../../../shared/domain/program'
import type { PartnerStatus } from '../../../shared/domain/partner-statuses'
import { queryRows, sql, type Executor } from '../../db/client'

/** A partner in the program with the facts the engine reads. */
export interface PartnerProgramFacts {
  partnerId: string
  facts: ProgramFacts
}

interface FactsRow {
  partner_id: string
  approved_at: number
  completions: [ProgramCourse, number][]
  nfr: [NfrKind, number][]
  evidence: [EvidenceKind, number][]
  orders: [number, number | string, string, boolean][]
  verdicts: [VerdictKind, number, PartnerStatus | null][]
  last_activity: number | null
}

/** Epoch milliseconds: JSON carries numbers faster than timestamps the driver would parse one by one. */
const ms = (column: ReturnType<typeof sql>) => sql`(extract(epoch from ${column}) * 1000)::float8`

/**
 * The facts of these partners (those in the program) in one statement, one row per partner with its facts as JSON
 * arrays: one round trip for one partner's evaluation and for each batch of the daily run alike. Only approved
 * users' completions count (the earliest per course); the last request activity is the latest reservation or CRM
 * outcome.
 */
export async function loadProgramFacts(
  executor: Executor,
  partnerIds: string[],
): Promise<Map<string, PartnerProgramFacts>> {
  const result = new Map<string, PartnerProgramFacts>()
  if (partnerIds.length === 0) return result
  const rows = await queryRows<FactsRow>(
    executor,
    sql`
    select m.partner_id, ${ms(sql`m.approved_at`)} as approved_at,
      coalesce((select json_agg(json_build_array(c.course, ${ms(sql`c.completed_at`)}))
                from (select cc.course, min(cc.completed_at) as completed_at
                      from course_completions cc
                      join partner_users u on u.id = cc.partner_user_id and u.status = 'approved'
                      where cc.partner_id = m.partner_id group by cc.course) c), '[]') as completions,
      coalesce((select json_agg(json_build_array(n.kind, ${ms(sql`n.granted_at`)}))
                from nfr_claims n where n.partner_id = m.partner_id), '[]') as nfr,
      coalesce((select json_agg(json_build_array(e.kind, ${ms(sql`e.decided_at`)}))
                from program_evidence e where e.partner_id = m.partner_id and e.status = 'accepted'), '[]') as evidence,
      coalesce((select json_agg(json_build_array(${ms(sql`o.ordered_at`)}, o.program_amount_minor, o.client_key,
                                                 o.excluded_at is not null))
                from program_orders o where o.partner_id = m.partner_id), '[]') as orders,
      coalesce((select json_agg(json_build_array(v.kind, ${ms(sql`v.at`)}, v.level_after))
                from program_verdicts v where v.partner_id = m.partner_id), '[]') as verdicts,
      (select ${ms(sql`greatest(max(r.reserved_at), max(r.outcome_at))`)}
       from reservations r where r.partner_id = m.partner_id) as last_activity
    from program_memberships m
    where m.partner_id in ${partnerIds}`,
  )
  for (const row of rows) {
    result.set(row.partner_id, {
      partnerId: row.partner_id,
      facts: {
        approvedAt: new Date(Number(row.approved_at)),
        completions: row.completions.map(([course, at]) => ({ course, completedAt: new Date(at) })),
        nfrClaims: row.nfr.map(([kind, at]) => ({ kind, grantedAt: new Date(at) })),
        acceptedEvidence: row.evidence.map(([kind, at]) => ({ kind, acceptedAt: new Date(at) })),
        orders: row.orders.map(([at, amount, clientKey, excluded]) => ({
          orderedAt: new Date(at),
          programAmountMinor: Number(amount),
          clientKey,
          excluded,
        })),
        verdicts: row.verdicts.map(([kind, at, levelAfter]) => ({ kind, at: new Date(at), levelAfter })),
        lastRequestActivityAt: row.last_activity === null ? null : new Date(Number(row.last_activity)),
      },
    })
  }
  return result
}
