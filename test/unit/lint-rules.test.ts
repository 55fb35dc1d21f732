import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message)
}

describe('project lint rules', () => {
  it('when a request body is passed to the logger, then lint fails', async () => {
    const code =
      "import type { Request } from 'express'\ndeclare const logger: { info(v: unknown): void }\nexport const f = (req: Request) => logger.info({ body: req.body })\n"
    expect(await ruleIdsFor(code, 'app-server/modules/example/example.routes.ts')).toContain('no-restricted-syntax')
  })

  it('when a module reaches into another module past its index, then lint fails', async () => {
    const code = "export { x } from '../requests/requests.service'\n"
    expect(await ruleIdsFor(code, 'app-server/modules/reservations/reservations.service.ts')).toContain(
      'no-restricted-imports',
    )
    const allowed = "export { x } from '../requests/index'\nexport { y } from './reservations.repository'\n"
    expect(await ruleIdsFor(allowed, 'app-server/modules/reservations/reservations.service.ts')).not.toContain(
      'no-restricted-imports',
    )
  })

  it('when a module imports a module above it in the layer order, then lint fails; one below is allowed', async () => {
    for (const upward of ["export { x } from '../rating'\n", "export { x } from '../crm-sync/index'\n"]) {
      expect(await ruleIdsFor(upward, 'app-server/modules/reservations/reservations.service.ts')).toContain(
        'no-restricted-imports',
      )
    }
    expect(
      await ruleIdsFor("export { x } from '../reservations'\n", 'app-server/modules/rating/rating.service.ts'),
    ).not.toContain('no-restricted-imports')
    expect(
      await ruleIdsFor("export { x } from '../managers'\n", 'app-server/modules/audit/audit.routes.ts'),
    ).not.toContain('no-restricted-imports')
    expect(await ruleIdsFor("export { x } from '../audit'\n", 'app-server/modules/managers/index.ts')).toContain(
      'no-restricted-imports',
    )
  })

  it('when the event outbox or the worker imports a module, then lint fails; the composition root may', async () => {
    const code = "export { x } from '../modules/rating'\n"
    expect(await ruleIdsFor(code, 'app-server/events/catalog.ts')).toContain('no-restricted-imports')
    expect(await ruleIdsFor(code, 'app-server/jobs/worker.ts')).toContain('no-restricted-imports')
    expect(await ruleIdsFor(code, 'app-server/jobs/registry.ts')).not.toContain('no-restricted-imports')
  })

  it('when shared code imports a Node module, then lint fails', async () => {
    const code = "export { readFileSync } from 'node:fs'\n"
    expect(await ruleIdsFor(code, 'shared/domain/example.ts')).toContain('no-restricted-imports')
  })

  it('when code uses any, then lint fails', async () => {
    expect(await ruleIdsFor('export const x: any = 1\n', 'app-server/example.ts')).toContain(
      '@typescript-eslint/no-explicit-any',
    )
  })
})
