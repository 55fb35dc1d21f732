import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageProblems, computedStyle, launchBrowser } from './support/browser'
import { REPO_ROOT, startServer, type RunningServer } from './support/server'

const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots')

/** Each built page, the heading it must show, and one more piece of text proving its own logic ran. */
const ENTRIES = [
  {
    name: 'partner',
    heading: 'Bitrix24 Implementation Requests',
    text: 'Not opened inside a Bitrix24 portal',
    title: /Bitrix24 Implementation Requests/,
  },
  {
    name: 'request-form',
    heading: 'Get Bitrix24 implemented by a certified partner',
    text: 'What you can ask for',
    title: /Bitrix24 Implementation Request/,
  },
  // The console opens on its sign-in page until a manager signs in.
  { name: 'manager', heading: 'Sign in to the console', text: 'For Bitrix24 partner managers.', title: /Sign in/ },
] as const

/** Computed values that mean "no stylesheet applied". */
const UNSTYLED_BACKGROUND = 'rgba(0, 0, 0, 0)'
const UNSTYLED_FONT = /^"?Times New Roman"?|^serif$/

describe('smoke: the three built pages on the real server', () => {
  let server: RunningServer
  let browser: Browser

  beforeAll(async () => {
    for (const { name } of ENTRIES) {
      if (!existsSync(join(REPO_ROOT, 'dist', 'client', name, 'index.html'))) {
        throw new Error(`dist/client/${name}/index.html is missing: build the client first (npx vite build)`)
      }
    }
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    server = await startServer()
    browser = await launchBrowser()
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it.each(ENTRIES)(
    'When the $name page is opened, then its real, styled content renders without errors',
    async (entry) => {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      const problems = collectPageProblems(page)
      try {
        const response = await page.goto(`${server.baseUrl}/${entry.name}/`, { waitUntil: 'networkidle' })
        expect(response?.status()).toBe(200)

        const heading = page.getByRole('heading', { level: 1, name: entry.heading })
        await heading.waitFor({ state: 'visible', timeout: 10_000 })
        await page.getByText(entry.text, { exact: false }).first().waitFor({ state: 'visible', timeout: 10_000 })
        expect(await page.title()).toMatch(entry.title)
        expect(await page.locator('html').getAttribute('lang')).toBe('en')
        expect(await computedStyle(page, 'body', 'background-color')).not.toBe(UNSTYLED_BACKGROUND)
        expect(await computedStyle(page, 'body', 'font-family')).not.toMatch(UNSTYLED_FONT)

        await page.screenshot({ path: join(SCREENSHOT_DIR, `${entry.name}.png`), fullPage: true })
        // The console asks for the current session to choose between sign-in and the screens; signed out, the
        // answer is a 401, which the browser reports as a failed resource. Any other problem fails the test.
        const expected = (problem: string) =>
          entry.name === 'manager' && /status of 401 .*\/api\/manager\/me\)$/.test(problem)
        expect(problems.filter((problem) => !expected(problem))).toEqual([])
      } finally {
        await context.close()
      }
    },
  )
})
