import { describe, expect, it } from 'vitest'
import { RULES_2024 } from '../../../../shared/domain/program'
import { ProgramConfigSchema } from '../../../../shared/schemas/program-config.schema'

describe('program configuration schema', () => {
  it('accepts the rules of 2024 (version 1) as they are', () => {
    expect(ProgramConfigSchema.parse(RULES_2024)).toEqual(RULES_2024)
  })

  it.each([
    [
      'a negative target',
      (c: typeof RULES_2024) => (c.levels.silver.retention!.minSalesMinor = -1),
      'levels.silver.retention.minSalesMinor',
    ],
    ['a review period of zero months', (c: typeof RULES_2024) => (c.review.periodMonths = 0), 'review.periodMonths'],
    [
      'a discount over 100 %',
      (c: typeof RULES_2024) => (c.levels.gold.benefits.discountPercent = 120),
      'levels.gold.benefits.discountPercent',
    ],
    ['an unknown course', (c: typeof RULES_2024) => (c.bronze.courses = ['cooking' as never]), 'bronze.courses.0'],
    [
      'a program currency that does not count 1:1 with itself',
      (c: typeof RULES_2024) => (c.parityCurrencies = ['EUR']),
      'parityCurrencies',
    ],
    [
      'an upgrade into Bronze',
      (c: typeof RULES_2024) => (c.levels.bronze.upgrade = c.levels.silver.upgrade),
      'levels.bronze.upgrade',
    ],
    ['an award range upside down', (c: typeof RULES_2024) => (c.bonuses.award.minMinor = 900_000), 'bonuses.award'],
  ])('refuses %s, naming the field', (_name, change, path) => {
    const config = structuredClone(RULES_2024)
    change(config)
    const result = ProgramConfigSchema.safeParse(config)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path)
  })

  it('refuses unknown keys, so a misspelt setting is not silently ignored', () => {
    expect(ProgramConfigSchema.safeParse({ ...RULES_2024, reviewDays: 30 }).success).toBe(false)
  })
})
