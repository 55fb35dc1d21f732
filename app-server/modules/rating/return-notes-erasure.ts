import { eq } from 'drizzle-orm'
import { reservationReturns } from '../../db/schema'
import { eraseContactMentions, type ErasureStep } from '../requests'

/**
 * A client erased their data: partners' notes on returned leads and managers' decisions on them may quote the
 * client, so the client's contacts go from them. @returns how many returns changed.
 */
export const eraseClientFromReturnNotes: ErasureStep = async (tx, { requestId, contacts }) => {
  const rows = await tx.select().from(reservationReturns).where(eq(reservationReturns.requestId, requestId))
  let changed = 0
  for (const row of rows) {
    const comment = row.comment === null ? null : eraseContactMentions(row.comment, contacts)
    const decisionNote = row.decisionNote === null ? null : eraseContactMentions(row.decisionNote, contacts)
    if (comment === row.comment && decisionNote === row.decisionNote) continue
    await tx.update(reservationReturns).set({ comment, decisionNote }).where(eq(reservationReturns.id, row.id))
    changed += 1
  }
  return { returnNotesChanged: changed }
}
