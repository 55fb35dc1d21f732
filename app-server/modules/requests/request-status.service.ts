import { asc, eq, inArray } from 'drizzle-orm'
import { maskContactDetails } from '../../../shared/domain/mask-contacts'
import { MAX_RESERVATIONS_PER_REQUEST } from '../../../shared/domain/reservation-rules'
import type { RequestType } from '../../../shared/domain/request-types'
import type { RequestStatusView } from '../../../shared/schemas/request-status.schema'
import type { AppContext } from '../../context'
import type { Executor } from '../../db/client'
import { clientFeedback, partners, requests, reservations } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { conflict, notFound } from '../../errors'
import { recordAudit } from '../audit'
import { runErasureSteps } from './request-erasure'
import { closeRequest, eraseClientData } from './request-lifecycle'

const DAY_MS = 86_400_000

/** The request as its client follows it: no contact details, and the partner companies that received it. */
export async function getRequestStatus(ctx: AppContext, requestId: string): Promise<RequestStatusView> {
  return presentStatus(ctx, ctx.db, requestId)
}

async function presentStatus(ctx: AppContext, executor: Executor, requestId: string): Promise<RequestStatusView> {
  const [row] = await executor.select().from(requests).where(eq(requests.id, requestId))
  if (!row) throw notFound('request_not_found', 'The request no longer exists.')
  const received = await executor
    .select({
      reservationId: reservations.id,
      status: reservations.status,
      reservedAt: reservations.reservedAt,
      partnerId: partners.id,
      companyName: partners.companyName,
      website: partners.website,
      contactName: partners.contactName,
      contactEmail: partners.contactEmail,
      contactPhone: partners.contactPhone,
    })
    .from(reservations)
    .innerJoin(partners, eq(partners.id, reservations.partnerId))
    .where(eq(reservations.requestId, requestId))
    .orderBy(asc(reservations.reservedAt), asc(reservations.id))
  const feedbackRows =
    received.length === 0
      ? []
      : await executor
          .select()
          .from(clientFeedback)
          .where(
            inArray(
              clientFeedback.reservationId,
              received.map((item) => item.reservationId),
            ),
          )
  const feedbackOf = new Map(feedbackRows.map((item) => [item.reservationId, item]))
  const waitMs = ctx.config.FEEDBACK_AFTER_DAYS * DAY_MS
  const now = ctx.clock.now().getTime()
  return {
    id: row.id,
    status: row.status,
    closeReason: row.closeReason,
    country: row.country,
    city: maskContactDetails(row.city),
    types: row.types as RequestType[],
    description: maskContactDetails(row.description),
    usersCount: row.usersCount,
    preferredLanguage: row.preferredLanguage,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    erasedAt: row.erasedAt?.toISOString() ?? null,
    maxPartners: MAX_RESERVATIONS_PER_REQUEST,
    partners: received.map((item) => {
      const feedback = feedbackOf.get(item.reservationId)
      return {
        partnerId: item.partnerId,
        companyName: item.companyName,
        website: item.website,
        contactName: item.contactName,
        contactEmail: item.contactEmail,
        contactPhone: item.contactPhone,
        reservedAt: item.reservedAt.toISOString(),
        active: item.status === 'active',
        feedbackOpensAt: new Date(item.reservedAt.getTime() + waitMs).toISOString(),
        canRate: now >= item.reservedAt.getTime() + waitMs,
        feedback: feedback
          ? {
              responseSpeed: feedback.responseSpeed,
              serviceQuality: feedback.serviceQuality,
              comment: feedback.comment,
              ratedAt: feedback.updatedAt.toISOString(),
            }
          : null,
      }
    }),
    abilities: { withdraw: row.status === 'open', erase: row.erasedAt === null },
  }
}

/**
 * The client withdraws the request: it closes for new reservations; partners holding it keep their slot.
 * @throws AppError `request_already_closed` (409) when the request is no longer open.
 */
export async function withdrawRequest(ctx: AppContext, requestId: string): Promise<RequestStatusView> {
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now()
    const [before] = await tx.select().from(requests).where(eq(requests.id, requestId)).for('update')
    if (!before) throw notFound('request_not_found', 'The request no longer exists.')
    if (before.status !== 'open') {
      throw conflict('request_already_closed', 'The request is closed already; no new partner can reserve it.', {
        closeReason: before.closeReason,
      })
    }
    await closeRequest(tx, requestId, 'withdrawn', now, { onlyIfOpen: true })
    await recordAudit(tx, {
      at: now,
      actor: { type: 'client', id: null },
      action: 'request.withdrawn',
      entity: { type: 'request', id: requestId },
      before: { status: before.status },
      after: { status: 'closed', closeReason: 'withdrawn' },
    })
    return presentStatus(ctx, tx, requestId)
  })
}

/**
 * Erases the client's personal data everywhere the app keeps it: the contact details and the description
 * (free text that may carry names and numbers) on the request, the comments of the client's ratings, the
 * last CRM error texts of its reservations and their jobs, and the client's contacts wherever a partner's
 * note on a returned lead or a manager's decision on it mentions them.
 * Country, city, types, user count, language, dates and reservation counts stay as anonymous statistics; a
 * contact detail typed into the city goes with the rest.
 * An open request closes as withdrawn, and CRM lead pushes not yet made are cancelled, so no partner
 * receives the contacts from now on. Contacts never enter the audit log, so nothing needs erasing there.
 * @throws AppError `contacts_already_erased` (409).
 */
export async function eraseRequestContacts(ctx: AppContext, requestId: string): Promise<RequestStatusView> {
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now()
    const [before] = await tx.select().from(requests).where(eq(requests.id, requestId)).for('update')
    if (!before) throw notFound('request_not_found', 'The request no longer exists.')
    if (before.erasedAt) throw conflict('contacts_already_erased', 'Your contact details were erased already.')
    const closing = await eraseClientData(tx, requestId, now)
    // The modules holding data about this client scrub theirs in this transaction (reservations, rating).
    const scrubbed = await runErasureSteps(tx, {
      requestId,
      contacts: {
        name: before.contactName,
        company: before.contactCompany,
        email: before.contactEmail,
        phone: before.contactPhone,
      },
      now,
    })
    const comments = await tx
      .update(clientFeedback)
      .set({ comment: null, updatedAt: now })
      .where(eq(clientFeedback.requestId, requestId))
      .returning({ id: clientFeedback.id })
    await recordAudit(tx, {
      at: now,
      actor: { type: 'client', id: null },
      action: 'request.contacts_erased',
      entity: { type: 'request', id: requestId },
      before: { status: before.status, closeReason: before.closeReason },
      after: {
        erased: [
          'contactName',
          'contactCompany',
          'contactEmail',
          'contactPhone',
          'description',
          'feedbackComments',
          'crmErrors',
          'contactsInReturnNotes',
        ],
        closedAsWithdrawn: closing,
        ...scrubbed,
        feedbackCommentsErased: comments.length,
      },
    })
    return presentStatus(ctx, tx, requestId)
  })
}
