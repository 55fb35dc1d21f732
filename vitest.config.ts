import { defineConfig, type TestProjectConfiguration } from 'vitest/config'

// Every route that answers a problem code its contract does not declare fails the test it happened in.
const DECLARED_PROBLEMS = 'test/setup/declared-problems.setup.ts'

const integration = (name: string, driver: 'pglite' | 'postgres'): TestProjectConfiguration => ({
  test: {
    name,
    environment: 'node',
    include: ['test/integration/**/*.test.ts'],
    globalSetup: ['test/setup/database.global-setup.ts'],
    setupFiles: [DECLARED_PROBLEMS],
    provide: { testDatabaseDriver: driver },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

const projects: TestProjectConfiguration[] = [
  { test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'] } },
  integration('integration', 'pglite'),
  {
    test: {
      name: 'emulator',
      environment: 'node',
      include: ['test/emulator-tests/**/*.test.ts'],
      setupFiles: [DECLARED_PROBLEMS],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  },
  {
    // The client build's own plugins and aliases (Vue, the Bitrix24 UI kit, @shared).
    extends: './vite.config.ts',
    test: {
      name: 'client',
      environment: 'happy-dom',
      include: ['test/client/**/*.test.ts'],
      setupFiles: ['test/client/setup.ts'],
    },
  },
]
// The same integration suite runs again on a real PostgreSQL server when one is given (CI does).
if (process.env.TEST_DATABASE_URL) projects.push(integration('integration-postgres', 'postgres'))

export default defineConfig({ test: { projects } })
