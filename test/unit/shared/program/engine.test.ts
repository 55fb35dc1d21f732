import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  configurationOn,
  convertMinor,
  evaluateProgram,
  isKnownCurrency,
  programTimeline,
  RULES_2024,
  RULES_2024_EFFECTIVE_FROM,
  type ConfigVersion,
  type OrderFact,
  type ProgramConfig,
  type ProgramFacts,
} from '../../../../shared/domain/program'

const APPROVED = new Date('2026-01-10T09:00:00Z')
const V1: ConfigVersion = { version: 1, effectiveFrom: new Date(RULES_2024_EFFECTIVE_FROM), config: RULES_2024 }
const VERSIONS = [V1]

function facts(overrides: Partial<ProgramFacts> = {}): ProgramFacts {
  return {
    approvedAt: APPROVED,
    completions: [],
    nfrClaims: [],
    acceptedEvidence: [],
    orders: [],
    verdicts: [],
    lastRequestActivityAt: null,
    ...overrides,
  }
}
const order = (at: Date, dollars: number, client = 'client-a', excluded = false): OrderFact => ({
  orderedAt: at,
  programAmountMinor: dollars * 100,
  clientKey: client,
  excluded,
})
const onTime = facts({
  completions: [{ course: 'partner_program_tutorial', completedAt: addDays(APPROVED, 10) }],
  nfrClaims: [{ kind: 'cloud', grantedAt: addDays(APPROVED, 20) }],
})
const allEvidence = (at: Date) =>
  (
    [
      'website_endorsement',
      'social_endorsement',
      'first_line_support',
      'case_study',
      'marketing_plan',
      'webinar_or_video',
    ] as const
  ).map((kind) => ({ kind, acceptedAt: at }))

describe('configuration versions', () => {
  const v2: ConfigVersion = { version: 2, effectiveFrom: new Date('2026-07-01T00:00:00Z'), config: RULES_2024 }
  it('picks the version in force on a date: the latest effective one not after it', () => {
    expect(configurationOn([V1, v2], new Date('2026-06-30T23:59:59Z'))?.version).toBe(1)
    expect(configurationOn([V1, v2], new Date('2026-07-01T00:00:00Z'))?.version).toBe(2)
    expect(configurationOn([v2, V1], new Date('2027-01-01T00:00:00Z'))?.version).toBe(2)
    expect(configurationOn([V1], new Date('2020-01-01T00:00:00Z'))).toBeUndefined()
  })
  it('the higher version wins between two effective on the same instant', () => {
    const v3 = { ...v2, version: 3 }
    expect(configurationOn([v3, v2], v2.effectiveFrom)?.version).toBe(3)
  })
})

describe('3.1.1 Bronze conditions', () => {
  it('3.1.1: a Bronze partner without the Tutorial is cancelled at day 90, and is cancelled on day 91', () => {
    const noTutorial = facts({ nfrClaims: [{ kind: 'cloud', grantedAt: addDays(APPROVED, 5) }] })
    const day89 = evaluateProgram(noTutorial, VERSIONS, addDays(APPROVED, 89))
    expect(day89.standing).toBe('active')
    expect(day89.bronzeConditions?.deadline).toEqual(addDays(APPROVED, 90))
    expect(day89.bronzeConditions?.checks.map((c) => [c.kind, c.met])).toEqual([
      ['course', false],
      ['nfr_cloud', true],
    ])
    const day91 = evaluateProgram(noTutorial, VERSIONS, addDays(APPROVED, 91))
    expect(day91.standing).toBe('cancelled')
    expect(day91.nextLevel).toBeNull()
    expect(day91.benefits?.inForce).toBe(false)
    expect(day91.transitions).toMatchObject([
      {
        kind: 'bronze_cancelled',
        at: addDays(APPROVED, 90),
        configVersion: 1,
        explanation: { tutorialCompleted: false, nfrCloudClaimed: true },
      },
    ])
  })

  it('3.1.1: without an NFR cloud claim the partner is cancelled too; with both it stays Bronze', () => {
    const noNfr = facts({ completions: onTime.completions })
    expect(evaluateProgram(noNfr, VERSIONS, addDays(APPROVED, 91)).standing).toBe('cancelled')
    const kept = evaluateProgram(onTime, VERSIONS, addDays(APPROVED, 91))
    expect(kept.standing).toBe('active')
    expect(kept.transitions.map((t) => t.kind)).toEqual(['bronze_conditions_met'])
    expect(kept.bronzeConditions).toBeNull()
  })

  it('3.1.1: a Tutorial completed after the deadline does not save the status', () => {
    const late = facts({
      nfrClaims: onTime.nfrClaims,
      completions: [{ course: 'partner_program_tutorial', completedAt: addDays(APPROVED, 95) }],
    })
    expect(evaluateProgram(late, VERSIONS, addDays(APPROVED, 100)).standing).toBe('cancelled')
  })

  it('3.1.1: Bronze discount and requests only after the Tutorial', () => {
    const before = evaluateProgram(onTime, VERSIONS, addDays(APPROVED, 5))
    expect(before.benefits).toMatchObject({ discountPercent: 20, inForce: false })
    expect(evaluateProgram(onTime, VERSIONS, addDays(APPROVED, 11)).benefits?.inForce).toBe(true)
  })
})

