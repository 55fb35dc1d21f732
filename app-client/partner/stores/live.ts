import { acceptHMRUpdate, defineStore } from 'pinia'
import { useFeedStore } from './feed'
import { useProfileStore } from './profile'
import { useRatingStore } from './rating'
import { useReservationsStore } from './reservations'

/** The lists a screen shows that change without the partner doing anything. */
export type LiveList = 'feed' | 'reservations'

/**
 * Keeps an open screen true while the world changes: a lead Won or Lost in the CRM, requests reserved by other
 * partners, filled or new, a manager's decision on the partner. Each refresh fetches the counters (the rating),
 * the profile (eligibility) and the screen's lists side by side and shows them all at once, so the header, the
 * list and the rating change together.
 */
export const useLiveStore = defineStore('live', () => {
  const rating = useRatingStore()
  const profile = useProfileStore()
  const lists = { feed: useFeedStore(), reservations: useReservationsStore() }

  /** @throws the first failed fetch; what is shown then stays as it was. */
  async function refresh(shown: readonly LiveList[]): Promise<void> {
    const show = await Promise.all([rating.pull(), profile.pull(), ...shown.map((list) => lists[list].pull())])
    for (const apply of show) apply()
  }

  return { refresh }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useLiveStore, import.meta.hot))
