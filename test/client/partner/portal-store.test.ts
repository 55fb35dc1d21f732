import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { B24Frame } from '@bitrix24/b24jssdk'
import { connectToPortal, fitFrameToContent, portalUtcOffset } from '../../../app-client/bitrix24/frame'
import { usePortalStore } from '../../../app-client/partner/stores/portal'

vi.mock('../../../app-client/bitrix24/frame', () => ({
  connectToPortal: vi.fn(),
  fitFrameToContent: vi.fn(),
  portalDomain: () => 'acme.bitrix24.com',
  portalLanguage: () => 'la',
  framePlacement: () => ({ code: 'CRM_LEAD_DETAIL_TAB', entityId: '7' }),
  isPortalAdmin: () => true,
  portalUtcOffset: vi.fn(),
}))

const fakeFrame = {} as B24Frame

describe('portal store', () => {
  beforeEach(() => {
    vi.mocked(connectToPortal).mockReset()
    vi.mocked(fitFrameToContent).mockReset()
    vi.mocked(portalUtcOffset).mockReset().mockResolvedValue(180)
  })

  it('When nothing has happened yet, then the state is connecting', () => {
    expect(usePortalStore().state).toBe('connecting')
  })

  it('When the page is not inside a portal, then the state is outside-portal', async () => {
    vi.mocked(connectToPortal).mockResolvedValue({ kind: 'outside-portal' })
    const portal = usePortalStore()

    await portal.connect()

    expect(portal.state).toBe('outside-portal')
    expect(portal.domain).toBeNull()
  })

  it('When the portal answers, then the state is ready with its domain and language', async () => {
    vi.mocked(connectToPortal).mockResolvedValue({ kind: 'ready', frame: fakeFrame })
    const portal = usePortalStore()

    await portal.connect()

    expect(portal.state).toBe('ready')
    expect(portal.domain).toBe('acme.bitrix24.com')
    expect(portal.language).toBe('la')
    expect(portal.placement).toEqual({ code: 'CRM_LEAD_DETAIL_TAB', entityId: '7' })
    expect(portal.isAdmin).toBe(true)
    expect(portal.utcOffsetMinutes).toBe(180)
  })

  it('When the portal does not say its time, then it is ready all the same and times use the browser zone', async () => {
    vi.mocked(connectToPortal).mockResolvedValue({ kind: 'ready', frame: fakeFrame })
    vi.mocked(portalUtcOffset).mockRejectedValue(new Error('ACCESS_DENIED'))
    const portal = usePortalStore()

    await portal.connect()

    expect(portal.state).toBe('ready')
    expect(portal.utcOffsetMinutes).toBeNull()
  })

  it('When connecting fails, then the state is failed and a retry can reach ready', async () => {
    const cause = new Error('The Bitrix24 portal did not answer within 10000 ms')
    vi.mocked(connectToPortal).mockRejectedValueOnce(cause).mockResolvedValueOnce({ kind: 'ready', frame: fakeFrame })
    const portal = usePortalStore()

    await portal.connect()
    expect(portal.state).toBe('failed')
    expect(portal.error).toBe(cause)

    const retry = portal.connect()
    expect(portal.state).toBe('connecting')
    await retry
    expect(portal.state).toBe('ready')
    expect(portal.error).toBeNull()
  })

  it('When connect is called twice at once, then the portal is asked once', async () => {
    vi.mocked(connectToPortal).mockResolvedValue({ kind: 'outside-portal' })
    const portal = usePortalStore()

    await Promise.all([portal.connect(), portal.connect()])

    expect(connectToPortal).toHaveBeenCalledTimes(1)
  })

  it('When the frame is ready, then fitting the content goes to the SDK; outside a portal it does nothing', async () => {
    vi.mocked(connectToPortal).mockResolvedValueOnce({ kind: 'outside-portal' })
    const portal = usePortalStore()
    await portal.connect()
    await portal.fitToContent()
    expect(fitFrameToContent).not.toHaveBeenCalled()

    vi.mocked(connectToPortal).mockResolvedValueOnce({ kind: 'ready', frame: fakeFrame })
    await portal.connect()
    await portal.fitToContent()
    expect(fitFrameToContent).toHaveBeenCalledWith(fakeFrame)
  })
})
