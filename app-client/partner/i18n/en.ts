import { screensEn } from './screens.en'

export const en = {
  ...screensEn,
  app: { name: 'Bitrix24 Implementation Requests' },
  page: { home: 'Overview' },
  status: {
    connecting: 'Connecting to your Bitrix24…',
    connected: 'Connected to {domain}',
    outside: 'Not opened inside a Bitrix24 portal',
    failed: 'Not connected',
  },
  about: {
    tagline:
      'Implementation requests from prospective Bitrix24 clients, delivered to certified partners inside their own Bitrix24.',
    featuresTitle: 'What the app does for partners',
    features: {
      locations: {
        title: 'Requests from your locations',
        text: 'See implementation requests from prospective clients in up to 4 locations your company serves.',
      },
      reserve: {
        title: 'Reserve to see contacts',
        text: 'Client contact details stay hidden until you reserve a request. Reserving shows them to your team.',
      },
      cap: {
        title: 'At most 5 partners per request',
        text: 'No more than 5 partners can reserve the same request, so each client gets a few focused offers.',
      },
      crm: {
        title: 'Leads in your CRM',
        text: 'Every request you reserve appears as a lead in your Bitrix24 CRM, ready for your sales team.',
      },
      rating: {
        title: 'Results build your rating',
        text: 'Marking those leads Won or Lost in your CRM drives your partner rating.',
      },
    },
    accessTitle: 'How to get it',
    access: {
      install: 'Install the app from the Bitrix24 Marketplace into your company’s Bitrix24 portal.',
      approved: 'Your company must be an approved partner in the Bitrix24 Partner Program.',
      tutorial: 'Your company must have completed the Bitrix Partner Program Tutorial.',
      open: 'Open the app from your portal: it works only inside Bitrix24.',
    },
  },
  outside: {
    title: 'You are viewing this app outside Bitrix24',
    text: 'Requests, reservations and your rating are shown only when the app is opened inside a Bitrix24 portal where it is installed.',
  },
  failed: {
    title: 'Could not connect to your Bitrix24 portal',
    text: 'The portal did not complete the connection. Try again; if it keeps failing, reopen the app from the portal’s menu.',
    retry: 'Try again',
  },
  onboarding: {
    title: 'Link this portal to your partner account',
    text: 'Before requests can appear here, this portal must be linked to your company’s Bitrix24 partner account.',
    code: 'A Bitrix24 partner manager issues a one-time link code for your company; a portal administrator enters it in this app.',
  },
  notFound: {
    title: 'Page not found',
    text: 'This page does not exist in the app.',
    back: 'Back to the overview',
  },
}

export type PartnerMessages = typeof en
