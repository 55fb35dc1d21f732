import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app'

describe('HTTP foundation', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '1kb' })
  })
  afterAll(() => t.close())

  it('when the database answers, then GET /api/health reports ok, the driver and the version', async () => {
    const response = await request(t.app).get('/api/health')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      status: 'ok',
      database: t.database.driver,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    })
  })

  it('when an /api route does not exist, then the answer is a 404 problem', async () => {
    const response = await request(t.app).get('/api/no-such-thing?token=x')
    expect(response.status).toBe(404)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.body).toMatchObject({ code: 'route_not_found', status: 404, instance: '/api/no-such-thing' })
  })

  it('when the JSON is malformed, then the answer is a 400 problem', async () => {
    const response = await request(t.app).post('/api/health').set('Content-Type', 'application/json').send('{"a":')
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('malformed_json')
  })

  it('when the body is larger than the limit, then the answer is a 413 problem', async () => {
    const response = await request(t.app)
      .post('/api/health')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(5_000) }))
    expect(response.status).toBe(413)
    expect(response.body.code).toBe('payload_too_large')
  })

  it('when any response is sent, then it carries a request id and security headers', async () => {
    const response = await request(t.app).get('/api/health')
    expect(response.headers['x-request-id']).toBeTruthy()
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['x-powered-by']).toBeUndefined()
  })

  it('serves an OpenAPI 3.1 description generated from the schemas, and a docs page', async () => {
    const spec = await request(t.app).get('/api/openapi.json')
    expect(spec.status).toBe(200)
    expect(spec.body.openapi).toBe('3.1.0')
    expect(spec.body.paths['/api/health'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Health',
    })
    const docs = await request(t.app).get('/api/docs')
    expect(docs.status).toBe(200)
    expect(docs.text).toContain('/api/docs/assets/swagger-ui-bundle.js')
  })

  it('when the database stops answering, then health is a 503 problem', async () => {
    const broken = await createTestApp()
    await broken.database.close()
    const response = await request(broken.app).get('/api/health')
    expect(response.status).toBe(503)
    expect(response.body.code).toBe('database_unavailable')
  })

  it('logs one line per request with its id and path, never the query string', async () => {
    await request(t.app).get('/api/health?access_token=leaky').set('X-Request-Id', 'log-check-1')
    const line = t.logLines.find((entry) => entry.includes('"requestId":"log-check-1"'))
    expect(line).toContain('"path":"/api/health"')
    expect(t.logLines.join('\n')).not.toContain('leaky')
  })
})
