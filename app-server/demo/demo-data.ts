import type { ManagerRole } from '../../shared/domain/manager-roles'
import type { PartnerStatus } from '../../shared/domain/partner-statuses'

/** The demo's seeded world: partners with their portals, and requests from prospective clients. */

export const DEMO_CLIENT_ID = 'local.demo.implementation-requests'
/** One console account per role, so each role's view can be tried; the manager seeds the demo's data. */
export const DEMO_MANAGERS: readonly { role: ManagerRole; email: string; name: string }[] = [
  { role: 'admin', email: 'admin@demo.example', name: 'Ada Admin' },
  { role: 'manager', email: 'manager@demo.example', name: 'Demo Manager' },
  { role: 'viewer', email: 'viewer@demo.example', name: 'Vera Viewer' },
]
/** A country where the Partner Program does not operate: no demo partner or request is there. */
export const DEMO_RESTRICTED_COUNTRY = 'KP'

export type DemoPortalRole = 'main' | 'suspended' | 'not-approved' | 'filler' | 'unlinked'

export interface DemoPartner {
  partnerCode: string
  companyName: string
  registeredCountry: string
  additional: string[]
  /** The Partner Program status a manager enters for it; Bronze when absent. */
  declaredStatus?: PartnerStatus
  approved: boolean
  tutorialDone: boolean
  /** Days from now the suspension lasts; absent: not suspended. */
  suspendedForDays?: number
  /**
   * A partner manager's rating adjustment, in points. New requests reach lower tiers hours later (early access),
   * so the partners that work the demo's fresh requests are lifted to the top tier.
   */
  ratingAdjustment?: number
  /** `lang`: the portal users' interface language (Bitrix24 codes: `la` is Spanish). */
  portal: { memberId: string; role: DemoPortalRole; lang?: string }
}

export const DEMO_PARTNERS: DemoPartner[] = [
  {
    partnerCode: 'demo-acme',
    companyName: 'Acme Integrators GmbH',
    registeredCountry: 'DE',
    additional: ['AT', 'CH', 'ES'],
    declaredStatus: 'gold',
    approved: true,
    tutorialDone: true,
    ratingAdjustment: 35,
    portal: { memberId: 'demo0acme0000000000000000000000a', role: 'main' },
  },
  {
    partnerCode: 'demo-sol',
    companyName: 'Soluciones Sol S.L.',
    registeredCountry: 'ES',
    additional: ['DE'],
    declaredStatus: 'silver',
    approved: true,
    tutorialDone: true,
    suspendedForDays: 14,
    portal: { memberId: 'demo0sol00000000000000000000000b', role: 'suspended', lang: 'la' },
  },
  {
    partnerCode: 'demo-neu',
    companyName: 'Neustart IT UG',
    registeredCountry: 'DE',
    additional: [],
    approved: false,
    tutorialDone: false,
    portal: { memberId: 'demo0neu00000000000000000000000c', role: 'not-approved', lang: 'de' },
  },
  ...['Nordstern CRM', 'Alpen Consulting', 'Rhein Digital', 'Elbe Systems', 'Isar Solutions'].map(
    (companyName, index): DemoPartner => ({
      partnerCode: `demo-peer-${index + 1}`,
      companyName,
      registeredCountry: 'DE',
      additional: ['AT'],
      approved: true,
      tutorialDone: true,
      ratingAdjustment: 35,
      portal: { memberId: `demo0peer${index + 1}`.padEnd(32, '0'), role: 'filler' },
    }),
  ),
]

/** A portal with the app installed by its administrator but not finished nor linked: the onboarding path. */
export const DEMO_UNLINKED_PORTAL = 'demo0new00000000000000000000000d'
/** The partner whose link code the demo page shows for the unlinked portal. */
export const DEMO_UNLINKED_PARTNER = {
  partnerCode: 'demo-new',
  companyName: 'Newcomer Partners Ltd',
  registeredCountry: 'AT',
}

export interface DemoRequest {
  key: string
  country: string
  city: string
  types: string[]
  description: string
  usersCount: number
  preferredLanguage: string
  contact: { name: string; company: string; email: string; phone: string }
  /** How many peer partners reserve it during seeding (5 fills it, and a full request leaves the feeds). */
  peerReservations: number
}

