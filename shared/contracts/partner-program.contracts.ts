import {
  AddPartnerUserBodySchema,
  EvidenceSchema,
  PartnerUserListSchema,
  PartnerUserSchema,
  ProgramEvaluationSchema,
  SubmitEvidenceBodySchema,
} from '../schemas/program.schema'
import { defineContract } from './contract'
import { PARTNER_SESSION_PROBLEMS } from './session-problems'

/** The partner's own place in the Partner Program, its users and its evidence. */
const partnerApp = { tags: ['Partner app'], security: 'partnerSession' } as const

export const getMyProgram = defineContract({
  ...partnerApp,
  method: 'get',
  path: '/api/partner/program',
  operationId: 'getMyProgram',
  summary: 'My place in the Partner Program',
  description: 'Status and since when, every requirement of the next level, the next review, benefits in force.',
  responses: { 200: { description: 'The evaluation now.', schema: ProgramEvaluationSchema } },
  problems: {
    ...PARTNER_SESSION_PROBLEMS,
    membership_not_found: 'The partner has not been approved into the program.',
  },
})

export const listMyUsers = defineContract({
  ...partnerApp,
  method: 'get',
  path: '/api/partner/program/users',
  operationId: 'listMyUsers',
  summary: 'My users and their courses',
  responses: { 200: { description: 'The users.', schema: PartnerUserListSchema } },
  problems: PARTNER_SESSION_PROBLEMS,
})

export const addMyUser = defineContract({
  ...partnerApp,
  method: 'post',
  path: '/api/partner/program/users',
  operationId: 'addMyUser',
  summary: 'Add a user (employee)',
  description: 'Rules 6.2: the user is linked once a manager approves. Audited.',
  body: AddPartnerUserBodySchema,
  responses: { 201: { description: 'The user, pending approval.', schema: PartnerUserSchema } },
  problems: { ...PARTNER_SESSION_PROBLEMS, partner_user_exists: 'A user with this store login is added already.' },
})

export const submitEvidence = defineContract({
  ...partnerApp,
  method: 'post',
  path: '/api/partner/program/evidence',
  operationId: 'submitEvidence',
  summary: 'Submit evidence for a requirement',
  description: 'A link or a note for a requirement a manager judges (website, social media, case study…). Audited.',
  body: SubmitEvidenceBodySchema,
  responses: { 201: { description: 'The evidence, pending.', schema: EvidenceSchema } },
  problems: PARTNER_SESSION_PROBLEMS,
})
