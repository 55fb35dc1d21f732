import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { initializeB24Frame } from '@bitrix24/b24jssdk'

vi.mock('@bitrix24/b24jssdk', () => ({ initializeB24Frame: vi.fn() }))

// frame.ts caches its connection per page, so each test loads a fresh copy.
async function loadFrameModule() {
  vi.resetModules()
  return import('../../../app-client/bitrix24/frame')
}

function fakeWindow(options: { framed: boolean; search?: string; name?: string }): Window {
  const fake = { location: { search: options.search ?? '' }, name: options.name ?? '' } as unknown as Window
  Object.assign(fake, { parent: options.framed ? ({} as Window) : fake })
  return fake
}

describe('isInsidePortalFrame', () => {
  it.each([
    [
      'a top-level tab, even with portal query params',
      { framed: false, search: '?DOMAIN=a.bitrix24.com&APP_SID=1' },
      false,
    ],
    ['an iframe without Bitrix24 params', { framed: true, search: '?x=1' }, false],
    [
      'an iframe with DOMAIN and APP_SID',
      { framed: true, search: '?DOMAIN=a.bitrix24.com&PROTOCOL=1&APP_SID=s1' },
      true,
    ],
    ['an iframe named by Bitrix24', { framed: true, name: 'a.bitrix24.com|1|s1' }, true],
  ])('%s → %s', async (_case, win, inside) => {
    const { isInsidePortalFrame } = await loadFrameModule()

    expect(isInsidePortalFrame(fakeWindow(win))).toBe(inside)
  })
})

describe('connectToPortal', () => {
  beforeEach(() => {
    vi.mocked(initializeB24Frame).mockReset()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('When the page is a normal tab, then it resolves outside-portal without starting the SDK', async () => {
    const { connectToPortal } = await loadFrameModule()

    await expect(connectToPortal()).resolves.toEqual({ kind: 'outside-portal' })
    expect(initializeB24Frame).not.toHaveBeenCalled()
  })

  it('When the portal never answers, then it rejects after the timeout instead of hanging', async () => {
    vi.useFakeTimers()
    vi.stubGlobal('parent', {})
    window.history.replaceState(null, '', '/partner/?DOMAIN=a.bitrix24.com&PROTOCOL=1&APP_SID=s1')
    vi.mocked(initializeB24Frame).mockReturnValue(new Promise(() => {}))
    const { connectToPortal, FRAME_INIT_TIMEOUT_MS } = await loadFrameModule()

    const connection = connectToPortal()
    const outcome = expect(connection).rejects.toThrow(/did not answer/)
    await vi.advanceTimersByTimeAsync(FRAME_INIT_TIMEOUT_MS)

    await outcome
  })

  it('When the portal answers, then the frame is returned and cached for later callers', async () => {
    vi.stubGlobal('parent', {})
    window.history.replaceState(null, '', '/partner/?DOMAIN=a.bitrix24.com&PROTOCOL=1&APP_SID=s1')
    const frame = { getTargetOrigin: () => 'https://a.bitrix24.com', getLang: () => 'de' }
    vi.mocked(initializeB24Frame).mockResolvedValue(frame as never)
    const { connectToPortal, portalDomain, portalLanguage } = await loadFrameModule()

    const first = await connectToPortal()
    const second = await connectToPortal()

    expect(first).toEqual({ kind: 'ready', frame })
    expect(second).toBe(first)
    expect(initializeB24Frame).toHaveBeenCalledTimes(1)
    expect(portalDomain(frame as never)).toBe('a.bitrix24.com')
    expect(portalLanguage(frame as never)).toBe('de')
  })
})
