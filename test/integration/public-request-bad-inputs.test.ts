import { count, eq, sql } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { queryRows } from '../../app-server/db/client'
import { requests, restrictedCountries } from '../../app-server/db/schema'
import { clientAddress, requestBody } from '../support/factories'
import '../support/provided-context'
import { createTestApp, type TestApp } from '../support/test-app'

type Payload = { json: unknown } | { raw: string; contentType: string }

interface BadInput {
  name: string
  payload: Payload
  status: number
  code: string
  /** Validation errors only: the field paths the problem must name, one entry each. */
  paths?: string[]
  /** Text the field error's message must contain. */
  mentions?: string
}

// Nothing else uses this country, so restricting it cannot disturb other test files sharing the database.
const RESTRICTED = 'BV'
const INJECTION = "' OR 1=1 --"
const SCRIPT = '<script>alert(1)</script>'

type Body = Record<string, unknown>

function withField(path: string, value: unknown): Body {
  const body = structuredClone(requestBody()) as Body
  const keys = path.split('.')
  const last = keys.pop()!
  const parent = keys.reduce<Body>((node, key) => node[key] as Body, body)
  parent[last] = value
  return body
}

function without(path: string): Body {
  const body = withField(path, undefined)
  return JSON.parse(JSON.stringify(body)) as Body
}

const json = (body: unknown): Payload => ({ json: body })
const rawJson = (text: string): Payload => ({ raw: text, contentType: 'application/json' })
/** A valid body as JSON text with `insert` spliced in right after `anchor` (keys JSON.stringify would drop). */
const splice = (anchor: string, insert: string) =>
  rawJson(JSON.stringify(requestBody()).replace(anchor, anchor + insert))

const invalid = (name: string, body: Body | Payload, paths: string[], mentions?: string): BadInput => ({
  name,
  payload: 'json' in body || 'raw' in body ? (body as Payload) : json(body),
  status: 400,
  code: 'validation_failed',
  paths,
  ...(mentions ? { mentions } : {}),
})
const refused = (name: string, payload: Payload, status: number, code: string): BadInput => ({
  name,
  payload,
  status,
  code,
})

const REQUIRED_FIELDS = [
  'contact',
  'contact.name',
  'contact.email',
  'contact.phone',
  'country',
  'city',
  'types',
  'description',
  'usersCount',
  'preferredLanguage',
  'consentToShareContacts',
]

