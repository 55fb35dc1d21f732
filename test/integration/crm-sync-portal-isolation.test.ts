import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorker } from '../../app-server/jobs/registry'
import type { Worker } from '../../app-server/jobs/worker'
import type { PortalEmulator, PortalHandle } from '../../emulator'
import { reserveThroughPortals } from '../support/crm-faults'
import { linkedPortal, startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import type { TestApp } from '../support/test-app'

const SLOW_MS = 8_000
/** What a healthy portal's lead may take while another portal is slow: well under the slow portal's latency. */
const PROMPT_MS = 3_000

const waitFor = async (condition: () => boolean, timeoutMs: number) => {
  const until = Date.now() + timeoutMs
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25))
}

describe('background work while one portal is slow', () => {
  let setup: EmulatedSetup
  let emulator: PortalEmulator
  let t: TestApp
  let worker: Worker | undefined

  beforeAll(async () => {
    setup = await startAppWithEmulator('app.test0006.implreq', { RESERVATION_OPEN_LIMIT: '100' })
    ;({ emulator, t } = setup)
  })
  afterAll(async () => {
    await worker?.stop()
    await setup.close()
  })

  const leadCount = (portal: PortalHandle) => portal.state.leads.size

  it('when one portal answers slowly, then a healthy portal still gets its lead promptly', async () => {
    const slow = await linkedPortal(setup)
    const healthy = await linkedPortal(setup)
    emulator.faults.latency({ memberId: slow.portal.memberId, ms: SLOW_MS })
    await reserveThroughPortals(t, [slow], 3)
    worker = createWorker(t.ctx, { pollIntervalMs: 50 })
    worker.start()
    // The slow portal's pushes are under way.
    await new Promise((resolve) => setTimeout(resolve, 1_000))

    const startedAt = Date.now()
    await reserveThroughPortals(t, [healthy], 1)
    await t.whenEventsHandled()
    await waitFor(() => leadCount(healthy.portal) === 1, SLOW_MS * 3)
    const tookMs = Date.now() - startedAt

    expect(leadCount(healthy.portal)).toBe(1)
    expect(tookMs).toBeLessThan(PROMPT_MS)
    emulator.faults.clear()
  }, 120_000)
})
