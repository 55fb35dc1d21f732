import { asc, gt, sql } from 'drizzle-orm'
import { evaluateProgram, type ConfigVersion, type ProgramEvaluation } from '../../../shared/domain/program'
import type { AppContext } from '../../context'
import type { Tx } from '../../db/client'
import { programMemberships, programVerdicts } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { recordAudits } from '../audit'
import { loadConfigVersions } from './config.service'
import { loadProgramFacts } from './facts.repository'
import { presentExplanation } from './program.presenter'

const BATCH = 500

export interface ProgramDayResult {
  evaluated: number
  /** Verdicts recorded by this run; a second run on the same day records none. */
  recorded: number
}

/**
 * The daily run (3.1.1, 3.3): evaluates every partner in the program as of now, records each transition the
 * engine derives that is not recorded yet (90-day checks, review warnings, yearly reviews; each at its own date
 * and with the configuration of that date, so a run after downtime catches up), and refreshes the queues
 * (ready for upgrade, zero activity). Recording is `on conflict do nothing` on (partner, kind, date): running
 * twice applies once.
 */
export async function runProgramDay(ctx: AppContext): Promise<ProgramDayResult> {
  const now = ctx.clock.now()
  const versions = await loadConfigVersions(ctx.db)
  const result: ProgramDayResult = { evaluated: 0, recorded: 0 }
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const page = await ctx.db
      .select({ partnerId: programMemberships.partnerId })
      .from(programMemberships)
      .where(gt(programMemberships.partnerId, after))
      .orderBy(asc(programMemberships.partnerId))
      .limit(BATCH)
    if (page.length === 0) break
    after = page.at(-1)!.partnerId
    const counts = await withTransaction(ctx.db, (tx) =>
      applyBatch(
        tx,
        page.map((p) => p.partnerId),
        versions,
        now,
      ),
    )
    result.evaluated += counts.evaluated
    result.recorded += counts.recorded
    if (page.length < BATCH) break
  }
  return result
}

async function applyBatch(tx: Tx, partnerIds: string[], versions: ConfigVersion[], now: Date) {
  // Lock the batch's memberships: a manager's confirmation waits for the run instead of racing it.
  await tx.execute(
    sql`select 1 from ${programMemberships} where ${programMemberships.partnerId} in ${partnerIds} for update`,
  )
  const facts = await loadProgramFacts(tx, partnerIds)
  const evaluations: [string, ProgramEvaluation][] = []
  for (const [partnerId, { facts: partnerFacts }] of facts)
    evaluations.push([partnerId, evaluateProgram(partnerFacts, versions, now)])
  const recorded = await recordTransitions(tx, evaluations, now)
  await refreshMemberships(tx, evaluations, now)
  return { evaluated: evaluations.length, recorded }
}

/** Records the transitions not recorded yet, once each, with an audit entry for each one written. */
export async function recordTransitions(tx: Tx, evaluations: [string, ProgramEvaluation][], now: Date) {
  const rows = evaluations.flatMap(([partnerId, evaluation]) =>
    evaluation.transitions
      .filter((t) => !t.recorded)
      .map((t) => ({
        partnerId,
        kind: t.kind,
        at: t.at,
        levelBefore: t.levelBefore,
        levelAfter: t.levelAfter,
        configVersion: t.configVersion,
        explanation: presentExplanation(t.explanation),
        actorType: 'system' as const,
        actorId: null,
        recordedAt: now,
      })),
  )
  if (rows.length === 0) return 0
  const written = await tx.insert(programVerdicts).values(rows).onConflictDoNothing().returning()
  await recordAudits(
    tx,
    written.map((row) => ({
      at: now,
      actor: { type: 'system' as const, id: null },
      action: 'program.verdict_recorded' as const,
      entity: { type: 'partner' as const, id: row.partnerId },
      after: {
        kind: row.kind,
        at: row.at.toISOString(),
        levelBefore: row.levelBefore,
        levelAfter: row.levelAfter,
        configVersion: row.configVersion,
        explanation: row.explanation,
      },
    })),
  )
  return written.length
}

/** Caches each evaluation's outcome on the membership: the queues read it. One statement per batch. */
export async function refreshMemberships(tx: Tx, evaluations: [string, ProgramEvaluation][], now: Date) {
  if (evaluations.length === 0) return
  const values = sql.join(
    evaluations.map(
      ([partnerId, e]) =>
        sql`(${partnerId}::uuid, ${e.standing}, ${e.level}, ${e.levelSince.toISOString()}::timestamptz, ${
          e.nextLevel?.ready ? e.nextLevel.level : null
        }, ${e.zeroActivityCandidate}::boolean, ${e.configVersion}::int)`,
    ),
    sql`, `,
  )
  await tx.execute(sql`
    update ${programMemberships} as m
    set standing = v.standing, level = v.level, level_since = v.level_since, ready_for = v.ready_for,
        zero_activity = v.zero_activity, config_version = v.config_version,
        evaluated_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
    from (values ${values}) as v(partner_id, standing, level, level_since, ready_for, zero_activity, config_version)
    where m.partner_id = v.partner_id`)
}
