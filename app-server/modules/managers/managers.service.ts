import { randomBytes } from 'node:crypto'
import { asc, eq, sql } from 'drizzle-orm'
import { managerAbilities, type ManagerRole } from '../../../shared/domain/manager-roles'
import type { AppContext } from '../../context'
import type { Executor } from '../../db/client'
import { managerSignInPolicy, managers } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { badRequest, conflict, notFound } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import type { RecordManagerAudit } from './manager-audit'
import { hashPassword, type PasswordHashCost } from './password'
import { endSessionsOf } from './sessions'

export interface NewManager {
  email: string
  name: string
  password: string
  /** Defaults to `manager`; the first account (`npm run manager:create`) is an admin. */
  role?: ManagerRole
}

export const MIN_PASSWORD_LENGTH = 12

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest('weak_password', `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, {
      minLength: MIN_PASSWORD_LENGTH,
    })
  }
}

/** 18 random bytes: 24 characters an admin can pass on, far beyond guessing. */
function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}

/**
 * Creates a manager account with a hashed password.
 * @throws AppError `manager_exists` (409), `weak_password` (400).
 */
export async function createManager(db: Executor, input: NewManager, cost: PasswordHashCost = 'standard') {
  checkPassword(input.password)
  const email = input.email.trim().toLowerCase()
  const passwordHash = await hashPassword(input.password, cost)
  const [row] = await db
    .insert(managers)
    .values({ email, name: input.name.trim(), passwordHash, role: input.role ?? 'manager' })
    .onConflictDoNothing({ target: managers.email })
    .returning()
  if (!row) throw conflict('manager_exists', `A manager with the e-mail ${email} exists already.`)
  return row
}

type ManagerRow = typeof managers.$inferSelect

export async function signInPolicy(executor: Executor) {
  const [row] = await executor.select().from(managerSignInPolicy)
  return { requireTwoFactor: row?.requireTwoFactor ?? false }
}

/** The signed-in manager as the console sees them: role, abilities and two-factor state. */
export function presentSelf(row: ManagerRow, policy: { requireTwoFactor: boolean }) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    abilities: managerAbilities(row.role),
    twoFactor: { enabled: row.totpSecret !== null, required: policy.requireTwoFactor },
  }
}

/** An account as admins list it; no hash or secret. */
export function presentAccount(row: ManagerRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.disabledAt === null,
    twoFactorEnabled: row.totpSecret !== null,
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  }
}

export async function findManager(executor: Executor, id: string): Promise<ManagerRow | undefined> {
  const [row] = await executor.select().from(managers).where(eq(managers.id, id))
  return row
}

export async function getSelf(db: Executor, id: string) {
  const row = await findManager(db, id)
  return row ? presentSelf(row, await signInPolicy(db)) : undefined
}

/** What the admin API needs besides the context: the audit writer. */
export interface AccountDeps {
  recordAudit: RecordManagerAudit
}

export async function listAccounts(db: Executor) {
  const rows = await db
    .select()
    .from(managers)
    .orderBy(sql`${managers.disabledAt} is not null`, asc(managers.name), asc(managers.email))
  return { items: rows.map(presentAccount) }
}

/** An admin creates an account; without a password one is generated and answered once. */
export async function createAccount(
  ctx: AppContext,
  deps: AccountDeps,
  actor: ManagerActor,
  input: { email: string; name: string; role: ManagerRole; password?: string | undefined },
) {
  const generatedPassword = input.password === undefined ? generatePassword() : null
  const password = input.password ?? generatedPassword!
  return withTransaction(ctx.db, async (tx) => {
    const row = await createManager(tx, { ...input, password }, ctx.config.PASSWORD_HASH_COST)
    await deps.recordAudit(tx, {
      at: ctx.clock.now(),
      actor: { type: 'manager', id: actor.managerId },
      action: 'manager.created',
      entity: { type: 'manager', id: row.id },
      after: { role: row.role },
    })
    return { manager: presentAccount(row), generatedPassword }
  })
}

async function lockAccount(executor: Executor, id: string): Promise<ManagerRow> {
  const [row] = await executor.select().from(managers).where(eq(managers.id, id)).for('update')
  if (!row) throw notFound('manager_not_found', 'No manager account has this id.')
  return row
}

/**
 * Locks every active admin (in id order, so two admins' changes queue instead of deadlocking) and refuses a
 * change that would leave none: two admins deactivating each other at once cannot both succeed.
 */
async function lockActiveAdmins(executor: Executor): Promise<string[]> {
  const admins = await executor
    .select({ id: managers.id })
    .from(managers)
    .where(sql`${managers.role} = 'admin' and ${managers.disabledAt} is null`)
    .orderBy(asc(managers.id))
    .for('update')
  return admins.map((admin) => admin.id)
}

function refuseLastAdmin(admins: string[], row: ManagerRow): void {
  if (row.role === 'admin' && row.disabledAt === null && admins.every((id) => id === row.id)) {
    throw conflict('last_admin', 'This is the last active admin; make another admin first.')
  }
}

/** An admin may not take away their own access: another admin does that, so there is always one left. */
function refuseOwn(actor: ManagerActor, id: string): void {
  if (actor.managerId === id) {
    throw conflict('own_account', 'Your own role and access are changed by another admin.')
  }
}

export async function changeRole(
  ctx: AppContext,
  deps: AccountDeps,
  actor: ManagerActor,
  id: string,
  role: ManagerRole,
) {
  refuseOwn(actor, id)
  return withTransaction(ctx.db, async (tx) => {
    const admins = await lockActiveAdmins(tx)
    const row = await lockAccount(tx, id)
    if (row.role === role) return presentAccount(row)
    if (role !== 'admin') refuseLastAdmin(admins, row)
    const [updated] = await tx.update(managers).set({ role }).where(eq(managers.id, id)).returning()
    await deps.recordAudit(tx, {
      at: ctx.clock.now(),
      actor: { type: 'manager', id: actor.managerId },
      action: 'manager.role_changed',
      entity: { type: 'manager', id },
      before: { role: row.role },
      after: { role },
    })
    return presentAccount(updated!)
  })
}

/** Deactivates an account: it cannot sign in, and its sessions end now. */
export async function deactivate(ctx: AppContext, deps: AccountDeps, actor: ManagerActor, id: string) {
  refuseOwn(actor, id)
  return withTransaction(ctx.db, async (tx) => {
    const admins = await lockActiveAdmins(tx)
    const row = await lockAccount(tx, id)
    if (row.disabledAt) return presentAccount(row)
    refuseLastAdmin(admins, row)
    const now = ctx.clock.now()
    const [updated] = await tx.update(managers).set({ disabledAt: now }).where(eq(managers.id, id)).returning()
    await endSessionsOf(tx, id, now)
    await deps.recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'manager.deactivated',
      entity: { type: 'manager', id },
      before: { active: true },
      after: { active: false },
    })
    return presentAccount(updated!)
  })
}

export async function reactivate(ctx: AppContext, deps: AccountDeps, actor: ManagerActor, id: string) {
  return withTransaction(ctx.db, async (tx) => {
    const row = await lockAccount(tx, id)
    if (!row.disabledAt) return presentAccount(row)
    const [updated] = await tx.update(managers).set({ disabledAt: null }).where(eq(managers.id, id)).returning()
    await deps.recordAudit(tx, {
      at: ctx.clock.now(),
      actor: { type: 'manager', id: actor.managerId },
      action: 'manager.reactivated',
      entity: { type: 'manager', id },
      before: { active: false },
      after: { active: true },
    })
    return presentAccount(updated!)
  })
}

/** Sets a new password (generated when none is given) and ends the account's sessions. */
export async function resetPassword(
  ctx: AppContext,
  deps: AccountDeps,
  actor: ManagerActor,
  id: string,
  password: string | undefined,
) {
  if (password !== undefined) checkPassword(password)
  const generatedPassword = password === undefined ? generatePassword() : null
  const passwordHash = await hashPassword(password ?? generatedPassword!, ctx.config.PASSWORD_HASH_COST)
  return withTransaction(ctx.db, async (tx) => {
    await lockAccount(tx, id)
    const now = ctx.clock.now()
    const [updated] = await tx.update(managers).set({ passwordHash }).where(eq(managers.id, id)).returning()
    await endSessionsOf(tx, id, now)
    await deps.recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'manager.password_reset',
      entity: { type: 'manager', id },
      after: { generated: generatedPassword !== null },
    })
    return { manager: presentAccount(updated!), generatedPassword }
  })
}

/** For a lost authenticator: two-factor sign-in is off until set up again. */
export async function resetTwoFactor(ctx: AppContext, deps: AccountDeps, actor: ManagerActor, id: string) {
  return withTransaction(ctx.db, async (tx) => {
    const row = await lockAccount(tx, id)
    const [updated] = await tx
      .update(managers)
      .set({ totpSecret: null, totpEnabledAt: null, totpPendingSecret: null, totpLastStep: null })
      .where(eq(managers.id, id))
      .returning()
    await deps.recordAudit(tx, {
      at: ctx.clock.now(),
      actor: { type: 'manager', id: actor.managerId },
      action: 'manager.two_factor_reset',
      entity: { type: 'manager', id },
      before: { twoFactorEnabled: row.totpSecret !== null },
      after: { twoFactorEnabled: false },
    })
    return presentAccount(updated!)
  })
}

export async function setSignInPolicy(
  ctx: AppContext,
  deps: AccountDeps,
  actor: ManagerActor,
  policy: { requireTwoFactor: boolean },
) {
  return withTransaction(ctx.db, async (tx) => {
    const before = await signInPolicy(tx)
    const now = ctx.clock.now()
    await tx
      .insert(managerSignInPolicy)
      .values({ id: true, requireTwoFactor: policy.requireTwoFactor, updatedAt: now })
      .onConflictDoUpdate({
        target: managerSignInPolicy.id,
        set: { requireTwoFactor: policy.requireTwoFactor, updatedAt: now },
      })
    if (before.requireTwoFactor !== policy.requireTwoFactor) {
      await deps.recordAudit(tx, {
        at: now,
        actor: { type: 'manager', id: actor.managerId },
        action: 'sign_in_policy.updated',
        entity: { type: 'sign_in_policy', id: 'manager_sign_in' },
        before,
        after: policy,
      })
    }
    return policy
  })
}
