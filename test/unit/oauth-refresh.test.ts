import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../app-server/config'
import {
  GrantOfAnotherPortalError,
  OAuthServerError,
  refreshAtOAuthServer,
} from '../../app-server/modules/bitrix24/portal-client'

const MEMBER = 'a223c6b3710f85df22e9377d6c4f7553'
/** The answer D:settings/oauth/auto-renewal shows: no `expires`, only `expires_in`. */
const DOCUMENTED_ANSWER = {
  access_token: 'ydtj8pho532wydb5ixk78ol7uqlb7sch',
  client_endpoint: 'https://account.bitrix24.com/rest/',
  domain: 'oauth.bitrix.info',
  expires_in: 3600,
  member_id: MEMBER,
  refresh_token: '3s6lr4kr3cv2od4v853gvrchb875bwxb',
  scope: 'app',
  server_endpoint: 'https://oauth.bitrix.info/rest/',
  status: 'T',
}

describe('refreshing a grant at the OAuth server', () => {
  let server: Server
  let answer: { status: number; body: unknown } = { status: 200, body: DOCUMENTED_ANSWER }
  let received = new URLSearchParams()
  let url = ''
  beforeAll(async () => {
    server = createServer((request, response) => {
      let text = ''
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
      request.on('end', () => {
        received = new URLSearchParams(text)
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const config = () => loadConfig({ B24_OAUTH_URL: url, B24_CLIENT_ID: 'app.1', B24_CLIENT_SECRET: 'secret' })

  it('when the server answers as documented, then its own member id and endpoints are returned and expiry is derived', async () => {
    answer = { status: 200, body: DOCUMENTED_ANSWER }
    const before = Math.floor(Date.now() / 1000)
    const tokens = await refreshAtOAuthServer(config(), { memberId: MEMBER, refreshToken: 'r1' })
    expect(tokens).toMatchObject({
      member_id: MEMBER,
      client_endpoint: 'https://account.bitrix24.com/rest/',
      server_endpoint: 'https://oauth.bitrix.info/rest/',
      refresh_token: DOCUMENTED_ANSWER.refresh_token,
    })
    expect(tokens.expires).toBeGreaterThanOrEqual(before + 3600)
    expect(Object.fromEntries(received)).toEqual({
      grant_type: 'refresh_token',
      client_id: 'app.1',
      client_secret: 'secret',
      refresh_token: 'r1',
    })
  })

  it('when the grant belongs to another portal, then it is refused whatever member id was claimed', async () => {
    answer = { status: 200, body: DOCUMENTED_ANSWER }
    await expect(refreshAtOAuthServer(config(), { memberId: 'claimed-portal', refreshToken: 'r' })).rejects.toThrow(
      GrantOfAnotherPortalError,
    )
  })

  it('when the server refuses, then the error carries its documented code', async () => {
    answer = { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid grant' } }
    const refused = await refreshAtOAuthServer(config(), { memberId: MEMBER, refreshToken: 'r' }).catch((e) => e)
    expect(refused).toBeInstanceOf(OAuthServerError)
    expect(refused).toMatchObject({ code: 'invalid_grant', status: 400 })
    answer = { status: 200, body: { error: 'PAYMENT_REQUIRED', error_description: 'Payment required' } }
    expect(await refreshAtOAuthServer(config(), { memberId: MEMBER, refreshToken: 'r' }).catch((e) => e)).toMatchObject(
      { code: 'PAYMENT_REQUIRED' },
    )
    answer = { status: 200, body: { access_token: 'only this' } }
    expect(await refreshAtOAuthServer(config(), { memberId: MEMBER, refreshToken: 'r' }).catch((e) => e)).toMatchObject(
      { code: 'invalid_answer' },
    )
  })
})
