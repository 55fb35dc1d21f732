import { and, avg, count, desc, eq, lt, or, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { timestamp } from '../../../shared/schemas/timestamp'
import { maskContactDetails } from '../../../shared/domain/mask-contacts'
import type { ClientFeedbackBodySchema, RequestStatusView } from '../../../shared/schemas/request-status.schema'
import type { AppContext } from '../../context'
import { clientFeedback, partners, requests, reservations } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { AppError, unprocessable } from '../../errors'
import { fetchLimit, keysetCursor } from '../../http/keyset-page'
import { recordAudit } from '../audit'
import { getRequestStatus } from './request-status.service'

const DAY_MS = 86_400_000

/**
 * The client rates how quickly and how well a partner that reserved the request responded (rules 5.1.3),
 * once the partner has held it for FEEDBACK_AFTER_DAYS. Rating again replaces the earlier rating.
 * @throws AppError `feedback_partner_not_found` (422) when that partner never reserved the request,
 *   `feedback_too_early` (409, with `opensAt`) before the waiting time has passed.
 */
export async function rateReceivingPartner(
  ctx: AppContext,
  requestId: string,
  input: z.output<typeof ClientFeedbackBodySchema>,
): Promise<{ created: boolean; status: RequestStatusView }> {
  const created = await withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now()
    const [reservation] = await tx
      .select()
      .from(reservations)
      .where(and(eq(reservations.requestId, requestId), eq(reservations.partnerId, input.partnerId)))
    if (!reservation) {
      throw unprocessable('feedback_partner_not_found', 'This partner did not receive your request.', {
        partnerId: input.partnerId,
      })
    }
    const opensAt = new Date(reservation.reservedAt.getTime() + ctx.config.FEEDBACK_AFTER_DAYS * DAY_MS)
    if (now < opensAt) {
      throw new AppError({
        status: 409,
        code: 'feedback_too_early',
        title: 'Conflict',
        detail: `You can rate this partner from ${opensAt.toISOString().slice(0, 10)}, ${ctx.config.FEEDBACK_AFTER_DAYS} days after it received your request.`,
        extensions: { opensAt: opensAt.toISOString() },
      })
    }
    const [before] = await tx.select().from(clientFeedback).where(eq(clientFeedback.reservationId, reservation.id))
    const values = {
      responseSpeed: input.responseSpeed,
      serviceQuality: input.serviceQuality,
      comment: input.comment ?? null,
      updatedAt: now,
    }
    const [saved] = before
      ? await tx.update(clientFeedback).set(values).where(eq(clientFeedback.id, before.id)).returning()
      : await tx
          .insert(clientFeedback)
          .values({ ...values, requestId, reservationId: reservation.id, partnerId: input.partnerId, createdAt: now })
          .returning()
    // The ratings are audited; the comment is the client's own text and stays out of the append-only log.
    await recordAudit(tx, {
      at: now,
      actor: { type: 'client', id: null },
      action: 'client_feedback.recorded',
      entity: { type: 'partner', id: input.partnerId },
      before: before ? { responseSpeed: before.responseSpeed, serviceQuality: before.serviceQuality } : null,
      after: {
        feedbackId: saved!.id,
        requestId,
        responseSpeed: input.responseSpeed,
        serviceQuality: input.serviceQuality,
      },
    })
    return !before
  })
  return { created, status: await getRequestStatus(ctx, requestId) }
}

const ratedCursor = keysetCursor({ ratedAt: timestamp(), id: z.uuid() })

export interface FeedbackQuery {
  partnerId?: string | undefined
  cursor?: string | undefined
  limit: number
}

/** Client ratings for managers, newest first, with averages over everything the filter matches. */
export async function listClientFeedback(ctx: AppContext, query: FeedbackQuery) {
  const scope: SQL[] = query.partnerId ? [eq(clientFeedback.partnerId, query.partnerId)] : []
  const page: SQL[] = [...scope]
  const after = ratedCursor.decode(query.cursor)
  if (after) {
    const at = new Date(after.ratedAt)
    page.push(
      or(lt(clientFeedback.updatedAt, at), and(eq(clientFeedback.updatedAt, at), lt(clientFeedback.id, after.id)))!,
    )
  }
  const rows = await ctx.db
    .select({
      feedback: clientFeedback,
      country: requests.country,
      partnerName: partners.companyName,
      reservedAt: reservations.reservedAt,
    })
    .from(clientFeedback)
    .innerJoin(requests, eq(requests.id, clientFeedback.requestId))
    .innerJoin(partners, eq(partners.id, clientFeedback.partnerId))
    .innerJoin(reservations, eq(reservations.id, clientFeedback.reservationId))
    .where(and(...page))
    .orderBy(desc(clientFeedback.updatedAt), desc(clientFeedback.id))
    .limit(fetchLimit(query.limit))
  const [totals] = await ctx.db
    .select({
      count: count(),
      speed: avg(clientFeedback.responseSpeed),
      quality: avg(clientFeedback.serviceQuality),
    })
    .from(clientFeedback)
    .where(and(...scope))
  const paged = ratedCursor.page(rows, query.limit, (row) => ({
    ratedAt: row.feedback.updatedAt.toISOString(),
    id: row.feedback.id,
  }))
  return {
    items: paged.items.map((row) => ({
      id: row.feedback.id,
      requestId: row.feedback.requestId,
      country: row.country,
      partnerId: row.feedback.partnerId,
      partnerName: row.partnerName,
      reservedAt: row.reservedAt.toISOString(),
      responseSpeed: row.feedback.responseSpeed,
      serviceQuality: row.feedback.serviceQuality,
      comment: row.feedback.comment === null ? null : maskContactDetails(row.feedback.comment),
      ratedAt: row.feedback.updatedAt.toISOString(),
    })),
    summary: {
      count: totals?.count ?? 0,
      averageResponseSpeed: roundedAverage(totals?.speed),
      averageServiceQuality: roundedAverage(totals?.quality),
    },
    nextCursor: paged.nextCursor,
  }
}

function roundedAverage(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100
}
