// Kept free of zod: the database schema reads this list.

/** The Partner Program status levels (Bronze, Silver, Gold). */
export const PARTNER_STATUSES = ['bronze', 'silver', 'gold'] as const
export type PartnerStatus = (typeof PARTNER_STATUSES)[number]
