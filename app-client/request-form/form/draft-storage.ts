import type { RequestDraft } from './request-draft'

/** The draft survives a reload or a visit to another page in this tab; it is removed once the request is sent. */
const KEY = 'request-form:draft'

export function loadDraft(): Partial<RequestDraft> | null {
  try {
    const raw = sessionStorage.getItem(KEY)
    const parsed: unknown = raw ? JSON.parse(raw) : null
    return parsed && typeof parsed === 'object' ? (parsed as Partial<RequestDraft>) : null
  } catch {
    return null
  }
}

export function saveDraft(draft: RequestDraft): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ ...draft, website: '' }))
  } catch {
    // Storage may be blocked inside a third-party iframe; the form still keeps its input in memory.
  }
}

export function forgetDraft(): void {
  try {
    sessionStorage.removeItem(KEY)
  } catch {
    // See saveDraft.
  }
}
