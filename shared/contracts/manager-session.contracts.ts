import {
  ManagerSignInChallengeSchema,
  TotpCodeBodySchema,
  TwoFactorEnrolmentSchema,
  TwoFactorSignInBodySchema,
} from '../schemas/manager-access.schema'
import { ManagerLoginBodySchema, ManagerSchema, ManagerSessionSchema } from '../schemas/manager.schema'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

const CROSS_SITE = 'Sent by a page of another site (its Origin is not this service).'

export const signInManager = defineContract({
  method: 'post',
  path: '/api/manager/session',
  operationId: 'signInManager',
  summary: 'Sign in as a manager',
  description:
    'With `session: "cookie"` (the console) the session is an HttpOnly, SameSite=Strict cookie; with `"token"` ' +
    '(the default, for API clients) the answer carries a Bearer token. When the account uses two-factor sign-in, ' +
    'or an admin requires it for everyone, the answer is 202 and the sign-in continues with ' +
    '`POST /api/manager/session/two-factor`.',
  tags: ['Managers'],
  security: null,
  body: ManagerLoginBodySchema,
  responses: {
    201: { description: 'Signed in.', schema: ManagerSessionSchema },
    202: { description: 'The password was right; a TOTP code is needed next.', schema: ManagerSignInChallengeSchema },
  },
  problems: {
    validation_failed: 'The e-mail or password is missing or malformed.',
    invalid_credentials: 'The e-mail or password is not right.',
    account_deactivated: 'The password is right but an admin deactivated the account.',
    rate_limited: 'Too many attempts from this address or for this account.',
    csrf_rejected: CROSS_SITE,
  },
})

export const completeTwoFactorSignIn = defineContract({
  method: 'post',
  path: '/api/manager/session/two-factor',
  operationId: 'completeTwoFactorSignIn',
  summary: 'Finish a sign-in with a TOTP code',
  description:
    'The second step of a sign-in. When the first step asked to set up two-factor sign-in, a right code also ' +
    'confirms the new authenticator.',
  tags: ['Managers'],
  security: null,
  body: TwoFactorSignInBodySchema,
  responses: { 201: { description: 'Signed in.', schema: ManagerSessionSchema } },
  problems: {
    two_factor_code_invalid: 'The code is not the current one of the authenticator (or was used already).',
    pending_sign_in_invalid: 'The first step expired, failed too often or is unknown; sign in again.',
    account_deactivated: 'An admin deactivated the account meanwhile.',
    rate_limited: 'Too many codes tried from this address or for this account.',
    csrf_rejected: CROSS_SITE,
  },
})

export const signOutManager = defineContract({
  method: 'delete',
  path: '/api/manager/session',
  operationId: 'signOutManager',
  summary: 'Sign out',
  tags: ['Managers'],
  security: 'managerSession',
  managerAbility: 'self',
  responses: { 204: { description: 'The session is ended and its cookie cleared.' } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const getCurrentManager = defineContract({
  method: 'get',
  path: '/api/manager/me',
  operationId: 'getCurrentManager',
  summary: 'The signed-in manager',
  tags: ['Managers'],
  security: 'managerSession',
  responses: { 200: { description: 'The manager, their role and what it may do.', schema: ManagerSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, manager_not_found: 'The account of this session no longer exists.' },
})

export const startTwoFactorEnrolment = defineContract({
  method: 'post',
  path: '/api/manager/me/two-factor',
  operationId: 'startTwoFactorEnrolment',
  summary: 'Start setting up two-factor sign-in',
  description: 'Answers a new secret and its QR code; two-factor sign-in is on once a code from it is confirmed.',
  tags: ['Managers'],
  security: 'managerSession',
  managerAbility: 'self',
  responses: { 201: { description: 'The authenticator to set up.', schema: TwoFactorEnrolmentSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    two_factor_already_enabled: 'Two-factor sign-in is on already; turn it off first to change the authenticator.',
  },
})

export const confirmTwoFactor = defineContract({
  method: 'post',
  path: '/api/manager/me/two-factor/confirm',
  operationId: 'confirmTwoFactor',
  summary: 'Turn two-factor sign-in on with a code',
  tags: ['Managers'],
  security: 'managerSession',
  managerAbility: 'self',
  body: TotpCodeBodySchema,
  responses: { 200: { description: 'Two-factor sign-in is on.', schema: ManagerSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    two_factor_code_invalid: 'The code is not the current one of the new authenticator.',
    two_factor_enrolment_not_started: 'No set-up was started (or it was confirmed already).',
    two_factor_already_enabled: 'Two-factor sign-in is on already.',
    rate_limited: 'Too many codes tried for this account.',
  },
})

export const disableTwoFactor = defineContract({
  method: 'post',
  path: '/api/manager/me/two-factor/disable',
  operationId: 'disableTwoFactor',
  summary: 'Turn two-factor sign-in off with a code',
  tags: ['Managers'],
  security: 'managerSession',
  managerAbility: 'self',
  body: TotpCodeBodySchema,
  responses: { 200: { description: 'Two-factor sign-in is off.', schema: ManagerSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    two_factor_code_invalid: 'The code is not the current one of the authenticator.',
    two_factor_not_enabled: 'Two-factor sign-in is not on.',
    two_factor_required_by_policy: 'An admin requires two-factor sign-in for everyone.',
    rate_limited: 'Too many codes tried for this account.',
  },
})
