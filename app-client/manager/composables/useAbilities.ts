import { computed, type ComputedRef } from 'vue'
import type { ManagerAbilities } from '@shared/domain/manager-roles'
import { useSessionStore } from '../stores/session'

/** What the signed-in manager's role may do; screens show an action only when this allows it. */
export function useAbilities(): ComputedRef<ManagerAbilities> {
  const session = useSessionStore()
  return computed(() => session.abilities)
}
