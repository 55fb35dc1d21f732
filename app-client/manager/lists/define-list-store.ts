import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { LocationQuery } from 'vue-router'
import { apiQuery, readListState, type ListSpec, type ListState } from './list-query'

/** One page as the list endpoints answer: offset lists carry a total, cursor lists the next cursor. */
export interface ListPage<Row> {
  items: readonly Row[]
  total?: number
  nextCursor?: string | null
}

/**
 * A store for one list screen: the state read from the URL, the rows of the current page, and loading and
 * error. The view keeps the URL as the source of truth and calls `load(route.query)` whenever it changes; an
 * answer that arrives after a newer load started is dropped, so quick filter changes never show stale rows.
 */
export function defineListStore<Row>(
  id: string,
  spec: ListSpec,
  fetchPage: (query: Record<string, string | number>) => Promise<ListPage<Row>>,
) {
  const useStore = defineStore(id, () => {
    const state = ref<ListState>(readListState({}, spec))
    const items = shallowRef<readonly Row[]>([])
    const total = ref<number | null>(null)
    const nextCursor = ref<string | null>(null)
    const isLoading = ref(false)
    const loaded = ref(false)
    const error = shallowRef<unknown>(null)
    /** The whole last answer, for what a list sends besides its rows (counts per portal, averages). */
    const page = shallowRef<ListPage<Row> | null>(null)
    let sequence = 0

    async function load(query: LocationQuery): Promise<void> {
      const mine = ++sequence
      state.value = readListState(query, spec)
      isLoading.value = true
      try {
        const answer = await fetchPage(apiQuery(state.value, spec))
        if (mine !== sequence) return
        page.value = answer
        items.value = answer.items
        total.value = answer.total ?? null
        nextCursor.value = answer.nextCursor ?? null
        error.value = null
        loaded.value = true
      } catch (cause) {
        if (mine !== sequence) return
        error.value = cause
        items.value = []
      } finally {
        if (mine === sequence) isLoading.value = false
      }
    }

    /** Reloads the page shown, e.g. after an action changed a row. */
    const reload = (query: LocationQuery) => load(query)

    const hasPrevious = computed(() =>
      spec.paging === 'offset' ? state.value.offset > 0 : state.value.cursor !== undefined,
    )
    const hasNext = computed(() =>
      spec.paging === 'offset'
        ? total.value !== null && state.value.offset + spec.pageSize < total.value
        : nextCursor.value !== null,
    )
    const isEmpty = computed(() => loaded.value && !error.value && items.value.length === 0)

    return {
      spec,
      state,
      page,
      items,
      total,
      nextCursor,
      isLoading,
      loaded,
      error,
      hasPrevious,
      hasNext,
      isEmpty,
      load,
      reload,
    }
  })
  if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStore, import.meta.hot))
  return useStore
}

export type ListStore<Row = unknown> = ReturnType<ReturnType<typeof defineListStore<Row>>>
