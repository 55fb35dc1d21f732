import { formatPortalDate } from '../../core/time'
import type { MethodTable } from '../method-types'

/** `2024-07-23 08:08:50`: LAST_ACTIVITY_DATE has no `T` and no offset (D:api-reference/user/user-current). */
function plainDateTime(epochMs: number, offsetMinutes: number): string {
  return formatPortalDate(epochMs, offsetMinutes).slice(0, 19).replace('T', ' ')
}

export const systemMethods: MethodTable = {
  /** D:api-reference/common/users/profile: needs no scope. */
  profile: {
    scopes: [],
    handler: ({ user }) => ({
      result: {
        ID: String(user.id),
        ADMIN: user.admin,
        NAME: user.name,
        LAST_NAME: user.lastName,
        PERSONAL_GENDER: user.gender,
        TIME_ZONE: user.timeZone,
      },
    }),
  },

  /** D:api-reference/user/user-current: scope user, user_brief or user_basic. */
  'user.current': {
    scopes: ['user', 'user_brief', 'user_basic'],
    handler: ({ user, portal, state }) => ({
      result: {
        ID: String(user.id),
        ACTIVE: true,
        NAME: user.name,
        LAST_NAME: user.lastName,
        EMAIL: user.email,
        LAST_LOGIN: formatPortalDate(state.now(), portal.utcOffsetMinutes),
        DATE_REGISTER: formatPortalDate(Date.UTC(2024, 0, 1), portal.utcOffsetMinutes),
        IS_ONLINE: 'Y',
        LAST_ACTIVITY_DATE: plainDateTime(state.now(), portal.utcOffsetMinutes),
        PERSONAL_GENDER: user.gender,
        PERSONAL_BIRTHDAY: '',
        WORK_POSITION: user.position,
        UF_EMPLOYMENT_DATE: '',
        UF_DEPARTMENT: [1],
      },
    }),
  },

  /**
   * D:api-reference/common/system/server-time: scope basic, any user. The portal's time with its UTC offset; the
   * partner app shows every time in the portal's time zone from it.
   */
  'server.time': {
    scopes: [],
    handler: ({ portal, state }) => ({ result: formatPortalDate(state.now(), portal.utcOffsetMinutes) }),
  },

  /** D:api-reference/common/system/app-info: INSTALLED stays false until installFinish. */
  'app.info': {
    scopes: [],
    handler: ({ app, installation, portal }) => ({
      result: {
        ID: installation.id,
        CODE: app.clientId,
        VERSION: Number.isFinite(Number(app.version)) ? Number(app.version) : app.version,
        STATUS: app.status,
        INSTALLED: installation.installed,
        PAYMENT_EXPIRED: 'N',
        DAYS: null,
        LANGUAGE_ID: portal.lang,
        LICENSE: `${portal.lang}_pro100`,
        LICENSE_TYPE: 'pro100',
        LICENSE_FAMILY: 'pro',
      },
    }),
  },
}
