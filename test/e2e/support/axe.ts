import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Frame, Page } from 'playwright-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

// Page code as a string: the tests' TypeScript has no DOM types.
const RUN_AXE = `axe.run(document, { resultTypes: ['violations'] }).then((result) =>
  result.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  })))`

const isSerious = (violation: AxeViolation) => violation.impact === 'serious' || violation.impact === 'critical'

/**
 * Runs axe-core in a page or frame and returns the serious and critical violations. The browser context must be
 * created with `bypassCSP: true`, since the pages' CSP forbids injected scripts.
 */
export async function seriousViolations(target: Page | Frame): Promise<AxeViolation[]> {
  await target.addScriptTag({ content: axeSource })
  return ((await target.evaluate(RUN_AXE)) as AxeViolation[]).filter(isSerious)
}

/**
 * The same for a top-level page, one line per violation. The script is evaluated through the DevTools protocol, so
 * the page's CSP stays in force.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource)
  return ((await page.evaluate(RUN_AXE)) as AxeViolation[])
    .filter(isSerious)
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.targets.join(', ')})`)
}
