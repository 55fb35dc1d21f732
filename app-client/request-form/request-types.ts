/**
 * What a prospective client can ask partners for, in the order the landing page lists them.
 * Each key has `types.<key>.title` and `types.<key>.text` messages.
 */
export const REQUEST_TYPE_KEYS = [
  'purchase',
  'cloudSubscription',
  'onPremiseKeys',
  'renewalUpgrade',
  'valueAddedServices',
  'installationHosting',
  'customization',
  'localization',
  'training',
  'workflowAutomation',
  'telephony',
  'integrations',
  'appDevelopment',
  'other',
] as const

export type RequestTypeKey = (typeof REQUEST_TYPE_KEYS)[number]
