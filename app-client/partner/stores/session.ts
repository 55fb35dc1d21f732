import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, readonly, ref, shallowRef } from 'vue'
import type { Session } from '@shared/schemas/session.schema'
import { onSessionExpired, partnerApi, useSessionToken } from '../api/partner-client'
import { usePortalStore } from './portal'

export type SessionState = 'idle' | 'connecting' | 'ready' | 'failed'

/** The server session of the current portal user: whether the portal is linked to a partner, and who is using it. */
export const useSessionStore = defineStore('session', () => {
  const portal = usePortalStore()
  const state = ref<SessionState>('idle')
  const session = shallowRef<Session | null>(null)
  const error = shallowRef<unknown>(null)
  let pending: Promise<void> | undefined

  function adopt(next: Session): void {
    session.value = next
    useSessionToken(next.token)
  }

  async function open(fresh: boolean): Promise<void> {
    adopt(await partnerApi.createSession(await portal.credentials(fresh)))
  }

  /** Starts the session once; concurrent callers share the attempt, later ones find it ready. */
  function start(): Promise<void> {
    if (state.value === 'ready') return Promise.resolve()
    pending ??= (async () => {
      state.value = 'connecting'
      error.value = null
      try {
        await open(false)
        onSessionExpired(() => open(true))
        state.value = 'ready'
      } catch (cause) {
        error.value = cause
        state.value = 'failed'
      } finally {
        pending = undefined
      }
    })()
    return pending
  }

  /** Links this portal with a manager's code; the answer is a new session bound to the partner. */
  async function link(code: string): Promise<void> {
    adopt(await partnerApi.linkPortal(code.trim()))
  }

  return {
    state: readonly(state),
    session,
    error,
    linked: computed(() => session.value?.portal.linked === true),
    isAdmin: computed(() => session.value?.user.isAdmin === true),
    start,
    link,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
