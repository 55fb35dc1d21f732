// Kept free of zod, so the public form's first load can list the types without the validation library.
/** What a client can ask partners for (rules 5.2). */
export const REQUEST_TYPES = [
  'purchase',
  'cloud_subscription',
  'on_premise_license',
  'renewal_or_upgrade',
  'value_added_services',
  'installation_hosting',
  'customization',
  'localization',
  'training',
  'workflow_automation',
  'telephony',
  'integration',
  'app_development',
  'other',
] as const

export type RequestType = (typeof REQUEST_TYPES)[number]
