import { asc, eq } from 'drizzle-orm'
import type { EvidenceKind, EvidenceStatus } from '../../../shared/domain/program'
import type { AppContext } from '../../context'
import { programEvidence } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { conflict, notFound } from '../../errors'
import type { ManagerActor, PartnerActor } from '../../http/auth/actors'
import { recordAudit } from '../audit'

type EvidenceRow = typeof programEvidence.$inferSelect

function presentEvidence(row: EvidenceRow) {
  return {
    id: row.id,
    partnerId: row.partnerId,
    kind: row.kind,
    link: row.link,
    note: row.note,
    status: row.status,
    submittedAt: row.submittedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
  }
}

/** The partner submits a link or a note for a requirement a manager judges. The audit keeps the kind only. */
export async function submitEvidence(
  ctx: AppContext,
  actor: PartnerActor,
  body: { kind: EvidenceKind; link: string | null; note: string | null },
) {
  const now = ctx.clock.now()
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(programEvidence)
      .values({ partnerId: actor.partnerId, kind: body.kind, link: body.link, note: body.note, submittedAt: now })
      .returning()
    await recordAudit(tx, {
      at: now,
      actor: { type: 'partner', id: actor.partnerId },
      action: 'program_evidence.submitted',
      entity: { type: 'program_evidence', id: row!.id },
      after: { partnerId: actor.partnerId, kind: body.kind },
    })
    return presentEvidence(row!)
  })
}

export async function listEvidence(ctx: AppContext, status: EvidenceStatus) {
  const rows = await ctx.db
    .select()
    .from(programEvidence)
    .where(eq(programEvidence.status, status))
    .orderBy(asc(programEvidence.submittedAt))
    .limit(500)
  return { items: rows.map(presentEvidence) }
}

/**
 * Accepted evidence meets its requirement from the decision on.
 * @throws AppError `evidence_not_found` (404), `evidence_already_decided` (409).
 */
export async function decideEvidence(
  ctx: AppContext,
  actor: ManagerActor,
  evidenceId: string,
  accept: boolean,
  reason: string,
) {
  const now = ctx.clock.now()
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(programEvidence).where(eq(programEvidence.id, evidenceId)).for('update')
    if (!row) throw notFound('evidence_not_found', 'No evidence has this id.')
    if (row.status !== 'pending') throw conflict('evidence_already_decided', `The evidence is ${row.status} already.`)
    const [updated] = await tx
      .update(programEvidence)
      .set({
        status: accept ? 'accepted' : 'rejected',
        decidedAt: now,
        decidedBy: actor.managerId,
        decisionReason: reason,
      })
      .where(eq(programEvidence.id, evidenceId))
      .returning()
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: accept ? 'program_evidence.accepted' : 'program_evidence.rejected',
      entity: { type: 'program_evidence', id: evidenceId },
      before: { status: row.status },
      after: { status: updated!.status, kind: row.kind, partnerId: row.partnerId },
    })
    return presentEvidence(updated!)
  })
}
