/** The groups of operations in the API reference, in the order it lists them. */
export const API_TAGS = {
  Public: 'What prospective clients do without signing in: submit a request and follow it with its status token.',
  'Partner app': 'What a partner does inside the app in its Bitrix24 portal, with a partner session.',
  Managers: "The partner managers' sign-in, two-factor codes, and (for admins) their accounts and sign-in policy.",
  Partners: 'Managers create and edit partners, their locations, access, portals and client feedback.',
  Ratings: "Managers adjust partners' ratings and decide bad-lead returns.",
  Program:
    'Managers run the Partner Program: its configuration, sales ledger, people, training, evidence and statuses.',
  'Store integration': 'Systems (the Bitrix24 store) send orders with an API key.',
  Moderation: 'Managers close, reopen and reject requests.',
  Territories: 'Managers keep the list of restricted countries.',
  'CRM sync': "Managers retry leads that could not be written into partners' CRMs.",
  Audit: 'The append-only audit log.',
  Console: "The managers' console: searchable lists, detail pages, the dashboard and CSV exports.",
  System: 'Health of the service.',
} as const

export type ApiTag = keyof typeof API_TAGS
