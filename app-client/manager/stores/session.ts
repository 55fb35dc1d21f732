import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, readonly, ref, shallowRef } from 'vue'
import type { z } from 'zod'
import type { ManagerSignInChallengeSchema } from '@shared/schemas/manager-access.schema'
import type { ManagerSchema } from '@shared/schemas/manager.schema'
import { managerAbilities, type ManagerAbilities } from '@shared/domain/manager-roles'
import { isApiError } from '../../common/api/api-error'
import { managerApi } from '../api/manager-api'

export type SignedInManager = z.output<typeof ManagerSchema>
export type SignInChallenge = z.output<typeof ManagerSignInChallengeSchema>

const NO_ABILITIES: ManagerAbilities = { change: false, seeContacts: false, manageManagers: false }

/**
 * Who is signed in to the console. The session itself is an HttpOnly cookie; this store only knows the manager
 * it belongs to, the second sign-in step when one is pending, and why the last session ended.
 */
export const useSessionStore = defineStore('manager-session', () => {
  const manager = ref<SignedInManager | null>(null)
  /** `unknown` until the first check of the cookie has answered. */
  const status = ref<'unknown' | 'signed_in' | 'signed_out'>('unknown')
  const challenge = shallowRef<SignInChallenge | null>(null)
  /** Set when the server ended the session (expired, deactivated); the sign-in page says so. */
  const endedBecause = ref<string | null>(null)
  let restoring: Promise<void> | undefined

  // The role's abilities as the shared domain defines them, so the console hides what the server would refuse.
  const abilities = computed<ManagerAbilities>(() =>
    manager.value ? managerAbilities(manager.value.role) : NO_ABILITIES,
  )

  function signedIn(value: SignedInManager): void {
    manager.value = value
    status.value = 'signed_in'
    challenge.value = null
    endedBecause.value = null
  }

  /** Asks the server whether the cookie still holds a session; callers at the same time share the answer. */
  function restore(): Promise<void> {
    restoring ??= managerApi
      .getCurrentManager()
      .then(signedIn)
      .catch((error: unknown) => {
        if (!isApiError(error) || error.status !== 401) throw error
        manager.value = null
        status.value = 'signed_out'
      })
      .finally(() => {
        restoring = undefined
      })
    return restoring
  }

  /** The password step: signs in, or leaves a challenge for the code step. */
  async function signIn(email: string, password: string): Promise<void> {
    const result = await managerApi.signInManager({ body: { email, password, session: 'cookie' } })
    if (result.status === 'signed_in') signedIn(result.manager)
    else challenge.value = result
  }

  /** The code step, with the code of the authenticator (set up just now when the challenge asked for it). */
  async function submitCode(code: string): Promise<void> {
    if (!challenge.value) return
    const result = await managerApi.completeTwoFactorSignIn({
      body: { pendingToken: challenge.value.pendingToken, code, session: 'cookie' },
    })
    signedIn(result.manager)
  }

  function cancelChallenge(): void {
    challenge.value = null
  }

  async function signOut(): Promise<void> {
    try {
      await managerApi.signOutManager()
    } catch (error) {
      // Already gone on the server: signed out either way.
      if (!isApiError(error) || error.status !== 401) throw error
    }
    manager.value = null
    status.value = 'signed_out'
    endedBecause.value = null
  }

  /** The server answered that the session is gone (see `onSessionEnded`). */
  function sessionEnded(code: string): void {
    if (status.value !== 'signed_in') return
    manager.value = null
    status.value = 'signed_out'
    endedBecause.value = code
  }

  /** After the manager changed their own account (two-factor on or off). */
  function update(value: SignedInManager): void {
    manager.value = value
  }

  return {
    manager: readonly(manager),
    status: readonly(status),
    challenge: readonly(challenge),
    endedBecause: readonly(endedBecause),
    abilities,
    restore,
    signIn,
    submitCode,
    cancelChallenge,
    signOut,
    sessionEnded,
    update,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
