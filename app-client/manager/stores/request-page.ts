import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { z } from 'zod'
import type { ModerationAction } from '@shared/domain/request-states'
import type { RequestDetailSchema, RevealedContactsSchema } from '@shared/schemas/console.schema'
import { managerApi } from '../api/manager-api'

export type RequestDetail = z.infer<typeof RequestDetailSchema>
export type RevealedContacts = z.infer<typeof RevealedContactsSchema>

/** One request's page: its reservations, moderation, and the client's contacts only after an explicit reveal. */
export const useRequestPageStore = defineStore('console-request', () => {
  const detail = shallowRef<RequestDetail | null>(null)
  const contacts = shallowRef<RevealedContacts | null>(null)
  const error = shallowRef<unknown>(null)
  const isLoading = ref(false)
  let currentId: string | null = null

  async function load(id: string): Promise<void> {
    if (currentId !== id) {
      detail.value = null
      // Contacts never outlive the page they were revealed on.
      contacts.value = null
    }
    currentId = id
    isLoading.value = true
    try {
      const answer = await managerApi.getRequestDetail({ params: { id } })
      if (currentId !== id) return
      detail.value = answer
      error.value = null
    } catch (cause) {
      if (currentId === id) error.value = cause
    } finally {
      isLoading.value = false
    }
  }

  async function reveal(id: string): Promise<void> {
    contacts.value = await managerApi.revealRequestContacts({ params: { id } })
  }

  async function moderate(id: string, action: ModerationAction, note: string): Promise<void> {
    await managerApi.moderateRequest({ params: { id }, body: note ? { action, note } : { action } })
    await load(id)
  }

  return { detail, contacts, error, isLoading, load, reveal, moderate }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useRequestPageStore, import.meta.hot))
