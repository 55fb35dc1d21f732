import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm'
import type { AppContext } from '../../context'
import type { Executor } from '../../db/client'
import { managerPendingSignIns, managers } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { conflict, forbidden, unauthorized } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { consumeRateLimit, hashedClientKey, refundRateLimit, type RateLimitRule } from '../../http/rate-limit'
import type { RecordManagerAudit } from './manager-audit'
import { findManager, presentSelf, signInPolicy } from './managers.service'
import { DUMMY_HASH, verifyPassword } from './password'
import { newToken, openSession, tokenHash } from './sessions'
import { enrolmentFor, matchingStep, newTotpSecret, totpCipher } from './two-factor'

/** How long the code step may wait after the password step. */
const PENDING_MINUTES = 5
/** Wrong codes one pending sign-in takes before it ends (the rate limits hold across pending sign-ins too). */
const PENDING_MAX_FAILURES = 5

type ManagerRow = typeof managers.$inferSelect

export type SignInOutcome =
  | { status: 'signed_in'; token: string; expiresAt: Date; manager: ReturnType<typeof presentSelf> }
  | {
      status: 'two_factor_required' | 'two_factor_setup_required'
      pendingToken: string
      expiresAt: Date
      enrolment?: Awaited<ReturnType<typeof enrolmentFor>>
    }

function accountLimit(ctx: AppContext, scope: string, email: string) {
  return {
    rule: { scope, limit: ctx.config.LOGIN_ACCOUNT_RATE_LIMIT, windowSeconds: 900 } satisfies RateLimitRule,
    key: hashedClientKey(ctx.appSecret, email),
  }
}

const deactivated = () => forbidden('account_deactivated', 'An admin deactivated this account.')

async function signedIn(ctx: AppContext, executor: Executor, manager: ManagerRow, now: Date): Promise<SignInOutcome> {
  const session = await openSession(ctx, executor, manager.id, now)
  return { status: 'signed_in', ...session, manager: presentSelf(manager, await signInPolicy(executor)) }
}

/**
 * The password step. Failed attempts are limited per account, whatever address they come from (the route limits
 * each address too); an e-mail of no account is limited the same way, so the answers do not tell which accounts
 * exist. An account with two-factor sign-in (or without it when an admin requires it) gets a pending sign-in.
 * @throws AppError `invalid_credentials` (401) without saying which half was wrong, `account_deactivated` (403)
 * only after the right password, `rate_limited` (429).
 */
export async function signIn(ctx: AppContext, email: string, password: string): Promise<SignInOutcome> {
  const normalised = email.trim().toLowerCase()
  const now = ctx.clock.now()
  const account = accountLimit(ctx, 'manager-login-account', normalised)
  await consumeRateLimit(ctx.db, account.rule, account.key, now)
  const [manager] = await ctx.db.select().from(managers).where(eq(managers.email, normalised))
  const valid = await verifyPassword(manager?.passwordHash ?? DUMMY_HASH, password)
  if (!manager || !valid) throw unauthorized('invalid_credentials', 'The e-mail or password is not right.')
  // Only failures count against the account: a manager who signs in often is never held back.
  await refundRateLimit(ctx.db, account.rule, account.key, now)
  if (manager.disabledAt) throw deactivated()

  const policy = await signInPolicy(ctx.db)
  if (manager.totpSecret === null && !policy.requireTwoFactor) return signedIn(ctx, ctx.db, manager, now)

  const pendingToken = newToken()
  const expiresAt = new Date(now.getTime() + PENDING_MINUTES * 60_000)
  let enrolment: Awaited<ReturnType<typeof enrolmentFor>> | undefined
  await withTransaction(ctx.db, async (tx) => {
    await tx.delete(managerPendingSignIns).where(lt(managerPendingSignIns.expiresAt, now))
    await tx
      .insert(managerPendingSignIns)
      .values({ managerId: manager.id, tokenHash: tokenHash(pendingToken), expiresAt })
    if (manager.totpSecret === null) {
      // Required but not set up: the authenticator is set up now, and its first code finishes the sign-in.
      const secret = newTotpSecret()
      await tx
        .update(managers)
        .set({ totpPendingSecret: totpCipher(ctx.appSecret).encrypt(secret) })
        .where(eq(managers.id, manager.id))
      enrolment = await enrolmentFor(secret, manager.email)
    }
  })
  return enrolment
    ? { status: 'two_factor_setup_required', pendingToken, expiresAt, enrolment }
    : { status: 'two_factor_required', pendingToken, expiresAt }
}

