import { randomUUID } from 'node:crypto'
import { and, desc, eq, gt, or, sql } from 'drizzle-orm'
import { MAX_RESERVATIONS_PER_REQUEST } from '../../../shared/domain/reservation-rules'
import { countryName } from '../../../shared/domain/countries'
import type { CreateRequestInput, CreatedRequest } from '../../../shared/schemas/request.schema'
import type { AppContext } from '../../context'
import { requests } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { unprocessable } from '../../errors'
import { consumeRateLimit, hashedClientKey } from '../../http/rate-limit'
import { recordAudit } from '../audit'
import { isRestrictedCountry } from '../territories'
import { openRequest } from './request-lifecycle'
import { newStatusToken } from './status-token'

export type CreateRequestResult = { kind: 'created' | 'duplicate'; body: CreatedRequest }

const DAY_MS = 86_400_000

/**
 * Takes a client's implementation request (rules 5.2): refuses bots and restricted countries, limits
 * submissions per address, and stores no copy of a recent request. A repeat is answered exactly like a new
 * request, with an id and a status token that open nothing, so the answer tells no one whether an e-mail
 * address has a request; the client follows the first one with its own status link.
 * @throws AppError `spam_suspected` (422), `country_restricted` (422), `rate_limited` (429).
 */
export async function createRequest(
  ctx: AppContext,
  input: CreateRequestInput,
  clientAddress: string,
): Promise<CreateRequestResult> {
  if (input.website && input.website.trim() !== '') {
    throw unprocessable('spam_suspected', 'The submission looks automated and was not accepted.')
  }
  const now = ctx.clock.now()
  if (await isRestrictedCountry(ctx.db, input.country)) {
    throw unprocessable(
      'country_restricted',
      `Bitrix24 partners cannot accept requests from ${countryName(input.country)} because of export control and sanctions rules.`,
      { country: input.country },
    )
  }
  const rule = {
    scope: 'public-request',
    limit: ctx.config.REQUEST_RATE_LIMIT,
    windowSeconds: ctx.config.REQUEST_RATE_WINDOW_SECONDS,
  }
  await consumeRateLimit(ctx.db, rule, hashedClientKey(ctx.appSecret, clientAddress), now)

  return withTransaction(ctx.db, async (tx) => {
    // Serialises submissions for one e-mail and country, so two identical clicks cannot both insert.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`request:${input.contact.email}:${input.country}`}))`)
    const [existing] = await tx
      .select({ id: requests.id })
      .from(requests)
      .where(
        and(
          eq(requests.contactEmail, input.contact.email),
          eq(requests.country, input.country),
          gt(requests.createdAt, new Date(now.getTime() - ctx.config.DUPLICATE_WINDOW_DAYS * DAY_MS)),
          sql`${requests.types} && ${sql.param(input.types)}::text[]`,
          or(eq(requests.status, 'open'), eq(requests.closeReason, 'fully_served')),
        ),
      )
      .orderBy(desc(requests.createdAt))
      .limit(1)
    if (existing) {
      return {
        kind: 'duplicate' as const,
        body: { id: randomUUID(), status: 'open' as const, statusToken: newStatusToken().token },
      }
    }
    const { token, hash } = newStatusToken()
    const row = await openRequest(
      tx,
      {
        country: input.country,
        city: input.city,
        types: input.types,
        description: input.description,
        usersCount: input.usersCount,
        preferredLanguage: input.preferredLanguage,
        contactName: input.contact.name,
        contactCompany: input.contact.company ?? null,
        contactEmail: input.contact.email,
        contactPhone: input.contact.phone,
        consentedAt: now,
        statusTokenHash: hash,
      },
      now,
      ctx.config.REQUEST_TTL_DAYS,
    )
    await recordAudit(tx, {
      at: now,
      actor: { type: 'client', id: null },
      action: 'request.created',
      entity: { type: 'request', id: row.id },
      after: {
        country: input.country,
        types: input.types,
        usersCount: input.usersCount,
        maxPartners: MAX_RESERVATIONS_PER_REQUEST,
      },
    })
    return { kind: 'created' as const, body: { id: row.id, status: 'open' as const, statusToken: token } }
  })
}
