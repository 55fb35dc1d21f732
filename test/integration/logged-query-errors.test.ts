import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../app-server/db/client'
import { requests } from '../../app-server/db/schema'
import { captureLogger } from '../support/captured-logger'
import { openTestDatabase } from '../support/test-database'

/** Values that must never reach a log line, whatever the column: not only e-mails and phone numbers. */
const CONTACT = {
  contactName: 'Jolanda Quarterman-Vries',
  contactCompany: 'Quarterman Haustechnik',
  city: 'Oberammergau-Nord',
  description: 'Our warehouse team in Oberammergau needs the CRM set up before the spring season.',
  contactEmail: 'jolanda.quarterman@haustechnik.example',
  contactPhone: '+49 8822 9471 3306',
}

describe('a failed query in the log', () => {
  let database: Database
  beforeAll(async () => {
    database = await openTestDatabase()
  })
  afterAll(async () => {
    await database.close()
  })

  it('when an insert of a request fails, then the logged error names the statement but none of its values', async () => {
    const now = new Date()
    const failure = await database.db
      .insert(requests)
      .values({
        ...CONTACT,
        // Three letters do not fit char(2): PostgreSQL refuses the row and Drizzle reports the query and its values.
        country: 'DEU',
        types: ['training'],
        usersCount: 12,
        preferredLanguage: 'de',
        consentedAt: now,
        statusTokenHash: `hash-${now.getTime()}`,
        createdAt: now,
        updatedAt: now,
        expiresAt: now,
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      )
    expect(failure).toBeInstanceOf(Error)
    // The driver's message does carry the values; the log must not.
    expect(String((failure as Error).message)).toContain(CONTACT.contactName)

    const { logger, lines } = captureLogger()
    logger.error({ err: failure }, 'unexpected error')
    const logged = lines.join('\n')
    expect(logged).toContain('insert into \\"requests\\"')
    for (const value of Object.values(CONTACT)) expect(logged).not.toContain(value)
  })
})
