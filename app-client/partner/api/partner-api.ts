import type { z } from 'zod'
import { FeedPageSchema, type FeedPage } from '@shared/schemas/feed.schema'
import { PartnerProfileSchema, type PartnerProfile } from '@shared/schemas/partner.schema'
import { ReservationListSchema, ReservationSchema, type Reservation } from '@shared/schemas/reservation.schema'
import { SessionSchema, type Session } from '@shared/schemas/session.schema'
import {
  PartnerRatingSchema,
  ReservationReturnSchema,
  type PartnerRating,
  type ReservationReturn,
  type ReturnReservationBody,
} from '@shared/schemas/rating'
import type { RequestType } from '@shared/domain/request-types'
import type { HttpClient } from '../../common/api/http'

export type ReservationList = z.infer<typeof ReservationListSchema>

export interface FeedFilters {
  type?: RequestType
  country?: string
  cursor?: string
}

/**
 * The partner API, typed by the shared schemas. Every call goes through the given client, which carries the
 * session token; stores receive this object so tests can replace it.
 */
export function createPartnerApi(client: HttpClient) {
  return {
    /** `POST /api/session`: the frame's credentials for a short-lived bearer token. */
    createSession: (credentials: { domain: string; memberId: string; accessToken: string }): Promise<Session> =>
      client.request('/api/session', { method: 'POST', body: credentials, schema: SessionSchema }),
    /** `POST /api/portal/link`: links this portal with a manager's one-time code; returns the new session. */
    linkPortal: (code: string): Promise<Session> =>
      client.request('/api/portal/link', { method: 'POST', body: { code }, schema: SessionSchema }),
    getProfile: (): Promise<PartnerProfile> => client.request('/api/partner/me', { schema: PartnerProfileSchema }),
    setLocations: (additional: string[]): Promise<PartnerProfile> =>
      client.request('/api/partner/locations', {
        method: 'PUT',
        body: { additional },
        schema: PartnerProfileSchema,
      }),
    listFeed: (filters: FeedFilters = {}): Promise<FeedPage> =>
      client.request('/api/partner/requests', {
        query: { type: filters.type, country: filters.country, cursor: filters.cursor, limit: 20 },
        schema: FeedPageSchema,
      }),
    reserve: (requestId: string, assignTo?: string): Promise<Reservation> =>
      client.request(`/api/partner/requests/${encodeURIComponent(requestId)}/reservation`, {
        method: 'POST',
        query: { assignTo },
        schema: ReservationSchema,
      }),
    release: (requestId: string): Promise<Reservation> =>
      client.request(`/api/partner/requests/${encodeURIComponent(requestId)}/reservation`, {
        method: 'DELETE',
        schema: ReservationSchema,
      }),
    /** `POST …/reservation/return`: hands a bad lead back; a manager confirms or rejects the return. */
    returnAsBadLead: (requestId: string, body: ReturnReservationBody): Promise<ReservationReturn> =>
      client.request(`/api/partner/requests/${encodeURIComponent(requestId)}/reservation/return`, {
        method: 'POST',
        body,
        schema: ReservationReturnSchema,
      }),
    getRating: (): Promise<PartnerRating> => client.request('/api/partner/rating', { schema: PartnerRatingSchema }),
    listReservations: (cursor?: string): Promise<ReservationList> =>
      client.request('/api/partner/reservations', { query: { cursor, limit: 50 }, schema: ReservationListSchema }),
  }
}

export type PartnerApi = ReturnType<typeof createPartnerApi>
