import { chromium, type Browser, type Page } from 'playwright-core'

/** Flags for Debian's chromium on machines without a display or outbound network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these chromium keeps trying to reach Google services on a closed network.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches the system chromium (`CHROMIUM_PATH` overrides `/usr/bin/chromium`); playwright-core ships no browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/**
 * Records uncaught page errors and console errors (failed requests, CSP violations, Vue errors) from now on.
 * @returns the live list of problems; assert it is empty at the end of a test.
 */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`)
  })
  return problems
}

/** Reads one computed CSS property of the first element matching `selector`. */
export function computedStyle(page: Page, selector: string, property: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate(
      (element, name) => element.ownerDocument.defaultView?.getComputedStyle(element).getPropertyValue(name) ?? '',
      property,
    )
}