describe('3.1.2 Silver', () => {
  const day = (n: number) => addDays(APPROVED, n)

  it('3.1.2: pre-qualifies at $1,000 of sales with the Tutorial and the website endorsement', () => {
    const f = facts({
      ...onTime,
      acceptedEvidence: [{ kind: 'website_endorsement', acceptedAt: day(30) }],
      orders: [order(day(40), 999)],
    })
    const below = evaluateProgram(f, VERSIONS, day(41))
    expect(below.nextLevel?.level).toBe('silver')
    expect(below.nextLevel?.preQualified).toBe(false)
    expect(below.nextLevel?.preQualification.find((c) => c.kind === 'sales')).toMatchObject({
      met: false,
      required: 100_000,
      current: 99_900,
      missing: 100,
    })
    f.orders.push(order(day(42), 1))
    const at = evaluateProgram(f, VERSIONS, day(43))
    expect(at.nextLevel?.preQualified).toBe(true)
    expect(at.nextLevel?.ready).toBe(false)
    const missing = at.nextLevel!.requirements.filter((c) => !c.met).map((c) => c.subject ?? c.kind)
    expect(missing).toEqual([
      'sales',
      'distinct_clients',
      'partner_sales_course',
      'social_endorsement',
      'first_line_support',
    ])
  })

  it('3.1.2: reaches Silver with every requirement met and a manager confirmation; the review counts from it', () => {
    const f = facts({
      ...onTime,
      completions: [...onTime.completions, { course: 'partner_sales_course', completedAt: day(50) }],
      acceptedEvidence: allEvidence(day(60)),
      orders: [order(day(40), 1_500, 'a'), order(day(70), 1_000, 'b')],
    })
    const ready = evaluateProgram(f, VERSIONS, day(71))
    expect(ready.nextLevel).toMatchObject({ level: 'silver', preQualified: true, ready: true })
    f.verdicts.push({ kind: 'upgraded', at: day(72), levelAfter: 'silver' })
    const silver = evaluateProgram(f, VERSIONS, day(73))
    expect(silver.level).toBe('silver')
    expect(silver.levelSince).toEqual(day(72))
    expect(silver.nextLevel?.level).toBe('gold')
    expect(silver.review).toMatchObject({ dueAt: addMonths(day(72), 12), targetMinor: 500_000, salesMinor: 0 })
    expect(silver.benefits).toMatchObject({ discountPercent: 40, directory: 'listed', inForce: true })
  })

  it('3.2: an order whose end user is an affiliated entity does not count', () => {
    const f = facts({ ...onTime, orders: [order(day(40), 800), order(day(41), 500, 'own-company', true)] })
    const check = evaluateProgram(f, VERSIONS, day(42)).nextLevel!.preQualification.find((c) => c.kind === 'sales')
    expect(check).toMatchObject({ current: 80_000, met: false })
  })
})

