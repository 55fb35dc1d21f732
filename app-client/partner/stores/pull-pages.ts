/** One page of a keyset-paginated list. */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/**
 * Fetches a list again from its first page until it holds at least `shown` items (as many as the screen shows
 * after "Load more") or the list ends, for a refresh that does not shrink what the partner scrolled to.
 */
export async function pullPages<T>(fetchPage: (cursor?: string) => Promise<Page<T>>, shown: number): Promise<Page<T>> {
  let page = await fetchPage()
  const items = [...page.items]
  while (page.nextCursor && items.length < shown) {
    page = await fetchPage(page.nextCursor)
    items.push(...page.items)
  }
  return { items, nextCursor: page.nextCursor }
}
