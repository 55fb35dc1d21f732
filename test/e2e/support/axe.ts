import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import type { Frame, Page } from 'playwright-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/**
 * Runs axe-core in a page or frame and returns the serious and critical violations. The browser context must be
 * created with `bypassCSP: true`, since the pages' CSP forbids injected scripts.
 */
export async function seriousViolations(target: Page | Frame): Promise<AxeViolation[]> {
  await target.addScriptTag({ content: axeSource })
  // Page code as a string: the tests' TypeScript has no DOM types.
  const violations = (await target.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    })))`)) as AxeViolation[]
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
}
