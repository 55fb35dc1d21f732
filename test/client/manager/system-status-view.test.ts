import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../app-client/common/api/api-error'
import { de } from '../../../app-client/manager/i18n/de'
import { en } from '../../../app-client/manager/i18n/en'
import { es } from '../../../app-client/manager/i18n/es'
import { managerApi } from '../../../app-client/manager/api/manager-api'
import { useSystemStatusStore } from '../../../app-client/manager/stores/system-status'
import SystemStatusView from '../../../app-client/manager/views/SystemStatusView.vue'
import { mountWithApp } from '../support/mount-with-app'

vi.mock('../../../app-client/manager/api/manager-api', () => ({ managerApi: { getHealth: vi.fn() } }))

function mountView(locale: 'en' | 'de' | 'es' = 'en') {
  return mountWithApp(SystemStatusView, {
    messages: { en, de, es },
    locale,
    routes: [{ path: '/', name: 'system-status', component: SystemStatusView }],
  })
}

beforeEach(() => {
  vi.mocked(managerApi.getHealth).mockReset()
})

describe('SystemStatusView', () => {
  it('When the check is running, then a loading state is shown', async () => {
    vi.mocked(managerApi.getHealth).mockReturnValue(new Promise(() => {}))

    const { wrapper } = await mountView()
    await flushPromises()

    expect(wrapper.find('[aria-busy="true"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('Checking the service…')
  })

  it('When the service is healthy, then status, database driver and version are shown', async () => {
    vi.mocked(managerApi.getHealth).mockResolvedValue({ status: 'ok', database: 'postgres', version: '1.4.2' })

    const { wrapper } = await mountView()
    await flushPromises()

    const details = wrapper.get('[data-testid="health-details"]')
    expect(details.text()).toContain('Operational')
    expect(details.text()).toContain('PostgreSQL server')
    expect(details.text()).toContain('1.4.2')
    expect(wrapper.find('[data-testid="status-error"]').exists()).toBe(false)
    expect(wrapper.get('a[href="/api/docs"]').text()).toBe('Open the API reference')
  })

  it('When the service answers with a problem, then its code is shown as a translated message', async () => {
    vi.mocked(managerApi.getHealth).mockRejectedValue(
      new ApiError({ status: 503, code: 'service_unavailable', title: 'Service Unavailable' }),
    )

    const { wrapper } = await mountView('de')
    await flushPromises()

    const alert = wrapper.get('[data-testid="status-error"]')
    expect(alert.text()).toContain('Der Dienst hat auf die Statusprüfung nicht geantwortet')
    expect(alert.text()).toContain('Der Dienst ist vorübergehend nicht erreichbar.')
    expect(wrapper.find('[data-testid="health-details"]').exists()).toBe(false)
  })

  it('When the network is down, then the network message is shown', async () => {
    vi.mocked(managerApi.getHealth).mockRejectedValue(
      new ApiError({ status: 0, code: 'network_error', title: 'Network error' }),
    )

    const { wrapper } = await mountView()
    await flushPromises()

    expect(wrapper.get('[data-testid="status-error"]').text()).toContain('No connection to the server.')
  })

  it('When "Check again" succeeds after a failure, then the error gives way to the details', async () => {
    vi.mocked(managerApi.getHealth)
      .mockRejectedValueOnce(new ApiError({ status: 500, code: 'internal_error', title: 'Internal Server Error' }))
      .mockResolvedValueOnce({ status: 'ok', database: 'pglite', version: '0.1.0' })
    const { wrapper } = await mountView()
    await flushPromises()
    expect(wrapper.find('[data-testid="status-error"]').exists()).toBe(true)

    await wrapper.get('button').trigger('click')
    await flushPromises()

    expect(wrapper.find('[data-testid="status-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="health-details"]').text()).toContain('PGlite (embedded PostgreSQL)')
  })
})

describe('system status store', () => {
  it('When checks overlap, then the service is asked once', async () => {
    vi.mocked(managerApi.getHealth).mockResolvedValue({ status: 'ok', database: 'pglite', version: '0.1.0' })
    const status = useSystemStatusStore()

    await Promise.all([status.check(), status.check()])

    expect(managerApi.getHealth).toHaveBeenCalledTimes(1)
    expect(status.health).toEqual({ status: 'ok', database: 'pglite', version: '0.1.0' })
    expect(status.checkedAt).toBeInstanceOf(Date)
  })
})
