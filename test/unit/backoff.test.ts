import { describe, expect, it } from 'vitest'
import { backoffMs, DEFAULT_BACKOFF } from '../../app-server/jobs/backoff'

describe('the one retry backoff', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [5, 16_000],
    [13, 3_600_000],
    [40, 3_600_000],
  ])('by default, attempt %i waits %i ms give or take 20 %%', (attempt, base) => {
    for (let run = 0; run < 50; run++) {
      const delay = backoffMs(attempt, DEFAULT_BACKOFF)
      expect(delay).toBeGreaterThanOrEqual(base * 0.8)
      expect(delay).toBeLessThanOrEqual(base * 1.2)
    }
  })

  it('when given the CRM parameters, then it starts at the first wait and stops doubling at the longest', () => {
    const crm = { firstMs: 30_000, maxMs: 3_600_000 }
    expect(backoffMs(1, crm)).toBeLessThanOrEqual(36_000)
    expect(backoffMs(1, crm)).toBeGreaterThanOrEqual(24_000)
    expect(backoffMs(7, crm)).toBeGreaterThanOrEqual(0.8 * 1_920_000)
    expect(backoffMs(8, crm)).toBeLessThanOrEqual(1.2 * 3_600_000)
    expect(backoffMs(31, crm)).toBeGreaterThanOrEqual(0.8 * 3_600_000)
  })
})
