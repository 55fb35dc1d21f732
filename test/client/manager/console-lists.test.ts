import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { managerAbilities } from '../../../shared/domain/manager-roles'
import { ApiError } from '../../../app-client/common/api/api-error'
import { managerApi } from '../../../app-client/manager/api/manager-api'
import { useAbilities } from '../../../app-client/manager/composables/useAbilities'
import { auditDiff } from '../../../app-client/manager/lists/audit-diff'
import {
  apiQuery,
  exportHref,
  readListState,
  withFilter,
  withInstants,
  withSort,
  writeListQuery,
} from '../../../app-client/manager/lists/list-query'
import { useListRoute } from '../../../app-client/manager/lists/useListRoute'
import {
  PARTNER_LIST,
  REQUEST_LIST,
  usePartnerListStore,
  useRequestListStore,
} from '../../../app-client/manager/stores/console-lists'
import { periodFromQuery, periodRange } from '../../../app-client/manager/stores/dashboard'
import { useSessionStore } from '../../../app-client/manager/stores/session'

vi.mock('../../../app-client/manager/api/manager-api', () => ({
  managerApi: {
    listPartnerTable: vi.fn(),
    listRequestTable: vi.fn(),
    getCurrentManager: vi.fn(),
  },
  onSessionEnded: vi.fn(),
}))
const api = vi.mocked(managerApi)

beforeEach(() => {
  setActivePinia(createPinia())
  for (const fn of Object.values(api)) vi.mocked(fn).mockReset()
})

describe('list state in the URL', () => {
  it('when the query holds known filters, then only those are read, and unknown or empty ones are dropped', () => {
    const state = readListState(
      { country: 'DE', eligible: 'true', status: '', hacked: 'x', sort: 'score', order: 'desc', offset: '50' },
      PARTNER_LIST,
    )
    expect(state).toEqual({
      filters: { country: 'DE', eligible: 'true' },
      sort: 'score',
      order: 'desc',
      offset: 50,
      cursor: undefined,
    })
  })

  it('when the sort, order or offset is malformed, then the defaults are used', () => {
    const state = readListState({ sort: 'password', order: 'sideways', offset: '-3' }, PARTNER_LIST)
    expect(state).toMatchObject({ sort: 'companyName', order: 'asc', offset: 0 })
  })

  it('when a state is written, then defaults are left out so the URL stays short, and it reads back the same', () => {
    const state = readListState({ country: 'ES', sort: 'score' }, PARTNER_LIST)
    const query = writeListQuery(state, PARTNER_LIST)
    expect(query).toEqual({ country: 'ES', sort: 'score' })
    expect(readListState(query as Record<string, string>, PARTNER_LIST)).toEqual(state)
  })

  it('when a filter or the sort changes, then paging starts again at the first page', () => {
    const paged = readListState({ offset: '75' }, PARTNER_LIST)
    expect(withFilter(paged, 'country', 'FR')).toMatchObject({ filters: { country: 'FR' }, offset: 0 })
    expect(withFilter(withFilter(paged, 'country', 'FR'), 'country', '').filters).toEqual({})
    const cursorPage = readListState({ cursor: 'abc' }, REQUEST_LIST)
    expect(withSort(cursorPage, 'country')).toMatchObject({ sort: 'country', order: 'asc', cursor: undefined })
  })

  it('when the sorted column is chosen again, then the order flips', () => {
    const ascending = withSort(readListState({}, PARTNER_LIST), 'score')
    expect(ascending.order).toBe('asc')
    expect(withSort(ascending, 'score').order).toBe('desc')
    expect(withSort(withSort(ascending, 'score'), 'score').order).toBe('asc')
  })

  it('when a list pages by offset or by cursor, then the API query carries the right one with the page size', () => {
    expect(apiQuery(readListState({ offset: '25', tier: 'top' }, PARTNER_LIST), PARTNER_LIST)).toEqual({
      tier: 'top',
      limit: 25,
      sort: 'companyName',
      order: 'asc',
      offset: 25,
    })
    expect(apiQuery(readListState({ cursor: 'c1', offset: '25' }, REQUEST_LIST), REQUEST_LIST)).toEqual({
      limit: 25,
      sort: 'createdAt',
      order: 'desc',
      cursor: 'c1',
    })
  })

  it('when days are picked, then the lower bound starts that day and the upper bound ends after it (UTC)', () => {
    expect(
      withInstants(
        { createdFrom: '2026-05-01', createdTo: '2026-05-31', limit: 5 },
        { from: ['createdFrom'], to: ['createdTo'] },
      ),
    ).toEqual({
      createdFrom: '2026-05-01T00:00:00.000Z',
      createdTo: '2026-06-01T00:00:00.000Z',
      limit: 5,
    })
    expect(withInstants({ createdFrom: 'yesterday' }, { from: ['createdFrom'] })).toEqual({})
  })

  it('when an export is built, then it carries the current filters and nothing empty', () => {
    expect(exportHref('/api/x', { country: 'DE', status: undefined, search: '', sort: 'score' })).toBe(
      '/api/x?country=DE&sort=score',
    )
    expect(exportHref('/api/x', {})).toBe('/api/x')
  })
})

