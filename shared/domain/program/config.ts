import type { PartnerStatus } from '../partner-statuses'
import type { EvidenceKind, ProgramCourse } from './vocabulary'

/**
 * Every number of the Partner Program rules the engine uses, as data (amounts in minor units of the program
 * currency). Managers publish a new version with an effective date; the engine reads the version in force on the
 * date it decides about. The zod schema that validates it is `ProgramConfigSchema` (shared/schemas/program.schema.ts).
 */
export interface ProgramConfig {
  /** The currency targets are written in; amounts in `parityCurrencies` count 1:1 (the rules write "$/€"). */
  currency: string
  parityCurrencies: string[]
  /** 3.1.1, 3.3: what a new partner does within `withinDays` of approval, else it is cancelled. */
  bronze: { withinDays: number; courses: ProgramCourse[]; nfrCloudClaimed: boolean }
  levels: Record<PartnerStatus, LevelRules>
  /** 3.3: the yearly review on the anniversary of the confirmation, and the warning ahead of it. */
  review: { periodMonths: number; warningDays: number }
  /** 3.3, defined term (q): a candidate for suspension. */
  zeroActivity: { afterRegistrationMonths: number; lookbackMonths: number }
  /** 2.3: products are registered to the end user within this many days of the purchase. */
  productRegistrationDays: number
  /** 2.1.2: notice before a price list changes. */
  priceChangeNoticeDays: number
  /** 8, 9. */
  bonuses: {
    kickstart: { amountMinor: number; validDays: number; applicationsAfter: string }
    award: { minMinor: number; maxMinor: number }
    minPaidPerOrderMinor: number
  }
  /** 1.2: how long each review of an application may take. */
  applications: { preliminaryReviewBusinessDays: { min: number; max: number }; verificationBusinessDays: number }
  /** 13.3. */
  penalties: { profileBlockMaxMonths: number }
}

/** How a partner reaches a level (from the one below) and keeps it, and what it gets there. */
export interface LevelRules {
  upgrade: { preQualification: StageRules; requirements: StageRules } | null
  /** The yearly sales that keep the level at its review; null: no review (Bronze). */
  retention: { minSalesMinor: number } | null
  benefits: Benefits
}

/** One stage of an upgrade: each part is a requirement the evaluation explains. */
export interface StageRules {
  sales: SalesRule | null
  /** At least `sales` orders to as many different end-user clients. */
  distinctClients: { minClients: number } | null
  courses: ProgramCourse[]
  evidence: EvidenceKind[]
}

export interface SalesRule {
  minSalesMinor: number
  /** A rolling window ending on the evaluation date. */
  windowMonths: number
  /** Count only sales made since the current level was confirmed ("as a Silver Partner", 3.1.3). */
  atCurrentLevelOnly: boolean
}

export interface Benefits {
  discountPercent: number
  /** Bronze's discount and requests wait for the Tutorial (3.1.1). */
  needsTutorial: boolean
  implementationRequests: boolean
  emailLeads: boolean
  directory: 'none' | 'listed' | 'featured'
  nfrCloud: { count: number; months: number; extendable: boolean }
  nfrOnPremise: { count: number; months: number; extensionMonths: number }
  marketplaceApps: boolean
  partnerSupportChat: boolean
  privilegedAccess: boolean
  partnerPortal: boolean
  bitrix24Channels: boolean
  specialOffers: boolean
}

/** One published configuration: in force from `effectiveFrom` until the next version's. */
export interface ConfigVersion {
  version: number
  effectiveFrom: Date
  config: ProgramConfig
}

/**
 * The version in force at `at`: the one with the latest `effectiveFrom` not after it (the higher number when two
 * share a date). Undefined before the first version.
 */
export function configurationOn(versions: readonly ConfigVersion[], at: Date): ConfigVersion | undefined {
  let found: ConfigVersion | undefined
  for (const candidate of versions) {
    if (candidate.effectiveFrom.getTime() > at.getTime()) continue
    if (
      !found ||
      candidate.effectiveFrom.getTime() > found.effectiveFrom.getTime() ||
      (candidate.effectiveFrom.getTime() === found.effectiveFrom.getTime() && candidate.version > found.version)
    )
      found = candidate
  }
  return found
}

/** The level below `level`, where a failed review leads (3.3); Bronze has none. */
export function levelBelow(level: PartnerStatus, order: readonly PartnerStatus[]): PartnerStatus | null {
  const index = order.indexOf(level)
  return index > 0 ? order[index - 1]! : null
}

export function levelAbove(level: PartnerStatus, order: readonly PartnerStatus[]): PartnerStatus | null {
  const index = order.indexOf(level)
  return index >= 0 && index < order.length - 1 ? order[index + 1]! : null
}
