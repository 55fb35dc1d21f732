import { watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { withCursor, withFilter, withOffset, withSort, writeListQuery, type ListState } from './list-query'
import type { ListStore } from './define-list-store'

/**
 * Binds a list store to the URL: loads whenever the query changes, and turns filter, sort and page changes
 * into router pushes, so every view of a list can be bookmarked, shared and reached with Back.
 */
export function useListRoute<Row>(store: ListStore<Row>) {
  const route = useRoute()
  const router = useRouter()
  const routeName = route.name

  watch(
    () => route.query,
    (query) => {
      // Leaving the screen changes the query too; only this screen's queries load this list.
      if (route.name === routeName) void store.load(query)
    },
    { immediate: true },
  )

  const go = (state: ListState) => router.push({ query: writeListQuery(state, store.spec) })

  return {
    setFilter: (name: string, value: string | undefined) => go(withFilter(store.state, name, value)),
    setFilters: (values: Record<string, string | undefined>) =>
      go(Object.entries(values).reduce((state, [name, value]) => withFilter(state, name, value), store.state)),
    clearFilters: () => go({ ...store.state, filters: {}, offset: 0, cursor: undefined }),
    sortBy: (column: string) => go(withSort(store.state, column)),
    next: () =>
      store.spec.paging === 'offset'
        ? go(withOffset(store.state, store.state.offset + store.spec.pageSize))
        : go(withCursor(store.state, store.nextCursor ?? undefined)),
    previous: () =>
      store.spec.paging === 'offset'
        ? go(withOffset(store.state, store.state.offset - store.spec.pageSize))
        : // A cursor only leads forward; Back in the browser retraces the pages, this button starts over.
          go(withCursor(store.state, undefined)),
    reload: () => store.reload(route.query),
  }
}