/** Accepts a code's time step once per account: a later code only, so a seen code cannot be replayed. */
async function acceptStep(executor: Executor, managerId: string, step: number): Promise<boolean> {
  const updated = await executor
    .update(managers)
    .set({ totpLastStep: step })
    .where(and(eq(managers.id, managerId), or(isNull(managers.totpLastStep), lt(managers.totpLastStep, step))))
    .returning({ id: managers.id })
  return updated.length === 1
}

const codeRejected = () =>
  unauthorized('two_factor_code_invalid', 'The code is not right or was used already; enter the current one.')

/**
 * The code step of a sign-in: a code of the account's authenticator, or, when it was being set up at sign-in,
 * of the new one (which is then confirmed). Codes are limited per address (the route) and per account.
 * @throws AppError `pending_sign_in_invalid` (401), `two_factor_code_invalid` (401), `account_deactivated` (403),
 * `rate_limited` (429).
 */
export async function completeTwoFactorSignIn(
  ctx: AppContext,
  recordAudit: RecordManagerAudit,
  pendingToken: string,
  code: string,
): Promise<SignInOutcome> {
  const now = ctx.clock.now()
  const [pending] = await ctx.db
    .select()
    .from(managerPendingSignIns)
    .where(and(eq(managerPendingSignIns.tokenHash, tokenHash(pendingToken)), gt(managerPendingSignIns.expiresAt, now)))
  if (!pending || pending.failures >= PENDING_MAX_FAILURES) {
    throw unauthorized('pending_sign_in_invalid', 'This sign-in step expired; sign in again.')
  }
  const manager = await findManager(ctx.db, pending.managerId)
  if (!manager) throw unauthorized('pending_sign_in_invalid', 'This sign-in step expired; sign in again.')
  const account = accountLimit(ctx, 'manager-totp-account', manager.id)
  await consumeRateLimit(ctx.db, account.rule, account.key, now)
  if (manager.disabledAt) throw deactivated()

  const enrolling = manager.totpSecret === null
  const encrypted = manager.totpSecret ?? manager.totpPendingSecret
  const step = encrypted ? matchingStep(totpCipher(ctx.appSecret).decrypt(encrypted), code, now) : null
  const outcome = await withTransaction(ctx.db, async (tx) => {
    if (step === null || !(await acceptStep(tx, manager.id, step))) return null
    await tx.delete(managerPendingSignIns).where(eq(managerPendingSignIns.id, pending.id))
    if (enrolling) {
      await tx
        .update(managers)
        .set({ totpSecret: encrypted, totpPendingSecret: null, totpEnabledAt: now })
        .where(eq(managers.id, manager.id))
      await recordAudit(tx, {
        at: now,
        actor: { type: 'manager', id: manager.id },
        action: 'manager.two_factor_enabled',
        entity: { type: 'manager', id: manager.id },
        after: { twoFactorEnabled: true, atSignIn: true },
      })
    }
    const current = (await findManager(tx, manager.id))!
    return signedIn(ctx, tx, current, now)
  })
  if (!outcome) {
    await ctx.db
      .update(managerPendingSignIns)
      .set({ failures: sql`${managerPendingSignIns.failures} + 1` })
      .where(eq(managerPendingSignIns.id, pending.id))
    throw codeRejected()
  }
  await refundRateLimit(ctx.db, account.rule, account.key, now)
  return outcome
}

