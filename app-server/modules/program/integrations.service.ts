import { createHash, randomBytes } from 'node:crypto'
import type { RequestHandler } from 'express'
import { and, eq, isNull } from 'drizzle-orm'
import type { AppContext } from '../../context'
import { programIntegrations } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { AppError } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { recordAudit } from '../audit'

const KEY_PREFIX = 'b24pk_'

/** Keys are 32 random bytes: a plain SHA-256 is enough to keep them, unlike a password. */
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')

/** Creates an integration and answers its key, the only time it is seen; the audit keeps its name and prefix. */
export async function createIntegration(ctx: AppContext, actor: ManagerActor, name: string) {
  const now = ctx.clock.now()
  const key = KEY_PREFIX + randomBytes(32).toString('base64url')
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(programIntegrations)
      .values({ name, keyHash: hashKey(key), keyPrefix: key.slice(0, 12), createdBy: actor.managerId, createdAt: now })
      .returning()
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'program_integration.created',
      entity: { type: 'program_integration', id: row!.id },
      after: { name, keyPrefix: row!.keyPrefix },
    })
    return { id: row!.id, name, keyPrefix: row!.keyPrefix, createdAt: now.toISOString(), key }
  })
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      integrationId?: string
    }
  }
}

/** Admits calls carrying the key of a live integration in `X-Api-Key`; others get a 401 problem. */
export function requireIntegration(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('x-api-key')
    if (!key) throw new AppError({ code: 'integration_key_missing', detail: 'Send the API key as X-Api-Key.' })
    const [row] = await ctx.db
      .select({ id: programIntegrations.id })
      .from(programIntegrations)
      .where(and(eq(programIntegrations.keyHash, hashKey(key)), isNull(programIntegrations.revokedAt)))
    if (!row) throw new AppError({ code: 'integration_key_invalid', detail: 'The API key is unknown or revoked.' })
    res.locals.integrationId = row.id
    next()
  }
}

export function integrationOf(res: { locals: { integrationId?: string } }): string {
  if (!res.locals.integrationId) throw new AppError({ code: 'integration_key_missing' })
  return res.locals.integrationId
}
