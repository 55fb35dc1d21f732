import {
  ChangeManagerRoleBodySchema,
  CreateManagerBodySchema,
  ManagerAccountListSchema,
  ManagerAccountSchema,
  ManagerAccountWithPasswordSchema,
  ManagerIdParamsSchema,
  ResetPasswordBodySchema,
  SignInPolicyBodySchema,
  SignInPolicySchema,
} from '../schemas/manager-access.schema'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

// Every operation here is for admins: the `manageManagers` ability.
const ADMIN = { tags: ['Managers'], security: 'managerSession', managerAbility: 'manageManagers' } as const
const NOT_FOUND = { manager_not_found: 'No manager account has this id.' } as const
const LAST_ADMIN = { last_admin: 'It would leave no active admin.' } as const
const OWN = { own_account: 'Admins change their own role or access through another admin.' } as const

export const listManagers = defineContract({
  ...ADMIN,
  method: 'get',
  path: '/api/manager/managers',
  operationId: 'listManagers',
  summary: 'Manager accounts',
  responses: { 200: { description: 'Every account, active ones first.', schema: ManagerAccountListSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const createManagerAccount = defineContract({
  ...ADMIN,
  method: 'post',
  path: '/api/manager/managers',
  operationId: 'createManagerAccount',
  summary: 'Create a manager account',
  body: CreateManagerBodySchema,
  responses: {
    201: { description: 'Created; a generated password is answered once.', schema: ManagerAccountWithPasswordSchema },
  },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    weak_password: 'The password given is too short.',
    manager_exists: 'An account has this e-mail already.',
  },
})

export const changeManagerRole = defineContract({
  ...ADMIN,
  method: 'put',
  path: '/api/manager/managers/:id/role',
  operationId: 'changeManagerRole',
  summary: "Change a manager's role",
  params: ManagerIdParamsSchema,
  body: ChangeManagerRoleBodySchema,
  responses: { 200: { description: 'The account with its new role.', schema: ManagerAccountSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...NOT_FOUND, ...LAST_ADMIN, ...OWN },
})

export const deactivateManager = defineContract({
  ...ADMIN,
  method: 'post',
  path: '/api/manager/managers/:id/deactivate',
  operationId: 'deactivateManager',
  summary: 'Deactivate a manager account',
  description: 'The account can no longer sign in and its sessions end at once.',
  params: ManagerIdParamsSchema,
  responses: { 200: { description: 'The deactivated account.', schema: ManagerAccountSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...NOT_FOUND, ...LAST_ADMIN, ...OWN },
})

export const reactivateManager = defineContract({
  ...ADMIN,
  method: 'post',
  path: '/api/manager/managers/:id/reactivate',
  operationId: 'reactivateManager',
  summary: 'Reactivate a manager account',
  params: ManagerIdParamsSchema,
  responses: { 200: { description: 'The active account.', schema: ManagerAccountSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...NOT_FOUND },
})

export const resetManagerPassword = defineContract({
  ...ADMIN,
  method: 'post',
  path: '/api/manager/managers/:id/password',
  operationId: 'resetManagerPassword',
  summary: "Reset a manager's password",
  description: "The account's sessions end; a generated password is answered once.",
  params: ManagerIdParamsSchema,
  body: ResetPasswordBodySchema,
  responses: { 200: { description: 'The new password, when generated.', schema: ManagerAccountWithPasswordSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...NOT_FOUND, weak_password: 'The password given is too short.' },
})

export const resetManagerTwoFactor = defineContract({
  ...ADMIN,
  method: 'delete',
  path: '/api/manager/managers/:id/two-factor',
  operationId: 'resetManagerTwoFactor',
  summary: "Reset a manager's two-factor sign-in",
  description: 'For a lost authenticator: two-factor sign-in is off (or set up again at sign-in when required).',
  params: ManagerIdParamsSchema,
  responses: { 200: { description: 'The account.', schema: ManagerAccountSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...NOT_FOUND },
})

export const getSignInPolicy = defineContract({
  ...ADMIN,
  method: 'get',
  path: '/api/manager/sign-in-policy',
  operationId: 'getSignInPolicy',
  summary: "The console's sign-in policy",
  responses: { 200: { description: 'The policy.', schema: SignInPolicySchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const setSignInPolicy = defineContract({
  ...ADMIN,
  method: 'put',
  path: '/api/manager/sign-in-policy',
  operationId: 'setSignInPolicy',
  summary: 'Require two-factor sign-in for everyone, or not',
  description: 'Managers without an authenticator set one up at their next sign-in.',
  body: SignInPolicyBodySchema,
  responses: { 200: { description: 'The policy.', schema: SignInPolicySchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})
