import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router'
import type { ManagerAbilities, ManagerAbilityName } from '@shared/domain/manager-roles'
import { onSessionEnded } from './api/manager-api'
import { useSessionStore } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without a session (the sign-in page). */
    public?: boolean
    /** Only roles with this ability may open it. */
    ability?: ManagerAbilityName
  }
}

export const HOME: RouteLocationRaw = { name: 'home' }

/** Where a redirect query may send the manager back to: console paths only, never another site. */
export function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined
}

export interface SessionView {
  signedIn: boolean
  abilities: ManagerAbilities
}

/**
 * Whether a route may open for this session, or where to go instead: signed out → the sign-in page with the
 * way back in `redirect`; signed in → away from the sign-in page (to `redirect`); a role without the route's
 * ability → home.
 */
export function accessDecision(to: RouteLocationNormalized, session: SessionView): true | RouteLocationRaw {
  if (to.meta.public) {
    if (to.name === 'sign-in' && session.signedIn) return safeRedirect(to.query.redirect) ?? HOME
    return true
  }
  if (!session.signedIn) {
    return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  if (to.meta.ability && !session.abilities[to.meta.ability]) return HOME
  return true
}

/**
 * Checks every navigation against the session (asking the server once, on the first), and sends the manager to
 * sign in, with the way back, whenever a call finds the session ended.
 */
export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore()
    if (session.status === 'unknown') await session.restore()
    return accessDecision(to, { signedIn: session.status === 'signed_in', abilities: session.abilities })
  })
  onSessionEnded((code) => {
    useSessionStore().sessionEnded(code)
    const current = router.currentRoute.value
    if (current.meta.public) return
    void router.replace({ name: 'sign-in', query: { redirect: current.fullPath } })
  })
}