const CASES: BadInput[] = [
  ...REQUIRED_FIELDS.map((path) => invalid(`${path} is missing`, without(path), [path])),
  // Wrong types and nulls.
  invalid('contact.name is a number', withField('contact.name', 42), ['contact.name']),
  invalid('city is a number', withField('city', 10115), ['city']),
  invalid('usersCount is a numeric string', withField('usersCount', '40'), ['usersCount']),
  invalid('types is an object', withField('types', { 0: 'training' }), ['types']),
  invalid('types is a single string', withField('types', 'training'), ['types']),
  invalid('contact is null', withField('contact', null), ['contact']),
  invalid('country is null', withField('country', null), ['country']),
  invalid('description is null', withField('description', null), ['description']),
  invalid('contact.company is null', withField('contact.company', null), ['contact.company']),
  invalid('contact.email is a boolean', withField('contact.email', true), ['contact.email']),
  invalid('consent is false', withField('consentToShareContacts', false), ['consentToShareContacts']),
  invalid('consent is the string "true"', withField('consentToShareContacts', 'true'), ['consentToShareContacts']),
  invalid('two fields are invalid at once', { ...withField('city', ''), country: 'XX' }, ['city', 'country']),
  // Types.
  invalid('types is empty', withField('types', []), ['types']),
  invalid('a type is repeated', withField('types', ['training', 'training']), ['types']),
  invalid('a type is unknown', withField('types', ['training', 'crm']), ['types.1']),
  invalid('types has 10,000 elements', withField('types', Array<string>(10_000).fill('other')), ['types']),
  // Sizes.
  invalid('the name has 201 characters', withField('contact.name', 'A'.repeat(201)), ['contact.name']),
  invalid('the description has 5,001 characters', withField('description', 'x'.repeat(5_001)), ['description']),
  invalid('the description has 9 characters', withField('description', 'Need CRM.'), ['description']),
  invalid('the city has 121 characters', withField('city', 'B'.repeat(121)), ['city']),
  invalid(
    'the city carries a phone number and an e-mail address',
    withField('city', 'Berlin +49 30 55512345 someone@example.com'),
    ['city'],
    'place name',
  ),
  invalid('the city is a link', withField('city', 'www.firma-huber.at'), ['city'], 'place name'),
  invalid('the city holds a postcode', withField('city', '10115 Berlin'), ['city'], 'place name'),
  invalid('the e-mail has 300 characters', withField('contact.email', `${'a'.repeat(288)}@example.com`), [
    'contact.email',
  ]),
  invalid('the name is only spaces', withField('contact.name', '   '), ['contact.name']),
  refused(
    'the body is over the 100kb limit',
    json(withField('description', 'x'.repeat(120_000))),
    413,
    'payload_too_large',
  ),
  // Characters nobody types.
  invalid('the name contains a NUL byte', withField('contact.name', 'Anna\u0000Schmidt'), ['contact.name']),
  invalid('the name contains a bell character', withField('contact.name', 'Anna\u0007Schmidt'), ['contact.name']),
  invalid('the name contains an escape character', withField('contact.name', 'Anna\u001b[31m'), ['contact.name']),
  invalid('the name contains DEL', withField('contact.name', 'Anna\u007fSchmidt'), ['contact.name']),
  invalid('the company contains a form feed', withField('contact.company', 'Schmidt\u000cGmbH'), ['contact.company']),
  invalid('the description has a lone high surrogate', splice('"description":"', String.raw`\ud800 `), ['description']),
  invalid('the description has a lone low surrogate', splice('"description":"', String.raw`\udc00 `), ['description']),
  invalid('the name contains a newline', withField('contact.name', 'Anna\nSchmidt'), ['contact.name']),
  invalid('the city contains a carriage return', withField('city', 'Ber\rlin'), ['city']),
  invalid('the name contains a tab', withField('contact.name', 'Anna\tSchmidt'), ['contact.name']),
  // Countries.
  invalid('the country is XX', withField('country', 'XX'), ['country']),
  invalid('the country is a name', withField('country', 'germany'), ['country']),
  invalid('the country is one letter', withField('country', 'D'), ['country']),
  invalid('the country is a number', withField('country', 49), ['country']),
  invalid('the country is an SQL injection', withField('country', INJECTION), ['country']),
  invalid('the country is a script tag', withField('country', SCRIPT), ['country']),
  refused(
    'the country is restricted (rules 2.4)',
    json({ ...requestBody(), country: RESTRICTED, contact: { ...requestBody().contact, phone: '+49 30 12345678' } }),
    422,
    'country_restricted',
  ),
  // Phones: checked against the request's country.
  invalid('the phone is too short for DE', withField('contact.phone', '12'), ['contact.phone']),
  invalid('the phone 12345 is too short for a German line', withField('contact.phone', '12345'), ['contact.phone']),
  invalid('the phone 12345 is too short for a US line', { ...withField('contact.phone', '12345'), country: 'US' }, [
    'contact.phone',
  ]),
  invalid('the phone is a toll-free number', withField('contact.phone', '0800 1234567'), ['contact.phone']),
  invalid('the phone is words', withField('contact.phone', 'call me maybe'), ['contact.phone']),
  invalid('a Berlin local number is sent for US', { ...withField('contact.phone', '030 12345678'), country: 'US' }, [
    'contact.phone',
  ]),
  invalid('the phone is an SQL injection', withField('contact.phone', INJECTION), ['contact.phone']),
  invalid('the phone is a script tag', withField('contact.phone', SCRIPT), ['contact.phone']),
  // E-mails.
  invalid('the e-mail has no @', withField('contact.email', 'anna.example.com'), ['contact.email']),
  invalid('the e-mail has no domain', withField('contact.email', 'anna@'), ['contact.email']),
  invalid('the e-mail has no local part', withField('contact.email', '@example.com'), ['contact.email']),
  invalid('the e-mail has no top-level domain', withField('contact.email', 'anna@example'), ['contact.email']),
  invalid('the e-mail has a space', withField('contact.email', 'anna schmidt@example.com'), ['contact.email']),
  invalid('the e-mail has two @', withField('contact.email', 'anna@@example.com'), ['contact.email']),
  invalid('the e-mail has a double dot', withField('contact.email', 'anna@example..com'), ['contact.email']),
  // Users count.
  invalid('usersCount is 0', withField('usersCount', 0), ['usersCount']),
  invalid('usersCount is -1', withField('usersCount', -1), ['usersCount']),
  invalid('usersCount is 1.5', withField('usersCount', 1.5), ['usersCount']),
  invalid('usersCount is 1e9', withField('usersCount', 1e9), ['usersCount']),
  // Languages.
  invalid('the language is a word', withField('preferredLanguage', 'english'), ['preferredLanguage']),
  invalid('the language is upper case', withField('preferredLanguage', 'EN'), ['preferredLanguage']),
  invalid('the language is an SQL injection', withField('preferredLanguage', INJECTION), ['preferredLanguage']),
  invalid('the language is a script tag', withField('preferredLanguage', SCRIPT), ['preferredLanguage']),
  // Keys that are not part of the body; prototype keys must not reach any object's prototype.
  invalid('__proto__ is a top-level key', splice('{', '"__proto__":{"polluted":true},'), ['__proto__']),
  invalid('__proto__ is a key of contact', splice('"contact":{', '"__proto__":{"polluted":true},'), [
    'contact.__proto__',
  ]),
  invalid('constructor is a top-level key', splice('{', '"constructor":{"prototype":{"polluted":true}},'), [
    'constructor',
  ]),
  invalid('constructor is a key of contact', splice('"contact":{', '"constructor":{"polluted":true},'), [
    'contact.constructor',
  ]),
  invalid('an unknown key is sent', { ...requestBody(), budget: 5000 }, ['budget']),
  invalid('an unknown key is sent in contact', withField('contact.fax', '+49 30 1234'), ['contact.fax']),
  // Invisible characters that would make a name read differently from what it is.
  invalid('a right-to-left override in the name', withField('contact.name', 'Anna \u202Egnirts'), ['contact.name']),
  invalid('a C1 control character in the city', withField('city', 'Berlin\u0085'), ['city']),
  // Bodies that are not a JSON object.
  refused(
    'the body is JSON sent as text/plain',
    { raw: JSON.stringify(requestBody()), contentType: 'text/plain' },
    415,
    'unsupported_media_type',
  ),
  refused(
    'the body is form-encoded',
    { raw: 'country=DE&city=Berlin', contentType: 'application/x-www-form-urlencoded' },
    415,
    'unsupported_media_type',
  ),
  refused(
    'the JSON is declared as latin1',
    { raw: JSON.stringify(requestBody()), contentType: 'application/json; charset=latin1' },
    415,
    'unsupported_encoding',
  ),
  refused('the JSON is malformed', rawJson('{"contact": {"name": "Anna"'), 400, 'malformed_json'),
  refused(
    'the JSON has a trailing comma',
    rawJson(JSON.stringify(requestBody()).replace(/}$/, ',}')),
    400,
    'malformed_json',
  ),
  invalid(
    'the body is empty',
    rawJson(''),
    REQUIRED_FIELDS.filter((path) => !path.startsWith('contact.')),
  ),
  invalid('the body is a JSON array', rawJson('[]'), ['(root)']),
  refused('the body is JSON null', rawJson('null'), 400, 'malformed_json'),
  refused('the body is a JSON string', rawJson('"Please call me"'), 400, 'malformed_json'),
  refused(
    'the honeypot field is filled',
    json({ ...requestBody(), website: 'https://spam.example' }),
    422,
    'spam_suspected',
  ),
]

