import { z } from 'zod'
import type { ProgramConfig } from '../domain/program/config'
import { EVIDENCE_KINDS, PROGRAM_COURSES } from '../domain/program/vocabulary'

const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const count = (max: number) => z.number().int().min(0).max(max)
const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
const courses = z.array(z.enum(PROGRAM_COURSES)).max(PROGRAM_COURSES.length)
const evidence = z.array(z.enum(EVIDENCE_KINDS)).max(EVIDENCE_KINDS.length)

const StageRulesSchema = z.strictObject({
  sales: z
    .strictObject({ minSalesMinor: minor, windowMonths: count(120).min(1), atCurrentLevelOnly: z.boolean() })
    .nullable(),
  distinctClients: z.strictObject({ minClients: count(1_000).min(1) }).nullable(),
  courses,
  evidence,
})

const BenefitsSchema = z.strictObject({
  discountPercent: z.number().min(0).max(100),
  needsTutorial: z.boolean(),
  implementationRequests: z.boolean(),
  emailLeads: z.boolean(),
  directory: z.enum(['none', 'listed', 'featured']),
  nfrCloud: z.strictObject({ count: count(100), months: count(120), extendable: z.boolean() }),
  nfrOnPremise: z.strictObject({ count: count(100), months: count(120), extensionMonths: count(120) }),
  marketplaceApps: z.boolean(),
  partnerSupportChat: z.boolean(),
  privilegedAccess: z.boolean(),
  partnerPortal: z.boolean(),
  bitrix24Channels: z.boolean(),
  specialOffers: z.boolean(),
})

const LevelRulesSchema = z.strictObject({
  upgrade: z.strictObject({ preQualification: StageRulesSchema, requirements: StageRulesSchema }).nullable(),
  retention: z.strictObject({ minSalesMinor: minor }).nullable(),
  benefits: BenefitsSchema,
})

/** Validates a whole program configuration before it is published (or previewed). */
export const ProgramConfigSchema = z
  .strictObject({
    currency: currencyCode,
    parityCurrencies: z.array(currencyCode).min(1).max(20),
    bronze: z.strictObject({ withinDays: count(3_650).min(1), courses, nfrCloudClaimed: z.boolean() }),
    levels: z.strictObject({ bronze: LevelRulesSchema, silver: LevelRulesSchema, gold: LevelRulesSchema }),
    review: z.strictObject({ periodMonths: count(120).min(1), warningDays: count(3_650) }),
    zeroActivity: z.strictObject({ afterRegistrationMonths: count(120), lookbackMonths: count(120).min(1) }),
    productRegistrationDays: count(365),
    priceChangeNoticeDays: count(365),
    bonuses: z.strictObject({
      kickstart: z.strictObject({
        amountMinor: minor,
        validDays: count(3_650),
        applicationsAfter: z.iso.date(),
      }),
      award: z.strictObject({ minMinor: minor, maxMinor: minor }),
      minPaidPerOrderMinor: minor,
    }),
    applications: z.strictObject({
      preliminaryReviewBusinessDays: z.strictObject({ min: count(365), max: count(365) }),
      verificationBusinessDays: count(365),
    }),
    penalties: z.strictObject({ profileBlockMaxMonths: count(120) }),
  })
  .refine((config) => config.parityCurrencies.includes(config.currency), {
    path: ['parityCurrencies'],
    message: 'must include the program currency',
  })
  .refine((config) => config.levels.bronze.upgrade === null, {
    path: ['levels', 'bronze', 'upgrade'],
    message: 'Bronze is given on approval, not reached by an upgrade',
  })
  .refine((config) => config.bonuses.award.minMinor <= config.bonuses.award.maxMinor, {
    path: ['bonuses', 'award'],
    message: 'min must not exceed max',
  })
  .meta({ id: 'ProgramConfig', description: 'Every number of the Partner Program rules; amounts in minor units.' })

// The schema and the engine's type describe the same object.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const sameShape: Same<z.output<typeof ProgramConfigSchema>, ProgramConfig> = true
void sameShape
