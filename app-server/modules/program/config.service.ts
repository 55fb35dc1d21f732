import { desc, sql } from 'drizzle-orm'
import type { ConfigVersion, ProgramConfig } from '../../../shared/domain/program'
import type { PublishConfigBody } from '../../../shared/schemas/program.schema'
import type { AppContext } from '../../context'
import type { Executor } from '../../db/client'
import { programConfigVersions } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { unprocessable } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { recordAudit } from '../audit'

type VersionRow = typeof programConfigVersions.$inferSelect

/** Every published version, oldest first: the engine picks the one in force on each date it decides about. */
export async function loadConfigVersions(executor: Executor): Promise<ConfigVersion[]> {
  const rows = await executor.select().from(programConfigVersions).orderBy(programConfigVersions.version)
  return rows.map((row) => ({ version: row.version, effectiveFrom: row.effectiveFrom, config: row.config }))
}

function presentVersion(row: VersionRow) {
  return {
    version: row.version,
    effectiveFrom: row.effectiveFrom.toISOString(),
    note: row.note,
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt.toISOString(),
    config: row.config,
  }
}

export async function listConfigurations(ctx: AppContext) {
  const rows = await ctx.db.select().from(programConfigVersions).orderBy(desc(programConfigVersions.version))
  return { items: rows.map(presentVersion) }
}

/**
 * Publishes the next version, in force from `effectiveFrom`. A date in the past is refused: decisions already taken
 * keep the version they were taken with. Versions are numbered under a table lock so two publishers cannot collide.
 * @throws AppError `config_effective_in_past` (422).
 */
export async function publishConfiguration(ctx: AppContext, actor: ManagerActor, body: PublishConfigBody) {
  const now = ctx.clock.now()
  const effectiveFrom = new Date(body.effectiveFrom)
  if (effectiveFrom.getTime() < now.getTime())
    throw unprocessable('config_effective_in_past', 'A new version takes effect now or later.')
  return withTransaction(ctx.db, async (tx) => {
    await tx.execute(sql`lock table ${programConfigVersions} in share row exclusive mode`)
    const [last] = await tx
      .select({ version: programConfigVersions.version })
      .from(programConfigVersions)
      .orderBy(desc(programConfigVersions.version))
      .limit(1)
    const [row] = await tx
      .insert(programConfigVersions)
      .values({
        version: (last?.version ?? 0) + 1,
        effectiveFrom,
        config: body.config satisfies ProgramConfig,
        note: body.note,
        publishedBy: actor.managerId,
        publishedAt: now,
      })
      .returning()
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'program_config.published',
      entity: { type: 'program_config', id: String(row!.version) },
      after: { effectiveFrom: body.effectiveFrom, note: body.note, config: body.config },
    })
    return presentVersion(row!)
  })
}
