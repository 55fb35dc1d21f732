import { and, desc, eq, isNull, lte, or, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client'
import { portals } from '../../db/schema'
import type { PortalCredentials, TokenPayload } from './portal-client'
import type { TokenCipher } from './token-cipher'

export type PortalRow = typeof portals.$inferSelect

export async function findPortalByMemberId(db: Executor, memberId: string): Promise<PortalRow | undefined> {
  const [row] = await db.select().from(portals).where(eq(portals.memberId, memberId))
  return row
}

/** Every portal the app was ever installed on, newest install first (a short list: one per partner). */
export function listPortalsNewestFirst(db: Executor): Promise<PortalRow[]> {
  return db.select().from(portals).orderBy(desc(portals.installedAt))
}

export async function findPortal(db: Executor, id: string): Promise<PortalRow | undefined> {
  const [row] = await db.select().from(portals).where(eq(portals.id, id))
  return row
}

/** The portal's host, e.g. `company.bitrix24.com`, taken from its REST endpoint. */
export function domainOf(clientEndpoint: string): string {
  return new URL(clientEndpoint).host
}

export interface InstallRecord {
  tokens: TokenPayload
  applicationToken: string
  /** Another installation than the stored one: its generation grows, which ends the sessions of the previous one. */
  newInstallation: boolean
  now: Date
}

/**
 * Stores an installation from verified tokens; a reinstall updates the same record and keeps its partner link
 * and history.
 */
export async function upsertInstalledPortal(
  db: Executor,
  cipher: TokenCipher,
  record: InstallRecord,
): Promise<PortalRow> {
  const { tokens, now } = record
  const values = {
    domain: domainOf(tokens.client_endpoint),
    clientEndpoint: tokens.client_endpoint,
    serverEndpoint: tokens.server_endpoint,
    scopes: tokens.scope.split(/[\s,]+/).filter(Boolean),
    status: 'installed' as const,
    accessTokenEnc: cipher.encrypt(tokens.access_token),
    refreshTokenEnc: cipher.encrypt(tokens.refresh_token),
    expiresAt: new Date(tokens.expires * 1000),
    applicationTokenEnc: cipher.encrypt(record.applicationToken),
    lastError: null,
    installedAt: now,
    uninstalledAt: null,
    updatedAt: now,
  }
  const [row] = await db
    .insert(portals)
    .values({ memberId: tokens.member_id, ...values, createdAt: now })
    .onConflictDoUpdate({
      target: portals.memberId,
      set: {
        ...values,
        installGeneration: record.newInstallation ? sql`${portals.installGeneration} + 1` : portals.installGeneration,
      },
    })
    .returning()
  return row!
}

export function credentialsOf(portal: PortalRow, cipher: TokenCipher): PortalCredentials {
  if (!portal.accessTokenEnc || !portal.refreshTokenEnc) throw new Error('the portal has no tokens')
  return {
    memberId: portal.memberId,
    domain: portal.domain,
    clientEndpoint: portal.clientEndpoint,
    accessToken: cipher.decrypt(portal.accessTokenEnc),
    refreshToken: cipher.decrypt(portal.refreshTokenEnc),
    expires: Math.floor((portal.expiresAt?.getTime() ?? 0) / 1000),
    applicationToken: cipher.decrypt(portal.applicationTokenEnc),
    scopes: portal.scopes,
  }
}

/** Stores a refreshed pair and gives up the refresh lease in the same statement. */
export async function saveTokens(db: Executor, cipher: TokenCipher, portalId: string, tokens: TokenPayload, now: Date) {
  await db
    .update(portals)
    .set({
      accessTokenEnc: cipher.encrypt(tokens.access_token),
      refreshTokenEnc: cipher.encrypt(tokens.refresh_token),
      expiresAt: new Date(tokens.expires * 1000),
      refreshLeaseUntil: null,
      updatedAt: now,
    })
    .where(eq(portals.id, portalId))
}

/**
 * Takes the portal's refresh lease when nobody holds it (or a holder's lease ran out) and the stored refresh
 * token is still the one the caller read, so a pair stored meanwhile by another process is never refreshed again.
 * @returns whether the caller now holds the lease.
 */
export async function takeRefreshLease(
  db: Executor,
  lease: { portalId: string; refreshTokenEnc: string; now: Date; until: Date },
): Promise<boolean> {
  const rows = await db
    .update(portals)
    .set({ refreshLeaseUntil: lease.until })
    .where(
      and(
        eq(portals.id, lease.portalId),
        eq(portals.status, 'installed'),
        eq(portals.refreshTokenEnc, lease.refreshTokenEnc),
        or(isNull(portals.refreshLeaseUntil), lte(portals.refreshLeaseUntil, lease.now)),
      ),
    )
    .returning({ id: portals.id })
  return rows.length > 0
}

/** Gives up the refresh lease without new tokens (the refresh failed). */
export async function releaseRefreshLease(db: Executor, portalId: string): Promise<void> {
  await db.update(portals).set({ refreshLeaseUntil: null }).where(eq(portals.id, portalId))
}

/** Where reconciliation of the portal's CRM resumes, and when it last ran (crm-sync reads and moves it). */
export async function saveReconcileCursor(db: Executor, portalId: string, cursor: Date | undefined, now: Date) {
  await db
    .update(portals)
    .set({ lastReconciledAt: now, ...(cursor ? { crmModifiedCursor: cursor } : {}) })
    .where(eq(portals.id, portalId))
}

/** Whether the portal runs the classic CRM (1) or the simple one (2), as the manifest found it. */
export async function saveCrmMode(db: Executor, portalId: string, crmMode: number | null) {
  await db.update(portals).set({ crmMode }).where(eq(portals.id, portalId))
}

/** Notes a verified event from the portal: its name, when, and the app version it reports, if any. */
export async function noteEvent(
  db: Executor,
  portalId: string,
  event: { name: string; appVersion?: number | undefined; at: Date },
) {
  await db
    .update(portals)
    .set({
      lastEvent: event.name,
      lastEventAt: event.at,
      ...(event.appVersion === undefined ? {} : { appVersion: event.appVersion }),
    })
    .where(eq(portals.id, portalId))
}
