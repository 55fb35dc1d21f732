import { and, eq, isNull, lte, sql, type SQL } from 'drizzle-orm'
import { maskContactDetails } from '../../../shared/domain/mask-contacts'
import { MAX_RESERVATIONS_PER_REQUEST } from '../../../shared/domain/reservation-rules'
import type { Executor } from '../../db/client'
import { requests } from '../../db/schema'
import { conflict } from '../../errors'
import type { RequestRow } from './requests.presenter'

export type CloseReason = NonNullable<RequestRow['closeReason']>
/** What the client submitted; the lifecycle adds the status, the dates and the lifetime. */
export type NewRequest = Omit<
  typeof requests.$inferInsert,
  'id' | 'status' | 'closeReason' | 'reservedCount' | 'createdAt' | 'updatedAt' | 'expiresAt' | 'closedAt' | 'erasedAt'
>

const DAY_MS = 86_400_000
/** What an erased city that held a contact detail reads afterwards. */
const ERASED_CITY = ''

/*
 * The request lifecycle, and the only code that writes `requests` (the slot-taking statement embeds
 * `takeSlotUpdate` below). A request is `open` or `closed` with a reason:
 *   open ── last of the 5 slots taken ──────────────▶ closed fully_served ── a slot frees in its lifetime ──▶ open
 *   open ── lifetime over (worker) ──────────────────▶ closed expired
 *   open ── the client withdraws or erases ──────────▶ closed withdrawn
 *   open ── a manager confirms a bad-lead return ────▶ closed under_review
 *   any  ── a manager closes / rejects as spam ──────▶ closed closed_by_manager / rejected_spam
 *   closed (fewer than 5 holders) ── a manager reopens ──▶ open
 *
 * A request whose client erased their data stays closed for good: nothing a partner could reserve is left, and
 * a reopened one would push a lead with no contact.
 *
 * The lifetime rule, for every path: a request's lifetime (REQUEST_TTL_DAYS) starts when it opens by a decision,
 * the client's submission or a manager's reopen. Nothing else moves it: a fully served request that reopens on its
 * own because a holder left keeps the lifetime it had, and one whose lifetime has run out stays closed.
 */

const lifetimeFrom = (now: Date, ttlDays: number) => new Date(now.getTime() + ttlDays * DAY_MS)

/** A client's new request, open for `ttlDays`. */
export async function openRequest(tx: Executor, request: NewRequest, now: Date, ttlDays: number) {
  const [row] = await tx
    .insert(requests)
    .values({ ...request, createdAt: now, updatedAt: now, expiresAt: lifetimeFrom(now, ttlDays) })
    .returning({ id: requests.id })
  return row!
}

/**
 * Closes a request with a reason. With `onlyIfOpen` a request closed already keeps its reason.
 * @returns the closed request, or undefined when nothing changed.
 */
export async function closeRequest(
  tx: Executor,
  id: string,
  reason: Exclude<CloseReason, 'fully_served' | 'expired'>,
  now: Date,
  options: { onlyIfOpen?: boolean } = {},
): Promise<RequestRow | undefined> {
  const [row] = await tx
    .update(requests)
    .set({ status: 'closed', closeReason: reason, closedAt: now, updatedAt: now })
    .where(options.onlyIfOpen ? and(eq(requests.id, id), eq(requests.status, 'open')) : eq(requests.id, id))
    .returning()
  return row
}

/**
 * A manager's reopen: a decision, so a new lifetime starts. The caller checks that fewer than 5 partners hold it.
 * @throws AppError `request_erased` (409) when the client erased their data.
 */
export async function reopenRequest(tx: Executor, id: string, now: Date, ttlDays: number): Promise<RequestRow> {
  const [row] = await tx
    .update(requests)
    .set({ status: 'open', closeReason: null, closedAt: null, expiresAt: lifetimeFrom(now, ttlDays), updatedAt: now })
    .where(and(eq(requests.id, id), isNull(requests.erasedAt)))
    .returning()
  if (!row) throw conflict('request_erased', 'The client erased their data; the request stays closed.')
  return row
}

/** A confirmed bad-lead return: the request leaves the feed until a manager reopens or rejects it in moderation. */
export const sendToReview = (tx: Executor, id: string, now: Date) =>
  closeRequest(tx, id, 'under_review', now, { onlyIfOpen: true })

/** Closes open requests whose lifetime has passed. @returns how many closed. */
export async function closeExpiredRequests(db: Executor, now: Date): Promise<number> {
  const closed = await db
    .update(requests)
    .set({ status: 'closed', closeReason: 'expired', closedAt: now, updatedAt: now })
    .where(and(eq(requests.status, 'open'), lte(requests.expiresAt, now)))
    .returning({ id: requests.id })
  return closed.length
}

/**
 * The request's part of taking a slot, for the slot-taking statement to embed as a CTE: the cap is this
 * conditional UPDATE (concurrent callers queue on the row lock and each re-checks `reserved_count < 5`), and the
 * last slot closes the request as fully served.
 */
export function takeSlotUpdate(requestId: string, now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`
  const full = sql`reserved_count + 1 >= ${MAX_RESERVATIONS_PER_REQUEST}`
  return sql`update requests set
      reserved_count = reserved_count + 1,
      status = case when ${full} then 'closed' else 'open' end,
      close_reason = case when ${full} then 'fully_served' end,
      closed_at = case when ${full} then ${at} end,
      updated_at = ${at}
    where id = ${requestId}::uuid and status = 'open' and reserved_count < ${MAX_RESERVATIONS_PER_REQUEST}
    returning *`
}

/**
 * A holder gives its slot back. A request closed as fully served reopens with the lifetime it had, unless that
 * lifetime has run out (see the lifetime rule above); a request closed for any other reason stays closed.
 */
export async function releaseSlot(tx: Executor, requestId: string, now: Date): Promise<RequestRow> {
  const reopens = sql`${requests.closeReason} = 'fully_served' and ${requests.expiresAt} > ${now.toISOString()}::timestamptz and ${requests.erasedAt} is null`
  const [row] = await tx
    .update(requests)
    .set({
      reservedCount: sql`${requests.reservedCount} - 1`,
      status: sql`case when ${reopens} then 'open' else ${requests.status} end`,
      closeReason: sql`case when ${reopens} then null else ${requests.closeReason} end`,
      closedAt: sql`case when ${reopens} then null else ${requests.closedAt} end`,
      updatedAt: now,
    })
    .where(eq(requests.id, requestId))
    .returning()
  return row!
}

/**
 * The client takes their data back: contacts, the description and a city holding a contact detail go, the
 * anonymous facts stay. An open request closes as withdrawn, so no partner receives the contacts from now on.
 * @returns whether the request was open and closed.
 */
export async function eraseClientData(tx: Executor, id: string, now: Date): Promise<boolean> {
  const closed = await closeRequest(tx, id, 'withdrawn', now, { onlyIfOpen: true })
  const [current] = await tx.select({ city: requests.city }).from(requests).where(eq(requests.id, id))
  await tx
    .update(requests)
    .set({
      // The place stays as a statistic; anything typed into it that could reach the client goes.
      ...(current ? { city: maskContactDetails(current.city) === current.city ? current.city : ERASED_CITY } : {}),
      contactName: '',
      contactCompany: null,
      contactEmail: '',
      contactPhone: '',
      description: '',
      erasedAt: now,
      updatedAt: now,
    })
    .where(eq(requests.id, id))
  return closed !== undefined
}
