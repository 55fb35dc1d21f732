import type { ProgramConfig } from './config'

/** The date of the rules' last update ("March 10, 2024"): version 1 of the configuration is in force from it. */
export const RULES_2024_EFFECTIVE_FROM = '2024-03-10T00:00:00.000Z'

const NO_BENEFIT = {
  partnerSupportChat: false,
  privilegedAccess: false,
  partnerPortal: false,
  bitrix24Channels: false,
  specialOffers: false,
}

/**
 * The Partner Program rules of 10 March 2024 as configuration version 1 (the migration
 * `program_config_seed` writes exactly this; a test compares them). Section numbers name where each value comes from.
 */
export const RULES_2024: ProgramConfig = {
  currency: 'USD',
  // "$/€": the rules write targets in dollars and euros alike.
  parityCurrencies: ['USD', 'EUR'],
  // 3.1.1: Tutorial and an NFR cloud subscription within 90 days of approval.
  bronze: { withinDays: 90, courses: ['partner_program_tutorial'], nfrCloudClaimed: true },
  levels: {
    bronze: {
      upgrade: null,
      retention: null,
      benefits: {
        ...NO_BENEFIT,
        discountPercent: 20,
        needsTutorial: true,
        implementationRequests: true,
        emailLeads: false,
        directory: 'none',
        nfrCloud: { count: 1, months: 6, extendable: false },
        nfrOnPremise: { count: 0, months: 12, extensionMonths: 12 },
        marketplaceApps: true,
      },
    },
    silver: {
      upgrade: {
        // 3.1.2: $/€1,000 after discount, a free online course (the Tutorial), Bitrix24 on the website.
        preQualification: {
          sales: { minSalesMinor: 100_000, windowMonths: 12, atCurrentLevelOnly: false },
          distinctClients: null,
          courses: ['partner_program_tutorial'],
          evidence: ['website_endorsement'],
        },
        requirements: {
          sales: { minSalesMinor: 250_000, windowMonths: 12, atCurrentLevelOnly: false },
          distinctClients: { minClients: 2 },
          courses: ['partner_program_tutorial', 'partner_sales_course'],
          evidence: ['website_endorsement', 'social_endorsement', 'first_line_support'],
        },
      },
      retention: { minSalesMinor: 500_000 },
      benefits: {
        discountPercent: 40,
        needsTutorial: false,
        implementationRequests: true,
        emailLeads: true,
        directory: 'listed',
        nfrCloud: { count: 1, months: 6, extendable: true },
        nfrOnPremise: { count: 1, months: 12, extensionMonths: 12 },
        marketplaceApps: true,
        partnerSupportChat: true,
        privilegedAccess: true,
        partnerPortal: true,
        bitrix24Channels: false,
        specialOffers: false,
      },
    },
    gold: {
      upgrade: {
        // 3.1.3: $/€10,000 in 12 months, a mid-term marketing plan and a case study.
        preQualification: {
          sales: { minSalesMinor: 1_000_000, windowMonths: 12, atCurrentLevelOnly: false },
          distinctClients: null,
          courses: [],
          evidence: ['marketing_plan', 'case_study'],
        },
        requirements: {
          sales: { minSalesMinor: 1_000_000, windowMonths: 12, atCurrentLevelOnly: true },
          distinctClients: null,
          courses: ['marketing_course'],
          evidence: ['webinar_or_video', 'case_study', 'marketing_plan', 'first_line_support'],
        },
      },
      retention: { minSalesMinor: 1_500_000 },
      benefits: {
        discountPercent: 50,
        needsTutorial: false,
        implementationRequests: true,
        emailLeads: true,
        directory: 'featured',
        nfrCloud: { count: 2, months: 6, extendable: true },
        nfrOnPremise: { count: 2, months: 12, extensionMonths: 12 },
        marketplaceApps: true,
        partnerSupportChat: true,
        privilegedAccess: true,
        partnerPortal: true,
        bitrix24Channels: true,
        specialOffers: true,
      },
    },
  },
  // 3.3: reviewed every year; the partner is warned 60 days ahead (a decision, see docs/program.md).
  review: { periodMonths: 12, warningDays: 60 },
  zeroActivity: { afterRegistrationMonths: 12, lookbackMonths: 12 },
  productRegistrationDays: 7,
  priceChangeNoticeDays: 10,
  bonuses: {
    kickstart: { amountMinor: 100_000, validDays: 90, applicationsAfter: '2019-12-31' },
    award: { minMinor: 100_000, maxMinor: 500_000 },
    minPaidPerOrderMinor: 1_000,
  },
  applications: { preliminaryReviewBusinessDays: { min: 1, max: 7 }, verificationBusinessDays: 7 },
  penalties: { profileBlockMaxMonths: 12 },
}