describe('POST /api/public/requests refuses bad input and stores nothing', () => {
  let t: TestApp
  let insertedRestriction = false
  const driver = inject('testDatabaseDriver')

  beforeAll(async () => {
    t = await createTestApp({ REQUEST_RATE_LIMIT: '1000' })
    const inserted = await t.database.db
      .insert(restrictedCountries)
      .values({ country: RESTRICTED, reason: 'export control (test)' })
      .onConflictDoNothing()
      .returning()
    insertedRestriction = inserted.length > 0
  })
  afterAll(async () => {
    if (insertedRestriction) {
      await t.database.db.delete(restrictedCountries).where(eq(restrictedCountries.country, RESTRICTED))
    }
    await t.close()
  })

  // On PostgreSQL the database is shared with the other test files running at the same time, so only the rows
  // this app could have written (stamped with its stopped clock) are counted there.
  async function storedCount(): Promise<number> {
    const query = t.database.db.select({ value: count() }).from(requests)
    const [row] = await (driver === 'pglite' ? query : query.where(eq(requests.createdAt, t.clock.now())))
    return row?.value ?? 0
  }

  function post(payload: Payload) {
    const call = request(t.app).post('/api/public/requests').set('X-Forwarded-For', clientAddress())
    if ('json' in payload) return call.set('Content-Type', 'application/json').send(JSON.stringify(payload.json))
    return call.set('Content-Type', payload.contentType).send(payload.raw)
  }

  it('when the body is valid, then it is stored (the baseline every bad input departs from)', async () => {
    const before = await storedCount()
    const response = await post(json(requestBody()))
    expect(response.status).toBe(201)
    expect(await storedCount()).toBe(before + 1)
  })

  it('has at least 45 distinct bad inputs', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length)
    expect(CASES.length).toBeGreaterThanOrEqual(45)
  })

  it.each(CASES)('when $name, then $status $code and nothing is stored (rules 5.2)', async (c) => {
    const before = await storedCount()
    const response = await post(c.payload)

    expect(response.status).toBe(c.status)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.body).toMatchObject({ status: c.status, code: c.code })
    if (c.paths) {
      const errors = response.body.errors as { path: string; message: string }[]
      expect(errors.map((error) => error.path).sort()).toEqual([...c.paths].sort())
      if (c.mentions) expect(errors[0]!.message).toContain(c.mentions)
    } else {
      expect(response.body.errors).toBeUndefined()
    }
    expect(await storedCount()).toBe(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('when the name and description carry SQL and HTML, then they are stored verbatim and the table survives (rules 5.2)', async () => {
    const name = "Robert'); DROP TABLE requests;--"
    const description = `${SCRIPT} We need a CRM for 12 people; '; DELETE FROM requests; --`
    const response = await post(json(requestBody({ contact: { ...requestBody().contact, name }, description })))

    expect(response.status).toBe(201)
    const [row] = await t.database.db
      .select({ name: requests.contactName, description: requests.description })
      .from(requests)
      .where(eq(requests.id, response.body.id as string))
    expect(row).toEqual({ name, description })
    const [table] = await queryRows<{ name: string | null }>(
      t.database.db,
      sql`select to_regclass('public.requests')::text as name`,
    )
    expect(table?.name).toBe('requests')
  })
})
