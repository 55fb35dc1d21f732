import type { Executor } from '../../db/client'
import type { ErasedContacts } from './erase-contact-mentions'

/** A request whose client took their data back, with the contacts as they were, to find them in free text. */
export interface ErasedRequest {
  requestId: string
  contacts: ErasedContacts
  now: Date
}

/**
 * Another module's part of an erasure: it scrubs what its own tables keep about the request's client, in the
 * erasure's transaction, and says how much it changed (counts only, for the audit log).
 */
export type ErasureStep = (tx: Executor, erased: ErasedRequest) => Promise<Record<string, number>>

const steps = new Map<string, ErasureStep>()

/**
 * Modules that keep data about a request's client (reservations: CRM errors and lead pushes; rating: return notes)
 * declare their step here, from their own index, since they sit above this module and it may not call them.
 */
export function onRequestErased(owner: string, step: ErasureStep): void {
  steps.set(owner, step)
}

/** Runs every declared step in the caller's transaction; @returns their counts, merged. */
export async function runErasureSteps(tx: Executor, erased: ErasedRequest): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const step of steps.values()) Object.assign(counts, await step(tx, erased))
  return counts
}

/** Which modules declared a step, for the test that an erasure reaches every table holding client data. */
export const erasureStepOwners = (): string[] => [...steps.keys()].sort()