/** Starts setting up an authenticator for one's own account; it is on once a code confirms it. */
export async function startEnrolment(ctx: AppContext, actor: ManagerActor) {
  const manager = await findManager(ctx.db, actor.managerId)
  if (!manager) throw unauthorized('invalid_session', 'The account of this session no longer exists.')
  if (manager.totpSecret !== null) {
    throw conflict('two_factor_already_enabled', 'Two-factor sign-in is on already; turn it off first.')
  }
  const secret = newTotpSecret()
  await ctx.db
    .update(managers)
    .set({ totpPendingSecret: totpCipher(ctx.appSecret).encrypt(secret) })
    .where(eq(managers.id, manager.id))
  return enrolmentFor(secret, manager.email)
}

async function checkOwnCode(ctx: AppContext, actor: ManagerActor, encrypted: string, code: string, tx: Executor) {
  const step = matchingStep(totpCipher(ctx.appSecret).decrypt(encrypted), code, ctx.clock.now())
  if (step === null || !(await acceptStep(tx, actor.managerId, step))) throw codeRejected()
}

/** Codes tried on one's own account are limited like sign-in codes, so a stolen session cannot guess them. */
async function limitOwnCodes(ctx: AppContext, actor: ManagerActor) {
  const account = accountLimit(ctx, 'manager-totp-account', actor.managerId)
  await consumeRateLimit(ctx.db, account.rule, account.key, ctx.clock.now())
  return () => refundRateLimit(ctx.db, account.rule, account.key, ctx.clock.now())
}

export async function confirmEnrolment(
  ctx: AppContext,
  recordAudit: RecordManagerAudit,
  actor: ManagerActor,
  code: string,
) {
  const refund = await limitOwnCodes(ctx, actor)
  const result = await withTransaction(ctx.db, async (tx) => {
    const [manager] = await tx.select().from(managers).where(eq(managers.id, actor.managerId)).for('update')
    if (!manager) throw unauthorized('invalid_session', 'The account of this session no longer exists.')
    if (manager.totpSecret !== null) throw conflict('two_factor_already_enabled', 'Two-factor sign-in is on already.')
    if (manager.totpPendingSecret === null) {
      throw conflict('two_factor_enrolment_not_started', 'Start setting up two-factor sign-in first.')
    }
    await checkOwnCode(ctx, actor, manager.totpPendingSecret, code, tx)
    const now = ctx.clock.now()
    const [updated] = await tx
      .update(managers)
      .set({ totpSecret: manager.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now })
      .where(eq(managers.id, manager.id))
      .returning()
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'manager.two_factor_enabled',
      entity: { type: 'manager', id: actor.managerId },
      after: { twoFactorEnabled: true },
    })
    return presentSelf(updated!, await signInPolicy(tx))
  })
  await refund()
  return result
}

export async function disableOwnTwoFactor(
  ctx: AppContext,
  recordAudit: RecordManagerAudit,
  actor: ManagerActor,
  code: string,
) {
  const refund = await limitOwnCodes(ctx, actor)
  const result = await withTransaction(ctx.db, async (tx) => {
    const [manager] = await tx.select().from(managers).where(eq(managers.id, actor.managerId)).for('update')
    if (!manager) throw unauthorized('invalid_session', 'The account of this session no longer exists.')
    if (manager.totpSecret === null) throw conflict('two_factor_not_enabled', 'Two-factor sign-in is not on.')
    if ((await signInPolicy(tx)).requireTwoFactor) {
      throw conflict('two_factor_required_by_policy', 'An admin requires two-factor sign-in for everyone.')
    }
    await checkOwnCode(ctx, actor, manager.totpSecret, code, tx)
    const [updated] = await tx
      .update(managers)
      .set({ totpSecret: null, totpEnabledAt: null, totpPendingSecret: null })
      .where(eq(managers.id, manager.id))
      .returning()
    await recordAudit(tx, {
      at: ctx.clock.now(),
      actor: { type: 'manager', id: actor.managerId },
      action: 'manager.two_factor_disabled',
      entity: { type: 'manager', id: actor.managerId },
      before: { twoFactorEnabled: true },
      after: { twoFactorEnabled: false },
    })
    return presentSelf(updated!, await signInPolicy(tx))
  })
  await refund()
  return result
}
