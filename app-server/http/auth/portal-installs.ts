import { eq } from 'drizzle-orm'
import type { Executor } from '../../db/client'
import { portals } from '../../db/schema'

/** What a partner session is checked against: whether the app is still installed, and which installation. */
export interface InstallState {
  installed: boolean
  generation: number
}

/**
 * How long one process trusts what it read. Every partner call checks its session against the install, so the
 * hot paths pay a Map lookup and the database one primary-key read per portal in this interval. An uninstall or
 * reinstall handled by this process is seen at once (forgetInstallState); one handled by another process after
 * at most this long.
 */
const TRUST_MS = 2_000

interface Entry {
  state: Promise<InstallState | undefined>
  until: number
}

// One cache per database handle, so apps on different databases in one process (tests) never share entries.
const caches = new WeakMap<object, Map<string, Entry>>()

function cacheOf(db: Executor): Map<string, Entry> {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  return cache
}

/** The install state of a portal, read at most once per TRUST_MS per process; undefined for an unknown portal. */
export function currentInstallState(db: Executor, portalId: string): Promise<InstallState | undefined> {
  const cache = cacheOf(db)
  const now = performance.now()
  const cached = cache.get(portalId)
  if (cached && cached.until > now) return cached.state
  const state = readInstallState(db, portalId)
  // Concurrent callers share the one read; a failed read is not remembered.
  cache.set(portalId, { state, until: now + TRUST_MS })
  state.catch(() => {
    if (cache.get(portalId)?.state === state) cache.delete(portalId)
  })
  return state
}

/** Drops what this process remembers about a portal; called when its installation changes. */
export function forgetInstallState(db: Executor, portalId: string): void {
  caches.get(db)?.delete(portalId)
}

async function readInstallState(db: Executor, portalId: string): Promise<InstallState | undefined> {
  const [row] = await db
    .select({ status: portals.status, generation: portals.installGeneration })
    .from(portals)
    .where(eq(portals.id, portalId))
  return row && { installed: row.status !== 'uninstalled', generation: row.generation }
}