describe('3.3 yearly review', () => {
  const GOLD_SINCE = new Date('2026-06-01T00:00:00Z')
  const gold = (sales: number) =>
    facts({
      ...onTime,
      verdicts: [
        { kind: 'upgraded', at: addDays(APPROVED, 100), levelAfter: 'silver' },
        { kind: 'upgraded', at: GOLD_SINCE, levelAfter: 'gold' },
      ],
      orders: [order(addDays(GOLD_SINCE, 10), sales - 1_000, 'a'), order(addDays(GOLD_SINCE, 200), 1_000, 'b')],
    })
  const anniversary = addMonths(GOLD_SINCE, 12)

  it('3.3: a Gold partner with $14,999 in the year is warned 60 days ahead and downgraded to Silver at the review', () => {
    const f = gold(14_999)
    const warned = evaluateProgram(f, VERSIONS, addDays(anniversary, -59))
    expect(warned.level).toBe('gold')
    expect(warned.transitions.at(-1)).toMatchObject({
      kind: 'review_warning',
      at: addDays(anniversary, -60),
      explanation: { targetMinor: 1_500_000, salesMinor: 1_499_900, missingMinor: 100 },
    })
    const after = evaluateProgram(f, VERSIONS, anniversary)
    expect(after.level).toBe('silver')
    expect(after.levelSince).toEqual(anniversary)
    expect(after.transitions.at(-1)).toMatchObject({ kind: 'downgraded', levelBefore: 'gold', levelAfter: 'silver' })
    expect(after.review?.targetMinor).toBe(500_000)
  })

  it('3.3: $15,000 keeps Gold for another year, with no warning', () => {
    const after = evaluateProgram(gold(15_000), VERSIONS, addDays(anniversary, 1))
    expect(after.level).toBe('gold')
    expect(after.levelSince).toEqual(anniversary)
    expect(after.transitions.map((t) => t.kind)).toEqual(['bronze_conditions_met', 'upgraded', 'upgraded', 'retained'])
  })

  it('3.3: after downtime every missed review is decided at its own date', () => {
    const later = evaluateProgram(gold(15_000), VERSIONS, addMonths(anniversary, 25))
    expect(later.transitions.filter((t) => t.kind !== 'upgraded').map((t) => [t.kind, t.levelAfter])).toEqual([
      ['bronze_conditions_met', 'bronze'],
      ['retained', 'gold'],
      ['review_warning', 'gold'],
      ['downgraded', 'silver'],
      ['review_warning', 'silver'],
      ['downgraded', 'bronze'],
    ])
  })

  it('3.3: a recorded outcome stays decided even when facts change later', () => {
    const f = gold(14_999)
    f.verdicts.push({ kind: 'retained', at: anniversary, levelAfter: 'gold' })
    expect(evaluateProgram(f, VERSIONS, addDays(anniversary, 1)).level).toBe('gold')
  })

  it('3.3: zero activity a year after registration with no sale and no request activity', () => {
    const at = addMonths(APPROVED, 13)
    expect(evaluateProgram(onTime, VERSIONS, at).zeroActivityCandidate).toBe(true)
    expect(
      evaluateProgram({ ...onTime, lastRequestActivityAt: addMonths(APPROVED, 6) }, VERSIONS, at).zeroActivityCandidate,
    ).toBe(false)
    expect(
      evaluateProgram({ ...onTime, orders: [order(addMonths(APPROVED, 5), 10)] }, VERSIONS, at).zeroActivityCandidate,
    ).toBe(false)
    expect(evaluateProgram(onTime, VERSIONS, addMonths(APPROVED, 11)).zeroActivityCandidate).toBe(false)
  })
})

describe('a configuration change applies only from its effective date', () => {
  const strict: ProgramConfig = structuredClone(RULES_2024)
  strict.levels.silver.upgrade!.preQualification.sales!.minSalesMinor = 200_000
  strict.bronze.withinDays = 60
  const from = new Date('2026-02-15T00:00:00Z')
  const versions = [V1, { version: 2, effectiveFrom: from, config: strict }]

  it('3.1.2: the Silver pre-qualification target in force is the one of the evaluation date', () => {
    const f = facts({
      ...onTime,
      acceptedEvidence: [{ kind: 'website_endorsement', acceptedAt: APPROVED }],
      orders: [order(addDays(APPROVED, 2), 1_500)],
    })
    const before = evaluateProgram(f, versions, addDays(from, -1))
    expect(before).toMatchObject({ configVersion: 1, nextLevel: { preQualified: true } })
    const after = evaluateProgram(f, versions, from)
    expect(after).toMatchObject({ configVersion: 2, nextLevel: { preQualified: false } })
  })

  it('3.1.1: the 90 days of a partner approved before the change stay 90', () => {
    const t = programTimeline(facts(), versions, addDays(APPROVED, 100))
    expect(t.bronzeDeadline).toEqual(addDays(APPROVED, 90))
    expect(t.transitions[0]?.configVersion).toBe(1)
  })
})

describe('money', () => {
  it('converts exactly, rounding half up, across minor-unit sizes', () => {
    expect(convertMinor(12_345, 'EUR', '1', 'USD')).toBe(12_345)
    expect(convertMinor(10_000, 'JPY', '0.0067', 'USD')).toBe(6_700)
    expect(convertMinor(1, 'GBP', '1.265', 'USD')).toBe(1)
    expect(convertMinor(2, 'GBP', '1.25', 'USD')).toBe(3)
    expect(convertMinor(1_000, 'KWD', '3.25', 'USD')).toBe(325)
  })
  it('knows ISO 4217 codes', () => {
    expect(isKnownCurrency('EUR')).toBe(true)
    expect(isKnownCurrency('XYZ')).toBe(false)
  })
})
