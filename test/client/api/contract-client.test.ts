import { afterEach, describe, expect, it, vi } from 'vitest'
import * as territories from '@shared/contracts/manager-territories.contracts'
import * as partner from '@shared/contracts/partner.contracts'
import { getHealth } from '@shared/contracts/system.contracts'
import { ApiError } from '../../../app-client/common/api/api-error'
import { bindContracts, contractCall } from '../../../app-client/common/api/contract-client'
import { createHttpClient } from '../../../app-client/common/api/http'

function respondWith(response: Response) {
  const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(response)
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

const call = contractCall(createHttpClient({ getToken: () => 'manager-token' }))

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('contract client', () => {
  it('When an operation is called, then its path is filled, its method and body sent and the answer parsed by its schema', async () => {
    const fetchMock = respondWith(
      Response.json({ country: 'IR', reason: 'Sanctions', createdAt: '2026-01-02T03:04:05.000Z', extra: 1 }),
    )

    const restricted = await call(territories.restrictCountry, {
      params: { country: 'IR' },
      body: { reason: 'Sanctions' },
    })

    expect(restricted).toEqual({ country: 'IR', reason: 'Sanctions', createdAt: '2026-01-02T03:04:05.000Z' })
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/manager/restricted-countries/IR')
    expect(init?.method).toBe('PUT')
    expect(init?.body).toBe(JSON.stringify({ reason: 'Sanctions' }))
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer manager-token')
  })

  it('When a path parameter or query value needs escaping, then it is encoded; empty query values are left out', async () => {
    const fetchMock = respondWith(
      Response.json({ items: [], nextCursor: null, upcoming: { count: 0, nextVisibleAt: null } }),
    )

    await call(partner.listRequestFeed, { query: { cursor: 'a/b c', type: undefined, limit: 20 } })
    await call(partner.releaseReservation, { params: { id: 'x/y' } }).catch(() => undefined)

    expect(fetchMock.mock.calls[0]![0]).toBe('/api/partner/requests?cursor=a%2Fb+c&limit=20')
    expect(fetchMock.mock.calls[1]![0]).toBe('/api/partner/requests/x%2Fy/reservation')
  })

  it('When the operation answers 204, then the call resolves without a body', async () => {
    respondWith(new Response(null, { status: 204 }))

    await expect(call(territories.liftCountryRestriction, { params: { country: 'IR' } })).resolves.toBeUndefined()
  })

  it('When the server answers a problem, then the call fails with an ApiError carrying its code and members', async () => {
    respondWith(
      new Response(
        JSON.stringify({
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          code: 'early_access_pending',
          visibleAt: 'later',
        }),
        { status: 403, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    )

    const error = await call(partner.reserveRequest, { params: { id: 'r1' }, query: {} }).catch(
      (cause: unknown) => cause,
    )

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 403, code: 'early_access_pending', extensions: { visibleAt: 'later' } })
  })

  it('When contracts are bound to a client, then each is a function named like its contract', async () => {
    respondWith(Response.json({ status: 'ok', database: 'pglite', version: '1.0.0' }))
    const api = bindContracts(createHttpClient(), { getHealth })

    await expect(api.getHealth()).resolves.toEqual({ status: 'ok', database: 'pglite', version: '1.0.0' })
  })

  it('When a call misses what its contract requires, then it does not compile', () => {
    const typeOnly = () => {
      // @ts-expect-error the path parameter `id` is required
      void call(partner.reserveRequest)
      // @ts-expect-error the body is required
      void call(territories.restrictCountry, { params: { country: 'IR' } })
      // @ts-expect-error the operation takes no body
      void call(getHealth, { body: {} })
    }
    expect(typeOnly).toBeTypeOf('function')
  })
})
