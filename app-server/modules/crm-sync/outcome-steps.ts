import type { Executor } from '../../db/client'

/** A reservation whose outcome (Won, Lost, or none again after a reopened deal) was just stored. */
export interface StoredOutcome {
  reservationId: string
  partnerId: string
  now: Date
}

/**
 * Another module's reaction to a stored outcome that must commit with it, in the same transaction: the rating
 * counts the outcome there, so no read ever sees a reservation that left "open" but is not yet Won or Lost.
 */
export type OutcomeStep = (tx: Executor, stored: StoredOutcome) => Promise<unknown>

const steps = new Map<string, OutcomeStep>()

/**
 * Modules above crm-sync (the rating) declare their step here, from their own index, since crm-sync may not call
 * them; like `onRequestErased` in requests.
 */
export function onOutcomeStored(owner: string, step: OutcomeStep): void {
  steps.set(owner, step)
}

/** Runs every declared step in the caller's transaction. */
export async function runOutcomeSteps(tx: Executor, stored: StoredOutcome): Promise<void> {
  for (const step of steps.values()) await step(tx, stored)
}

/** Which modules declared a step, for the test that the rating counts outcomes where they are stored. */
export const outcomeStepOwners = (): string[] => [...steps.keys()].sort()
