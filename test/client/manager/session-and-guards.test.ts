import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter, type RouteLocationNormalized } from 'vue-router'
import { managerAbilities } from '../../../shared/domain/manager-roles'
import { ApiError } from '../../../app-client/common/api/api-error'
import { managerApi, onSessionEnded } from '../../../app-client/manager/api/manager-api'
import { accessDecision, installGuards, safeRedirect } from '../../../app-client/manager/guards'
import { CONSOLE_SECTIONS, visibleSections } from '../../../app-client/manager/navigation'
import { CONSOLE_ROUTES } from '../../../app-client/manager/router'
import { useSessionStore } from '../../../app-client/manager/stores/session'

vi.mock('../../../app-client/manager/api/manager-api', () => {
  let listener: ((code: string) => void) | null = null
  return {
    managerApi: {
      getCurrentManager: vi.fn(),
      signInManager: vi.fn(),
      completeTwoFactorSignIn: vi.fn(),
      signOutManager: vi.fn(),
    },
    onSessionEnded: vi.fn((value: ((code: string) => void) | null) => {
      listener = value
    }),
    endSession: (code: string) => listener?.(code),
  }
})

const api = vi.mocked(managerApi)
const manager = (role: 'admin' | 'manager' | 'viewer' = 'manager') => ({
  id: '5f0c7a52-7a43-4c8e-a1b4-8b1c8b9f4d10',
  email: `${role}@example.com`,
  name: 'Mia Manager',
  role,
  abilities: managerAbilities(role),
  twoFactor: { enabled: false, required: false },
})
const expired = () => new ApiError({ status: 401, code: 'session_expired', title: 'Session expired' })

beforeEach(() => {
  for (const fn of Object.values(api)) vi.mocked(fn).mockReset()
})

describe('the session store', () => {
  it('when the cookie holds a session, then restore signs the manager in with their role', async () => {
    api.getCurrentManager.mockResolvedValue(manager('viewer'))
    const session = useSessionStore()
    expect(session.status).toBe('unknown')
    await session.restore()
    expect(session.status).toBe('signed_in')
    expect(session.abilities).toEqual({ change: false, seeContacts: false, manageManagers: false })
  })

  it('when there is no session, then restore leaves the manager signed out; other failures are thrown', async () => {
    api.getCurrentManager.mockRejectedValueOnce(expired())
    const session = useSessionStore()
    await session.restore()
    expect(session.status).toBe('signed_out')
    api.getCurrentManager.mockRejectedValueOnce(new ApiError({ status: 0, code: 'network_error', title: 'x' }))
    await expect(session.restore()).rejects.toThrow()
  })

  it('signs in with the cookie transport; a two-factor challenge waits for the code step', async () => {
    const session = useSessionStore()
    api.signInManager.mockResolvedValue({
      status: 'two_factor_required',
      pendingToken: 'pending',
      expiresAt: '2026-12-03T10:05:00.000Z',
    })
    await session.signIn('mia@example.com', 'a long password')
    expect(api.signInManager).toHaveBeenCalledWith({
      body: { email: 'mia@example.com', password: 'a long password', session: 'cookie' },
    })
    expect(session.status).not.toBe('signed_in')
    expect(session.challenge?.pendingToken).toBe('pending')

    api.completeTwoFactorSignIn.mockResolvedValue({
      status: 'signed_in',
      expiresAt: '2026-12-03T22:00:00.000Z',
      manager: manager('admin'),
    })
    await session.submitCode(' 123456 '.trim())
    expect(api.completeTwoFactorSignIn).toHaveBeenCalledWith({
      body: { pendingToken: 'pending', code: '123456', session: 'cookie' },
    })
    expect(session.status).toBe('signed_in')
    expect(session.challenge).toBeNull()
    expect(session.abilities.manageManagers).toBe(true)
  })

  it('when the server ends the session, then the manager is signed out and the reason kept for the sign-in page', async () => {
    api.signInManager.mockResolvedValue({
      status: 'signed_in',
      expiresAt: '2026-12-03T22:00:00.000Z',
      manager: manager(),
    })
    const session = useSessionStore()
    await session.signIn('mia@example.com', 'a long password')
    session.sessionEnded('session_expired')
    expect(session.status).toBe('signed_out')
    expect(session.endedBecause).toBe('session_expired')
    expect(session.abilities.change).toBe(false)
  })

  it('when signing out finds the session gone already, then the manager is signed out anyway', async () => {
    api.signInManager.mockResolvedValue({
      status: 'signed_in',
      expiresAt: '2026-12-03T22:00:00.000Z',
      manager: manager(),
    })
    api.signOutManager.mockRejectedValue(expired())
    const session = useSessionStore()
    await session.signIn('mia@example.com', 'a long password')
    await session.signOut()
    expect(session.status).toBe('signed_out')
  })
})

