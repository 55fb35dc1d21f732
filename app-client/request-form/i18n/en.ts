import { flowEn } from './flow.en'

export const en = {
  ...flowEn,
  app: { name: 'Bitrix24 Implementation Request', brand: 'Bitrix24', product: 'Implementation request' },
  page: {
    landing: 'Find a partner to implement Bitrix24',
    form: 'Describe your implementation request',
    sent: 'Request sent',
    status: 'Your request status',
  },
  skipToContent: 'Skip to content',
  hero: {
    title: 'Get Bitrix24 implemented by a certified partner',
    text: 'Tell us what you need. Up to 5 certified Bitrix24 partners in your country receive your request and contact you with their offers.',
  },
  steps: {
    title: 'How it works',
    describe: {
      title: 'Describe what you need',
      text: 'Choose the kind of help you are looking for, say a few words about your company and leave your contact details.',
    },
    partners: {
      title: 'Up to 5 partners make you offers',
      text: 'Certified Bitrix24 partners working in your country see your request. At most 5 of them can take it on; they receive your contact details and get in touch with offers.',
    },
    follow: {
      title: 'Follow the status with your private link',
      text: 'You receive a private link to your request. It always shows the current status of your request.',
    },
  },
  types: {
    title: 'What you can ask for',
    intro: 'One request can cover anything from buying a licence to building a custom integration.',
    purchase: { title: 'Purchase', text: 'Advice on the right Bitrix24 plan and help buying it.' },
    cloud_subscription: { title: 'Cloud subscription', text: 'A new Bitrix24 cloud subscription for your team.' },
    on_premise_license: { title: 'On-premise licence keys', text: 'Licence keys for Bitrix24 on your own servers.' },
    renewal_or_upgrade: { title: 'Renewals and upgrades', text: 'Extending your licence or moving to a larger plan.' },
    value_added_services: { title: 'Value-added services', text: 'Extra services on top of your Bitrix24 licence.' },
    installation_hosting: { title: 'Installation and hosting', text: 'Setting up Bitrix24 on-premise and hosting it.' },
    customization: { title: 'Customization', text: 'Adapting Bitrix24 to the way your company works.' },
    localization: { title: 'Localization', text: 'Adapting Bitrix24 to local language, laws and practice.' },
    training: { title: 'Training', text: 'Teaching your employees and administrators to use Bitrix24.' },
    workflow_automation: { title: 'Workflow automation', text: 'Automation rules, triggers and business processes.' },
    telephony: { title: 'Telephony', text: 'Connecting phone lines and call tracking to Bitrix24.' },
    integration: { title: 'Integrations', text: 'Linking Bitrix24 with your website, accounting or other systems.' },
    app_development: { title: 'App development', text: 'Custom applications built on the Bitrix24 platform.' },
    other: { title: 'Something else', text: 'Anything else you need help with around Bitrix24.' },
  },
  privacy: {
    title: 'Who sees your contact details',
    text: 'Your request is shown to partners without your contact details. Only the partners who take on your request, at most 5, receive them.',
  },
  footer: 'Requests are handled by certified partners of the Bitrix24 Partner Program.',
  notFound: {
    title: 'Page not found',
    text: 'The page you opened does not exist. Check the link or go to the start page.',
    back: 'Go to the start page',
  },
}

export type RequestFormMessages = typeof en