export const DEMO_REQUESTS: DemoRequest[] = [
  {
    key: 'berlin',
    country: 'DE',
    city: 'Berlin',
    types: ['cloud_subscription', 'training'],
    description:
      'We are a 40-person design agency moving from spreadsheets to Bitrix24. We need help choosing a plan, setting up the CRM pipelines and training the team. Call me on +49 30 1234567 any weekday.',
    usersCount: 40,
    preferredLanguage: 'de',
    contact: {
      name: 'Jana Richter',
      company: 'Studio Richter',
      email: 'jana@studio-richter.example',
      phone: '+49 30 1234567',
    },
    peerReservations: 0,
  },
  {
    key: 'hamburg',
    country: 'DE',
    city: 'Hamburg',
    types: ['workflow_automation', 'integration'],
    description:
      'Logistics company with 120 employees. We want our order approvals automated in Bitrix24 and the CRM integrated with our warehouse system (REST API available).',
    usersCount: 120,
    preferredLanguage: 'de',
    contact: {
      name: 'Tobias Krüger',
      company: 'Nordkai Logistik',
      email: 'tk@nordkai.example',
      phone: '+49 40 7654321',
    },
    peerReservations: 4,
  },
  {
    key: 'munich',
    country: 'DE',
    city: 'München',
    types: ['on_premise_license', 'installation_hosting'],
    description:
      'Engineering firm needs Bitrix24 On-Premise on our own servers for 300 users, including installation, backups and a support contract.',
    usersCount: 300,
    preferredLanguage: 'de',
    contact: {
      name: 'Sabine Huber',
      company: 'Huber Engineering',
      email: 'huber@huber-eng.example',
      phone: '+49 89 555000',
    },
    peerReservations: 5,
  },
  {
    key: 'vienna',
    country: 'AT',
    city: 'Wien',
    types: ['telephony', 'customization'],
    description:
      'Call centre with 25 agents. We want Bitrix24 telephony connected to our SIP provider and custom lead cards for our campaigns.',
    usersCount: 25,
    preferredLanguage: 'de',
    contact: { name: 'Lukas Bauer', company: 'Donau Calls', email: 'lukas@donaucalls.example', phone: '+43 1 5123456' },
    peerReservations: 0,
  },
  {
    key: 'zurich',
    country: 'CH',
    city: 'Zürich',
    types: ['localization', 'app_development'],
    description:
      'Fintech start-up: we need a small Bitrix24 app that shows our customers’ portfolio in the CRM card, and the interface in Swiss German terms.',
    usersCount: 15,
    preferredLanguage: 'en',
    contact: { name: 'Noah Meier', company: 'Alpfin AG', email: 'noah@alpfin.example', phone: '+41 44 2223344' },
    peerReservations: 0,
  },
  {
    key: 'madrid',
    country: 'ES',
    city: 'Madrid',
    types: ['purchase', 'training'],
    description:
      'Somos una inmobiliaria con 18 agentes. Queremos comprar Bitrix24 y formar al equipo en el CRM y las tareas. Escríbanme a lucia@casaluz.example.',
    usersCount: 18,
    preferredLanguage: 'es',
    contact: {
      name: 'Lucía Gómez',
      company: 'Casa Luz Inmobiliaria',
      email: 'lucia@casaluz.example',
      phone: '+34 91 1234567',
    },
    peerReservations: 0,
  },
  {
    key: 'barcelona',
    country: 'ES',
    city: 'Barcelona',
    types: ['customization', 'workflow_automation'],
    description:
      'Clínica dental con tres sedes. Necesitamos adaptar el CRM a las citas de pacientes y automatizar los recordatorios por SMS.',
    usersCount: 30,
    preferredLanguage: 'es',
    contact: { name: 'Marc Puig', company: 'Dental Puig', email: 'marc@dentalpuig.example', phone: '+34 93 1234567' },
    peerReservations: 0,
  },
  {
    key: 'paris',
    country: 'FR',
    city: 'Paris',
    types: ['renewal_or_upgrade'],
    description:
      'We run Bitrix24 Professional for 60 users and want to upgrade to Enterprise with a partner who can migrate our automation rules.',
    usersCount: 60,
    preferredLanguage: 'fr',
    contact: {
      name: 'Camille Martin',
      company: 'Atelier Martin',
      email: 'camille@ateliermartin.example',
      phone: '+33 1 42000000',
    },
    peerReservations: 0,
  },
]
