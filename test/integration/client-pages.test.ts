import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app'

describe('client pages', () => {
  let t: TestApp
  let buildDir: string
  beforeAll(async () => {
    buildDir = mkdtempSync(join(tmpdir(), 'client-build-'))
    for (const entry of ['partner', 'request-form', 'manager']) {
      mkdirSync(join(buildDir, entry))
      writeFileSync(join(buildDir, entry, 'index.html'), `<!doctype html><title>${entry} page</title>`)
    }
    mkdirSync(join(buildDir, 'assets'))
    writeFileSync(join(buildDir, 'assets', 'app-1a2b.js'), 'console.log(1)')
    t = await createTestApp({ PORTAL_FRAME_ANCESTORS: 'https://crm.example.com' }, { clientBuildDir: buildDir })
  })
  afterAll(async () => {
    await t.close()
    rmSync(buildDir, { recursive: true, force: true })
  })

  it('when Bitrix24 opens the partner app with a POST, then the partner shell is served and may be framed by portals only', async () => {
    const response = await request(t.app)
      .post('/partner/')
      .type('form')
      .send({ AUTH_ID: 'secret-token', member_id: 'abc' })
    expect(response.status).toBe(200)
    expect(response.text).toContain('partner page')
    const csp = response.headers['content-security-policy'] ?? ''
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/\*\.bitrix24\.com .*https:\/\/crm\.example\.com/)
    expect(csp).not.toContain("frame-ancestors 'none'")
    expect(response.headers['x-frame-options']).toBeUndefined()
    expect(t.logLines.join('\n')).not.toContain('secret-token')
  })

  it('when a deep partner route is opened, then the shell is served for the client router', async () => {
    const response = await request(t.app).get('/partner/requests/42')
    expect(response.status).toBe(200)
    expect(response.text).toContain('partner page')
  })

  it('when the manager console is requested, then nothing may frame it', async () => {
    const response = await request(t.app).get('/manager/')
    expect(response.text).toContain('manager page')
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response.headers['x-frame-options']).toBe('DENY')
  })

  it('when the request form is requested, then any site may embed it', async () => {
    const response = await request(t.app).get('/request-form/')
    expect(response.text).toContain('request-form page')
    expect(response.headers['content-security-policy']).toContain('frame-ancestors *')
  })

  it('redirects the root to the request form and serves hashed assets with a long cache', async () => {
    const root = await request(t.app).get('/')
    expect(root.status).toBe(302)
    expect(root.headers.location).toBe('/request-form/')
    const asset = await request(t.app).get('/assets/app-1a2b.js')
    expect(asset.status).toBe(200)
    expect(asset.headers['cache-control']).toContain('immutable')
  })

  it('does not accept a POST on pages other than the partner app', async () => {
    const response = await request(t.app).post('/manager/').send({})
    expect(response.status).toBe(404)
  })
})
