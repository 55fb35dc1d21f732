import { isApiError } from '../../common/api/api-error'
import { createHttpClient, type HttpClient } from '../../common/api/http'
import { createPartnerApi } from './partner-api'

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

/** The one partner API of the app; tests mock this module. */
export const partnerApi = createPartnerApi(renewingClient)
