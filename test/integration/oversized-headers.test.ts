import type { Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerClientErrorsWithProblems } from '../../app-server/http/client-errors'
import '../support/provided-context'
import { createTestApp, type TestApp } from '../support/test-app'

/** Sends `raw` bytes over a fresh connection and returns everything the server answers until it closes. */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(raw))
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
  })
}

describe('a request the HTTP server cannot parse', () => {
  let t: TestApp
  let server: Server
  let port: number

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'warn' })
    server = t.app.listen(0, '127.0.0.1')
    answerClientErrorsWithProblems(server)
    await new Promise<void>((resolve) => server.once('listening', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await t.close()
  })

  it('when its headers exceed the 16 KiB limit, then 431 headers_too_large as a problem', async () => {
    const answer = await exchange(port, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
    expect(answer).toMatch(/Content-Type: application\/problem\+json/)
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 431,
      code: 'headers_too_large',
    })
  })

  it('when its request line does not parse, then 400 malformed_request as a problem', async () => {
    const answer = await exchange(port, 'NOT A REQUEST\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'malformed_request' })
  })
})
