import * as partner from '@shared/contracts/partner.contracts'
import * as portalSession from '@shared/contracts/portal-session.contracts'
import type { RequestType } from '@shared/domain/request-types'
import type { ReturnReservationBody } from '@shared/schemas/rating'
import { isApiError } from '../../common/api/api-error'
import { contractCall } from '../../common/api/contract-client'
import { createHttpClient, type HttpClient } from '../../common/api/http'

let token: string | null = null
let renew: (() => Promise<void>) | null = null

/** Sets the bearer token every partner API call carries (from `POST /api/session` or a link). */
export function useSessionToken(value: string | null): void {
  token = value
}

/** How to get a new session when the server says the current one expired; set by the session store. */
export function onSessionExpired(renewSession: (() => Promise<void>) | null): void {
  renew = renewSession
}

const base = createHttpClient({ getToken: () => token })

/** Retries a call once after renewing an expired session, so a partner who left the app open is not stopped. */
const renewingClient: HttpClient = {
  async request(path, options) {
    try {
      return await base.request(path, options)
    } catch (error) {
      if (!renew || !isApiError(error) || error.code !== 'session_expired') throw error
      await renew()
      return base.request(path, options)
    }
  },
}

export interface FeedFilters {
  type?: RequestType
  country?: string
  cursor?: string
}

/** The partner app's calls, each one operation of `shared/contracts/`; stores receive this object so tests can replace it. */
export function createPartnerApi(client: HttpClient) {
  const call = contractCall(client)
  return {
    /** The frame's credentials for a short-lived bearer token. */
    createSession: (credentials: { domain: string; memberId: string; accessToken: string }) =>
      call(portalSession.createPortalSession, { body: credentials }),
    /** Links this portal with a manager's one-time code; returns the new session. */
    linkPortal: (code: string) => call(portalSession.linkPortal, { body: { code } }),
    getProfile: () => call(partner.getMyPartnerProfile),
    setLocations: (additional: string[]) => call(partner.setMyLocations, { body: { additional } }),
    listFeed: (filters: FeedFilters = {}) =>
      call(partner.listRequestFeed, {
        query: { type: filters.type, country: filters.country, cursor: filters.cursor, limit: 20 },
      }),
    reserve: (requestId: string, assignTo?: string) =>
      call(partner.reserveRequest, { params: { id: requestId }, query: { assignTo } }),
    release: (requestId: string) => call(partner.releaseReservation, { params: { id: requestId } }),
    /** Hands a bad lead back; a manager confirms or rejects the return. */
    returnAsBadLead: (requestId: string, body: ReturnReservationBody) =>
      call(partner.returnReservationAsBadLead, { params: { id: requestId }, body }),
    getRating: () => call(partner.getMyRating),
    listReservations: (cursor?: string) => call(partner.listMyReservations, { query: { cursor, limit: 50 } }),
  }
}

export type PartnerApi = ReturnType<typeof createPartnerApi>

/** The one partner API of the app; tests mock this module. */
export const partnerApi = createPartnerApi(renewingClient)