describe('a list store', () => {
  const row = (id: string) => ({ id }) as never

  it('when a page loads, then rows, total and the next/previous buttons follow the answer', async () => {
    api.listPartnerTable.mockResolvedValue({ items: [row('a'), row('b')], total: 60, offset: 25 })
    const store = usePartnerListStore()
    await store.load({ offset: '25', country: 'DE' })
    expect(api.listPartnerTable).toHaveBeenCalledWith({
      query: { country: 'DE', limit: 25, sort: 'companyName', order: 'asc', offset: 25 },
    })
    expect(store.items).toHaveLength(2)
    expect(store.hasPrevious).toBe(true)
    expect(store.hasNext).toBe(true)
    await store.load({ offset: '50' })
    expect(store.hasNext).toBe(false)
  })

  it('when an older answer arrives after a newer load, then it is dropped', async () => {
    let answerFirst: (value: unknown) => void = () => {}
    api.listRequestTable
      .mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve as never)))
      .mockResolvedValueOnce({ items: [row('new')], nextCursor: 'n2' })
    const store = useRequestListStore()
    const first = store.load({ country: 'DE' })
    await store.load({ country: 'FR' })
    answerFirst({ items: [row('old')], nextCursor: null })
    await first
    expect(store.items).toEqual([row('new')])
    expect(store.hasNext).toBe(true)
    expect(store.state.filters).toEqual({ country: 'FR' })
  })

  it('when the API fails, then the error is kept for the screen and the rows are emptied; the next load clears it', async () => {
    api.listRequestTable.mockRejectedValueOnce(new ApiError({ status: 400, code: 'validation_failed', title: 'x' }))
    const store = useRequestListStore()
    await store.load({})
    expect(store.error).toBeInstanceOf(ApiError)
    expect(store.isEmpty).toBe(false)
    api.listRequestTable.mockResolvedValueOnce({ items: [], nextCursor: null })
    await store.load({})
    expect(store.error).toBeNull()
    expect(store.isEmpty).toBe(true)
  })

  it('when the screen changes a filter or pages on, then the URL changes and the store loads from it', async () => {
    api.listPartnerTable.mockResolvedValue({ items: [row('a')], total: 80, offset: 0 })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/partners', name: 'partners', component: { render: () => null } }],
    })
    await router.push('/partners?country=DE')
    let list: ReturnType<typeof useListRoute> | undefined
    const Screen = defineComponent({
      setup() {
        list = useListRoute(usePartnerListStore())
        return () => h('div')
      },
    })
    mount(Screen, { global: { plugins: [router] } })
    await flushPromises()
    expect(api.listPartnerTable).toHaveBeenLastCalledWith({
      query: expect.objectContaining({ country: 'DE', offset: 0 }),
    })
    await list!.next()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ country: 'DE', offset: '25' })
    expect(api.listPartnerTable).toHaveBeenLastCalledWith({ query: expect.objectContaining({ offset: 25 }) })
    await list!.setFilter('eligible', 'false')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ country: 'DE', eligible: 'false' })
    await list!.sortBy('score')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ country: 'DE', eligible: 'false', sort: 'score' })
  })
})

describe('abilities', () => {
  const manager = (role: 'admin' | 'manager' | 'viewer') => ({
    id: '5f0c7a52-7a43-4c8e-a1b4-8b1c8b9f4d10',
    email: `${role}@example.com`,
    name: 'M',
    role,
    abilities: managerAbilities(role),
    twoFactor: { enabled: false, required: false },
  })

  it.each([
    ['viewer', { change: false, seeContacts: false, manageManagers: false }],
    ['manager', { change: true, seeContacts: true, manageManagers: false }],
    ['admin', { change: true, seeContacts: true, manageManagers: true }],
  ] as const)('when a %s is signed in, then the screens may show what the role can do', async (role, expected) => {
    api.getCurrentManager.mockResolvedValue(manager(role))
    await useSessionStore().restore()
    expect(useAbilities().value).toEqual(expected)
  })
})

describe('dashboard period and audit diff', () => {
  it('when the URL names a period the dashboard does not offer, then the default 30 days is used', () => {
    expect(periodFromQuery('90')).toBe(90)
    expect(periodFromQuery('13')).toBe(30)
    expect(periodFromQuery(undefined)).toBe(30)
    expect(periodRange(7, new Date('2026-05-08T00:00:00Z'))).toEqual({
      from: '2026-05-01T00:00:00.000Z',
      to: '2026-05-08T00:00:00.000Z',
    })
  })

  it('when an audit entry changed fields, then only those show, as dotted paths with before and after', () => {
    expect(
      auditDiff(
        { approved: false, locations: { additional: ['DE'], locked: false }, name: 'A' },
        { approved: true, locations: { additional: ['DE', 'AT'], locked: false }, name: 'A', note: 'x' },
      ),
    ).toEqual([
      { path: 'approved', before: 'false', after: 'true' },
      { path: 'locations.additional', before: '["DE"]', after: '["DE","AT"]' },
      { path: 'note', before: undefined, after: '"x"' },
    ])
    expect(auditDiff(null, null)).toEqual([])
  })
})
