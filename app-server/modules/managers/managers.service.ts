import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, isNull } from 'drizzle-orm'
import type { AppContext } from '../../context'
import type { Executor } from '../../db/client'
import { managerSessions, managers } from '../../db/schema'
import { badRequest, conflict, unauthorized } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { consumeRateLimit, hashedClientKey, refundRateLimit } from '../../http/rate-limit'
import { hashPassword, verifyPassword, DUMMY_HASH, type PasswordHashCost } from './password'

export interface NewManager {
  email: string
  name: string
  password: string
}

export const MIN_PASSWORD_LENGTH = 12

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

/**
 * Creates a manager account with a hashed password.
 * @throws AppError `manager_exists` (409), `weak_password` (400).
 */
export async function createManager(db: Executor, input: NewManager, cost: PasswordHashCost = 'standard') {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest('weak_password', `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`)
  }
  const email = input.email.trim().toLowerCase()
  const passwordHash = await hashPassword(input.password, cost)
  const [row] = await db
    .insert(managers)
    .values({ email, name: input.name.trim(), passwordHash })
    .onConflictDoNothing({ target: managers.email })
    .returning({ id: managers.id, email: managers.email, name: managers.name })
  if (!row) throw conflict('manager_exists', `A manager with the e-mail ${email} exists already.`)
  return row
}

/**
 * Signs a manager in and returns a new session token (shown once; only its hash is stored). Failed attempts
 * are limited per account, whatever address they come from (the route limits each address too); an e-mail
 * of no account is limited the same way, so the answers do not tell which accounts exist.
 * @throws AppError `invalid_credentials` (401) without saying which half was wrong, `rate_limited` (429).
 */
export async function signIn(ctx: AppContext, email: string, password: string) {
  const normalised = email.trim().toLowerCase()
  const now = ctx.clock.now()
  const account = {
    rule: { scope: 'manager-login-account', limit: ctx.config.LOGIN_ACCOUNT_RATE_LIMIT, windowSeconds: 900 },
    key: hashedClientKey(ctx.appSecret, normalised),
  }
  await consumeRateLimit(ctx.db, account.rule, account.key, now)
  const [manager] = await ctx.db.select().from(managers).where(eq(managers.email, normalised))
  const valid = await verifyPassword(manager?.passwordHash ?? DUMMY_HASH, password)
  if (!manager || !valid || manager.disabledAt) {
    throw unauthorized('invalid_credentials', 'The e-mail or password is not right.')
  }
  // Only failures count against the account: a manager who signs in often is never held back.
  await refundRateLimit(ctx.db, account.rule, account.key, now)
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + ctx.config.MANAGER_SESSION_TTL_HOURS * 3_600_000)
  await ctx.db
    .insert(managerSessions)
    .values({ managerId: manager.id, tokenHash: tokenHash(token), createdAt: now, expiresAt })
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    manager: { id: manager.id, email: manager.email, name: manager.name },
  }
}

/** The manager behind a session token, if the session is current. */
export async function authenticateManager(ctx: AppContext, token: string): Promise<ManagerActor | undefined> {
  const [row] = await ctx.db
    .select({ sessionId: managerSessions.id, managerId: managers.id, email: managers.email })
    .from(managerSessions)
    .innerJoin(managers, eq(managers.id, managerSessions.managerId))
    .where(
      and(
        eq(managerSessions.tokenHash, tokenHash(token)),
        isNull(managerSessions.revokedAt),
        gt(managerSessions.expiresAt, ctx.clock.now()),
        isNull(managers.disabledAt),
      ),
    )
  return row
}

export async function signOut(ctx: AppContext, actor: ManagerActor): Promise<void> {
  await ctx.db
    .update(managerSessions)
    .set({ revokedAt: ctx.clock.now() })
    .where(eq(managerSessions.id, actor.sessionId))
}

export async function getManager(db: Executor, id: string) {
  const [row] = await db
    .select({ id: managers.id, email: managers.email, name: managers.name })
    .from(managers)
    .where(eq(managers.id, id))
  return row
}
