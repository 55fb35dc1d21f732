import { createHash, randomBytes } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { Request, Response } from 'express'
import { parse as parseCookies } from 'cookie'
import type { AppContext } from '../../context'
import type { Executor } from '../../db/client'
import { managerSessions, managers } from '../../db/schema'
import type { ManagerActor } from '../../http/auth/actors'

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** A use within this long of the last one does not write `last_seen_at` again: reads stay reads. */
const TOUCH_EVERY_MS = 60_000

/** Starts a session; the token is answered once and only its hash is stored. */
export async function openSession(ctx: AppContext, executor: Executor, managerId: string, now: Date) {
  const token = newToken()
  const expiresAt = new Date(now.getTime() + ctx.config.MANAGER_SESSION_TTL_HOURS * 3_600_000)
  await executor
    .insert(managerSessions)
    .values({ managerId, tokenHash: tokenHash(token), createdAt: now, lastSeenAt: now, expiresAt })
  await executor.update(managers).set({ lastSignInAt: now }).where(eq(managers.id, managerId))
  return { token, expiresAt }
}

export type SessionCheck =
  { ok: true; actor: ManagerActor } | { ok: false; code: 'invalid_session' | 'session_expired' }

/**
 * The manager behind a session token. A session ends when signed out, when its account is deactivated, after
 * MANAGER_SESSION_TTL_HOURS, and after MANAGER_IDLE_MINUTES without use; each use pushes the idle end back.
 */
export async function checkSession(ctx: AppContext, token: string, via: ManagerActor['via']): Promise<SessionCheck> {
  const now = ctx.clock.now()
  const [row] = await ctx.db
    .select({
      sessionId: managerSessions.id,
      managerId: managers.id,
      email: managers.email,
      role: managers.role,
      disabledAt: managers.disabledAt,
      expiresAt: managerSessions.expiresAt,
      lastSeenAt: managerSessions.lastSeenAt,
    })
    .from(managerSessions)
    .innerJoin(managers, eq(managers.id, managerSessions.managerId))
    .where(and(eq(managerSessions.tokenHash, tokenHash(token)), isNull(managerSessions.revokedAt)))
  if (!row || row.disabledAt) return { ok: false, code: 'invalid_session' }
  const idleEnd = row.lastSeenAt.getTime() + ctx.config.MANAGER_IDLE_MINUTES * 60_000
  if (row.expiresAt <= now || idleEnd <= now.getTime()) return { ok: false, code: 'session_expired' }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await ctx.db.update(managerSessions).set({ lastSeenAt: now }).where(eq(managerSessions.id, row.sessionId))
  }
  return {
    ok: true,
    actor: { managerId: row.managerId, sessionId: row.sessionId, email: row.email, role: row.role, via },
  }
}

export async function endSession(ctx: AppContext, sessionId: string): Promise<void> {
  await ctx.db
    .update(managerSessions)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(managerSessions.id, sessionId), isNull(managerSessions.revokedAt)))
}

/** Ends every session of an account (deactivated, or its password reset). */
export async function endSessionsOf(executor: Executor, managerId: string, now: Date): Promise<void> {
  await executor
    .update(managerSessions)
    .set({ revokedAt: now })
    .where(and(eq(managerSessions.managerId, managerId), isNull(managerSessions.revokedAt)))
}

// `__Host-` makes browsers refuse the cookie unless it is Secure, for this host only and for every path.
const SECURE_COOKIE = '__Host-manager_session'
const PLAIN_COOKIE = 'manager_session'

function isSecure(req: Request, publicUrl: string | undefined): boolean {
  return req.secure || (publicUrl?.startsWith('https:') ?? false)
}

/** The console's session cookie: HttpOnly (no script reads it), SameSite=Strict, Secure over HTTPS. */
export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date, publicUrl?: string) {
  const secure = isSecure(req, publicUrl)
  res.cookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: 'strict',
    path: '/',
    expires: expiresAt,
  })
}

export function clearSessionCookie(req: Request, res: Response, publicUrl?: string) {
  const secure = isSecure(req, publicUrl)
  res.clearCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, { httpOnly: true, secure, sameSite: 'strict', path: '/' })
}

export function sessionCookie(req: Request): string | undefined {
  const header = req.get('cookie')
  if (!header) return undefined
  const cookies = parseCookies(header)
  return cookies[SECURE_COOKIE] ?? cookies[PLAIN_COOKIE]
}
