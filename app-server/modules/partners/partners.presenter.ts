import { ineligibilities, type EligibilityFacts } from '../../../shared/domain/eligibility'
import { MAX_ADDITIONAL_LOCATIONS } from '../../../shared/domain/reservation-rules'
import type { Partner, PartnerProfile } from '../../../shared/schemas/partner.schema'
import type { PartnerWithLocations } from './partners.repository'

const iso = (date: Date | null) => (date ? date.toISOString() : null)

export function suspensionOf(partner: PartnerWithLocations) {
  if (!partner.suspendedAt) return null
  return { until: partner.suspendedUntil }
}

/** What decides whether the partner may see and reserve requests (see shared/domain/eligibility.ts). */
export function eligibilityFactsOf(partner: PartnerWithLocations): EligibilityFacts {
  return {
    approved: partner.approved,
    tutorialCompletedAt: partner.tutorialCompletedAt,
    suspension: suspensionOf(partner),
  }
}

export function presentEligibility(partner: PartnerWithLocations, now: Date) {
  const reasons = ineligibilities(eligibilityFactsOf(partner), now).map((reason) =>
    reason.code === 'partner_suspended' ? { code: reason.code, until: iso(reason.until) } : reason,
  )
  return { eligible: reasons.length === 0, reasons }
}

function presentCommon(
  partner: PartnerWithLocations,
  now: Date,
): Omit<PartnerProfile, 'reservationQuota' | 'restrictedCountries'> {
  const suspended =
    partner.suspendedAt && presentEligibility(partner, now).reasons.some((r) => r.code === 'partner_suspended')
  return {
    id: partner.id,
    partnerCode: partner.partnerCode,
    companyName: partner.companyName,
    declaredStatus: partner.declaredStatus,
    approved: partner.approved,
    tutorialCompletedAt: iso(partner.tutorialCompletedAt),
    suspension:
      suspended && partner.suspendedAt
        ? {
            since: partner.suspendedAt.toISOString(),
            until: iso(partner.suspendedUntil),
            reason: partner.suspensionReason ?? '',
          }
        : null,
    locations: {
      registered: partner.registeredCountry,
      additional: partner.additionalLocations,
      maxAdditional: MAX_ADDITIONAL_LOCATIONS,
      locked: partner.locationsLocked,
    },
    eligibility: presentEligibility(partner, now),
  }
}

export function presentPartner(partner: PartnerWithLocations, now: Date): Partner {
  return {
    ...presentCommon(partner, now),
    contactName: partner.contactName,
    contactEmail: partner.contactEmail,
    contactPhone: partner.contactPhone,
    website: partner.website,
    createdAt: partner.createdAt.toISOString(),
    updatedAt: partner.updatedAt.toISOString(),
  }
}

export function presentProfile(
  partner: PartnerWithLocations,
  now: Date,
  quota: { limit: number; used: number },
  restrictedCountries: string[],
): PartnerProfile {
  return { ...presentCommon(partner, now), reservationQuota: quota, restrictedCountries }
}
