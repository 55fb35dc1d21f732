import { ManagerLoginBodySchema, ManagerSchema, ManagerSessionSchema } from '../schemas/manager.schema'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

export const signInManager = defineContract({
  method: 'post',
  path: '/api/manager/session',
  operationId: 'signInManager',
  summary: 'Sign in as a manager',
  tags: ['Managers'],
  security: null,
  body: ManagerLoginBodySchema,
  responses: { 201: { description: 'Signed in; send `token` as a Bearer token.', schema: ManagerSessionSchema } },
  problems: {
    validation_failed: 'The e-mail or password is missing or malformed.',
    invalid_credentials: 'The e-mail or password is not right.',
    rate_limited: 'Too many attempts from this address or for this account.',
  },
})

export const signOutManager = defineContract({
  method: 'delete',
  path: '/api/manager/session',
  operationId: 'signOutManager',
  summary: 'Sign out',
  tags: ['Managers'],
  security: 'managerSession',
  responses: { 204: { description: 'The session is ended.' } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const getCurrentManager = defineContract({
  method: 'get',
  path: '/api/manager/me',
  operationId: 'getCurrentManager',
  summary: 'The signed-in manager',
  tags: ['Managers'],
  security: 'managerSession',
  responses: { 200: { description: 'The manager.', schema: ManagerSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, manager_not_found: 'The account of this session no longer exists.' },
})
