import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app'

/** The request form is made to be embedded; the client's status page (withdraw, erase) must never be. */
describe('which public pages other sites may frame', () => {
  let t: TestApp
  let buildDir: string
  beforeAll(async () => {
    buildDir = mkdtempSync(join(tmpdir(), 'client-build-'))
    mkdirSync(join(buildDir, 'request-form'))
    writeFileSync(join(buildDir, 'request-form', 'index.html'), '<!doctype html><title>request-form page</title>')
    t = await createTestApp({ FORM_FRAME_ANCESTORS: '*' }, { clientBuildDir: buildDir })
  })
  afterAll(async () => {
    await t.close()
    rmSync(buildDir, { recursive: true, force: true })
  })

  it.each(['/request-form/request', '/request-form/request?embed=1&country=DE&lang=de', '/request-form/'])(
    'when %s is requested, then any site may frame it',
    async (path) => {
      const response = await request(t.app).get(path)
      expect(response.status).toBe(200)
      expect(response.headers['content-security-policy']).toContain('frame-ancestors *')
      expect(response.headers['x-frame-options']).toBeUndefined()
    },
  )

  it.each([
    '/request-form/status',
    '/request-form/status?lang=de',
    '/request-form/status/',
    '/request-form/sent',
    '/request-form/anything/else',
    '/request-form/request/../status',
    '/request-form/%72equest/../status',
  ])('when %s is requested, then nothing may frame it', async (path) => {
    const response = await request(t.app).get(path)
    expect(response.text).toContain('request-form page')
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response.headers['content-security-policy']).not.toContain('frame-ancestors *')
    expect(response.headers['x-frame-options']).toBe('DENY')
  })
})
