/** Values the integration projects' global setup hands to every test file. */
declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseDriver: 'pglite' | 'postgres'
    /** PGlite: a migrated data directory dump each test file starts from. */
    pgliteTemplatePath: string
    /** PostgreSQL: the fresh, migrated database of this run. */
    postgresUrl: string
  }
}

export {}
