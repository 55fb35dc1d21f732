import { acceptHMRUpdate, defineStore } from 'pinia'
import { readonly, ref, shallowRef } from 'vue'
import type { B24Frame } from '@bitrix24/b24jssdk'
import { connectToPortal, fitFrameToContent, portalDomain, portalLanguage } from '../../bitrix24/frame'

export type PortalState = 'connecting' | 'ready' | 'outside-portal' | 'failed'

/** Where the partner app runs: inside a Bitrix24 portal (and which one), outside of it, or not yet known. */
export const usePortalStore = defineStore('portal', () => {
  const state = ref<PortalState>('connecting')
  const domain = ref<string | null>(null)
  /** Bitrix24 interface language of the current user, e.g. `de` or `la`. */
  const language = ref<string | null>(null)
  // Errors are class instances from the SDK; a shallow ref keeps them as they are.
  const error = shallowRef<unknown>(null)
  // The SDK object holds the postMessage channel; it is not UI state and must not be made reactive.
  let frame: B24Frame | undefined
  let pending: Promise<void> | undefined

  async function establish(): Promise<void> {
    state.value = 'connecting'
    error.value = null
    try {
      const connection = await connectToPortal()
      if (connection.kind === 'outside-portal') {
        state.value = 'outside-portal'
        return
      }
      frame = connection.frame
      domain.value = portalDomain(frame)
      language.value = portalLanguage(frame)
      state.value = 'ready'
    } catch (cause) {
      error.value = cause
      state.value = 'failed'
    }
  }

  /** Connects once; concurrent callers share the attempt in flight. Safe to call again after `failed`. */
  function connect(): Promise<void> {
    pending ??= establish().finally(() => {
      pending = undefined
    })
    return pending
  }

  /** Asks the portal to fit the iframe to the page; does nothing outside a portal. */
  async function fitToContent(): Promise<void> {
    if (frame) await fitFrameToContent(frame)
  }

  return {
    state: readonly(state),
    domain: readonly(domain),
    language: readonly(language),
    error: readonly(error),
    connect,
    fitToContent,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePortalStore, import.meta.hot))
