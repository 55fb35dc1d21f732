import { acceptHMRUpdate, defineStore } from 'pinia'
import { readonly, ref, shallowRef } from 'vue'
import type { B24Frame } from '@bitrix24/b24jssdk'
import {
  connectToPortal,
  finishInstall,
  fitFrameToContent,
  frameCredentials,
  framePlacement,
  isPortalAdmin,
  openCrmCard,
  pickPortalUser,
  portalDomain,
  portalLanguage,
  portalUtcOffset,
  type FrameCredentials,
} from '../../bitrix24/frame'

export type PortalState = 'connecting' | 'ready' | 'outside-portal' | 'failed'

/** Where the partner app runs: inside a Bitrix24 portal (and which one), outside of it, or not yet known. */
export const usePortalStore = defineStore('portal', () => {
  const state = ref<PortalState>('connecting')
  const domain = ref<string | null>(null)
  /** Bitrix24 interface language of the current user, e.g. `de` or `la`. */
  const language = ref<string | null>(null)
  // Errors are class instances from the SDK; a shallow ref keeps them as they are.
  const error = shallowRef<unknown>(null)
  /** Where the portal embedded the app and for which CRM record (CRM detail tabs). */
  const placement = ref<{ code: string; entityId: string | null }>({ code: 'DEFAULT', entityId: null })
  const isAdmin = ref(false)
  /**
   * The portal's offset from UTC in minutes: every time the app shows is in the portal's time zone, as in its CRM.
   * Null outside a portal or when the portal did not say (then the browser's zone is used).
   */
  const utcOffsetMinutes = ref<number | null>(null)
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
      placement.value = framePlacement(frame)
      isAdmin.value = isPortalAdmin(frame)
      // Known before the first screen, so that no time is shown in one zone and then another.
      utcOffsetMinutes.value = await portalUtcOffset(frame).catch(() => null)
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

  function connectedFrame(): B24Frame {
    if (!frame) throw new Error('Not connected to a Bitrix24 portal')
    return frame
  }

  /** The user's portal credentials for a server session; `fresh` asks the portal for a new token. */
  function credentials(fresh = false): Promise<FrameCredentials> {
    return frameCredentials(connectedFrame(), fresh)
  }

  /** The portal's own user picker. */
  function pickUser(): Promise<{ id: string; name: string } | null> {
    return pickPortalUser(connectedFrame())
  }

  /** Opens a lead or deal in the portal's slider. */
  function openCard(kind: 'lead' | 'deal', id: string): Promise<void> {
    return openCrmCard(connectedFrame(), kind, id)
  }

  function completeInstall(): Promise<void> {
    return finishInstall(connectedFrame())
  }

  return {
    state: readonly(state),
    placement: readonly(placement),
    isAdmin: readonly(isAdmin),
    utcOffsetMinutes: readonly(utcOffsetMinutes),
    credentials,
    pickUser,
    openCard,
    completeInstall,
    domain: readonly(domain),
    language: readonly(language),
    error: readonly(error),
    connect,
    fitToContent,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePortalStore, import.meta.hot))