function route(path: string, meta: RouteLocationNormalized['meta'] = {}, query = {}, name = 'x') {
  return { fullPath: path, path, meta, query, name } as unknown as RouteLocationNormalized
}

describe('the route guards', () => {
  const signedOut = { signedIn: false, abilities: managerAbilities('viewer') }
  const asViewer = { signedIn: true, abilities: managerAbilities('viewer') }
  const asAdmin = { signedIn: true, abilities: managerAbilities('admin') }

  it('sends a signed-out manager to sign in, with the way back', () => {
    expect(accessDecision(route('/managers?x=1'), signedOut)).toEqual({
      name: 'sign-in',
      query: { redirect: '/managers?x=1' },
    })
    expect(accessDecision(route('/sign-in', { public: true }, {}, 'sign-in'), signedOut)).toBe(true)
  })

  it('sends a signed-in manager away from the sign-in page, back where they were', () => {
    const signIn = route('/sign-in', { public: true }, { redirect: '/managers' }, 'sign-in')
    expect(accessDecision(signIn, asAdmin)).toBe('/managers')
    const hostile = route('/sign-in', { public: true }, { redirect: '//evil.example/x' }, 'sign-in')
    expect(accessDecision(hostile, asAdmin)).toEqual({ name: 'home' })
  })

  it('keeps a screen to the roles with its ability', () => {
    expect(accessDecision(route('/managers', { ability: 'manageManagers' }), asViewer)).toEqual({ name: 'home' })
    expect(accessDecision(route('/managers', { ability: 'manageManagers' }), asAdmin)).toBe(true)
  })

  it('accepts only console paths as redirects', () => {
    expect(safeRedirect('/account')).toBe('/account')
    for (const bad of ['https://evil.example', '//evil.example', 'account', undefined, ['/a']]) {
      expect(safeRedirect(bad)).toBeUndefined()
    }
  })

  it('when a call finds the session ended, then the router goes to sign-in with the current page to return to', async () => {
    api.getCurrentManager.mockResolvedValue(manager('admin'))
    // The console's routes, names and metadata, with empty screens.
    const stub = { render: () => null }
    const routes = CONSOLE_ROUTES.map((r) => ('redirect' in r && r.redirect ? r : { ...r, component: stub }))
    const router = createRouter({ history: createMemoryHistory(), routes: routes as typeof CONSOLE_ROUTES })
    installGuards(router)
    await router.push('/account')
    expect(router.currentRoute.value.name).toBe('account')
    const { endSession } = (await import('../../../app-client/manager/api/manager-api')) as unknown as {
      endSession: (code: string) => void
    }
    expect(onSessionEnded).toHaveBeenCalled()
    endSession('session_expired')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query.redirect).toBe('/account')
    expect(useSessionStore().endedBecause).toBe('session_expired')
  })
})

describe('the navigation', () => {
  const routes = new Set(CONSOLE_ROUTES.map((r) => r.name))
  const hasRoute = (name: string) => routes.has(name)

  const EVERY_SCREEN = [
    'dashboard',
    'partners',
    'requests',
    'returns',
    'leadSync',
    'restrictedCountries',
    'feedback',
    'audit',
  ]

  it('lists only sections whose screen exists, and Managers only for admins', () => {
    const admin = visibleSections(CONSOLE_SECTIONS, hasRoute, managerAbilities('admin')).map((s) => s.key)
    expect(admin).toEqual([...EVERY_SCREEN, 'managers', 'status', 'apiDocs'])
    const viewer = visibleSections(CONSOLE_SECTIONS, hasRoute, managerAbilities('viewer')).map((s) => s.key)
    expect(viewer).toEqual([...EVERY_SCREEN, 'status', 'apiDocs'])
  })

  it('hides a section whose screen has no route', () => {
    const withoutPartners = (name: string) => hasRoute(name) && name !== 'partners'
    const keys = visibleSections(CONSOLE_SECTIONS, withoutPartners, managerAbilities('viewer')).map((s) => s.key)
    expect(keys).not.toContain('partners')
    expect(keys).toContain('requests')
  })
})
