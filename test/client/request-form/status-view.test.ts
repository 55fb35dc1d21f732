import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { de } from '../../../app-client/request-form/i18n/de'
import { en } from '../../../app-client/request-form/i18n/en'
import { es } from '../../../app-client/request-form/i18n/es'
import StatusView from '../../../app-client/request-form/views/StatusView.vue'
import { mountWithApp } from '../support/mount-with-app'

const routes = [
  { path: '/status', name: 'status', component: StatusView },
  { path: '/request', name: 'form', component: { render: () => null } },
]
const TOKEN = `rst_${'a'.repeat(43)}`

async function mountStatus(hash: string, answer?: () => Response) {
  const fetch = vi.fn(async () => answer!())
  vi.stubGlobal('fetch', fetch)
  window.history.replaceState(null, '', `/status${hash}`)
  const mounted = await mountWithApp(StatusView, { messages: { en, de, es }, locale: 'en', routes })
  await flushPromises()
  return { ...mounted, fetch }
}

const problem =
  (status: number, code: string, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, code }), {
      status,
      headers: { 'Content-Type': 'application/problem+json', ...headers },
    })

describe('status page: why it cannot show a request', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    window.history.replaceState(null, '', '/')
  })

  it('When the page is opened without a link, then it asks for the link and calls nothing', async () => {
    const { wrapper, fetch } = await mountStatus('')
    expect(wrapper.get('[data-testid="status-error"]').text()).toContain('This page needs your private status link')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('When the link was cut short, then it is called invalid, not missing', async () => {
    const { wrapper, fetch } = await mountStatus('#rst_abc')
    expect(wrapper.get('[data-testid="status-error"]').text()).toContain('This status link is not valid')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('When the server knows no request for the token, then the link is called invalid', async () => {
    const { wrapper } = await mountStatus(`#${TOKEN}`, problem(401, 'status_token_invalid'))
    expect(wrapper.get('[data-testid="status-error"]').text()).toContain('This status link is not valid')
  })

  it('When the page was opened too often, then it says when to try again instead of calling the link invalid', async () => {
    const { wrapper } = await mountStatus(`#${TOKEN}`, problem(429, 'rate_limited', { 'Retry-After': '300' }))
    const text = wrapper.get('[data-testid="status-error"]').text()
    expect(text).toContain('Please try again in 5 minutes')
    expect(text).not.toContain('not valid')
  })
})
