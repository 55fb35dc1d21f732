import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docExample, expectDocumentedShape } from './support/doc-examples'
import { callRest, installApp, startHarness, type Harness } from './support/harness'

let harness: Harness
let token: string
const call = (method: string, params: object) => callRest(harness.portal.clientEndpoint(), method, params, token)

beforeAll(async () => {
  harness = await startHarness()
  token = (await installApp(harness.portal)).accessToken
})
afterAll(() => harness.close())

describe('crm.status.list (D:api-reference/crm/status/crm-status-list)', () => {
  it('the documented DEAL_STAGE request returns the documented rows, in SORT order', async () => {
    const example = docExample('crm-status-list')
    const { status, body } = await call('crm.status.list', example.request)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    const strip = (rows: unknown) => (rows as Record<string, unknown>[]).map(({ ID: _id, ...row }) => row)
    expect(strip(body.result)).toEqual(strip(example.response.result))
    expect(body.total).toBe(8)
  })

  it('lead statuses: NEW/IN_PROCESS/PROCESSED in progress, CONVERTED = S, JUNK = F', async () => {
    const { body } = await call('crm.status.list', { filter: { ENTITY_ID: 'STATUS' } })
    const semantics = Object.fromEntries(
      (body.result as { STATUS_ID: string; SEMANTICS: string | null }[]).map((row) => [row.STATUS_ID, row.SEMANTICS]),
    )
    expect(semantics).toEqual({ NEW: null, IN_PROCESS: null, PROCESSED: null, CONVERTED: 'S', JUNK: 'F' })
  })
})

describe('crm.status.add (D:api-reference/crm/status/crm-status-add)', () => {
  it('the documented request adds C1:DECISION to pipeline 1; the new row is listed', async () => {
    const example = docExample('crm-status-add')
    const pipelines = await startHarness({ portal: { dealCategories: [1] } })
    const pipelineToken = (await installApp(pipelines.portal)).accessToken
    const endpoint = pipelines.portal.clientEndpoint()
    const { status, body } = await callRest(endpoint, 'crm.status.add', example.request, pipelineToken)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    const listed = await callRest(
      endpoint,
      'crm.status.list',
      { filter: { ENTITY_ID: 'DEAL_STAGE_1', STATUS_ID: 'C1:DECISION' } },
      pipelineToken,
    )
    expect(listed.body.result).toEqual([
      expect.objectContaining({
        ID: String(body.result),
        CATEGORY_ID: '1',
        NAME: 'Decision making',
        SORT: '70',
        SEMANTICS: null,
      }),
    ])
    await pipelines.close()
  })

  it('a custom SOURCE for the app; documented errors for missing fields, duplicates and sort after WON', async () => {
    const example = docExample('crm-status-add')
    const added = await call('crm.status.add', {
      fields: { ENTITY_ID: 'SOURCE', STATUS_ID: 'IMPL_REQUEST', NAME: 'Implementation request' },
    })
    expect(typeof added.body.result).toBe('number')
    expect(await call('crm.status.add', { fields: { ENTITY_ID: 'SOURCE', NAME: 'x' } })).toEqual({
      status: 400,
      body: example.error,
    })
    expect(
      (await call('crm.status.add', { fields: { ENTITY_ID: 'SOURCE', STATUS_ID: 'IMPL_REQUEST', NAME: 'x' } })).body,
    ).toEqual({
      error: 'ERROR_CORE',
      error_description: 'The specified status ID already exists.',
    })
    expect(
      (await call('crm.status.add', { fields: { ENTITY_ID: 'NOPE', STATUS_ID: 'X', NAME: 'x' } })).body
        .error_description,
    ).toBe('Specified entity type is not supported.')
    const late = await call('crm.status.add', {
      fields: { ENTITY_ID: 'DEAL_STAGE', STATUS_ID: 'LATE', NAME: 'Late', SORT: 65 },
    })
    expect(late.body.error_description).toMatch(/^Cannot create more stages after the final stage/)
  })
})

describe('crm.settings.mode.get (D:api-reference/crm/crm-settings-mode-get)', () => {
  it('returns 1 for classic and 2 for simple mode', async () => {
    const example = docExample('crm-settings-mode-get')
    const classic = await call('crm.settings.mode.get', example.request)
    expectDocumentedShape(classic.body, example.response)
    expect(classic.body.result).toBe(1)
    harness.portal.setCrmMode(2)
    expect((await call('crm.settings.mode.get', {})).body.result).toBe(2)
    harness.portal.setCrmMode(1)
  })
})

describe('simple CRM mode (D:tutorials/crm/how-to-add-crm-objects/how-to-add-objects-with-crm-mode)', () => {
  it('crm.lead.add with a first name converts at once: a deal with LEAD_ID, the lead CONVERTED / S', async () => {
    const simple = await startHarness({ portal: { crmMode: 2 } })
    const simpleToken = (await installApp(simple.portal)).accessToken
    const endpoint = simple.portal.clientEndpoint()
    const leadId = (
      await callRest(
        endpoint,
        'crm.lead.add',
        { fields: { TITLE: 'Web request', NAME: 'Gleb', OPPORTUNITY: 500 } },
        simpleToken,
      )
    ).body.result
    const lead = (await callRest(endpoint, 'crm.lead.get', { id: leadId }, simpleToken)).body.result
    expect(lead).toMatchObject({ STATUS_ID: 'CONVERTED', STATUS_SEMANTIC_ID: 'S' })
    const deals = (
      await callRest(
        endpoint,
        'crm.deal.list',
        { filter: { LEAD_ID: leadId }, select: ['ID', 'TITLE', 'STAGE_ID', 'OPPORTUNITY'] },
        simpleToken,
      )
    ).body
    expect(deals.result).toEqual([
      { ID: expect.any(String), TITLE: 'Web request', STAGE_ID: 'NEW', OPPORTUNITY: '500.00' },
    ])
    // Without a first name the lead stays a lead ("converts a lead into a deal when the first name is filled in").
    const nameless = (await callRest(endpoint, 'crm.lead.add', { fields: { TITLE: 'No name' } }, simpleToken)).body
      .result
    expect((await callRest(endpoint, 'crm.lead.get', { id: nameless }, simpleToken)).body.result).toMatchObject({
      STATUS_ID: 'NEW',
    })
    await simple.close()
  })
})

describe('crm.lead.userfield.add / list (D:api-reference/crm/leads/userfield/*)', () => {
  it('add: the documented request returns the new field id; FIELD_NAME gets the UF_CRM_ prefix', async () => {
    const example = docExample('crm-lead-userfield-add')
    const { status, body } = await call('crm.lead.userfield.add', example.request)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    await call('crm.lead.userfield.add', {
      fields: { FIELD_NAME: 'uf_impl_request_id', USER_TYPE_ID: 'string', LABEL: 'Request id' },
    })
    const names = ((await call('crm.lead.userfield.list', {})).body.result as { FIELD_NAME: string }[]).map(
      (row) => row.FIELD_NAME,
    )
    expect(names).toEqual(['UF_CRM_IMPL_REQUEST_ID', 'UF_CRM_HELLO_WORLD'])
  })

  it('add: documented errors for a missing FIELD_NAME or USER_TYPE_ID, bad characters and length', async () => {
    const example = docExample('crm-lead-userfield-add')
    expect(await call('crm.lead.userfield.add', { fields: { FIELD_NAME: 'X' } })).toEqual({
      status: 400,
      body: example.error,
    })
    expect((await call('crm.lead.userfield.add', { fields: { USER_TYPE_ID: 'string' } })).body.error_description).toBe(
      "The 'FIELD_NAME' field is not found.",
    )
    expect(
      (await call('crm.lead.userfield.add', { fields: { FIELD_NAME: 'BAD-NAME', USER_TYPE_ID: 'string' } })).body.error,
    ).toBe('ERROR_CORE')
    expect(
      (await call('crm.lead.userfield.add', { fields: { FIELD_NAME: 'X'.repeat(44), USER_TYPE_ID: 'string' } })).body,
    ).toEqual({
      error: 'ERROR_CORE',
      error_description: 'Field name is too long (more than 50 characters).',
    })
    expect(
      (await call('crm.lead.userfield.add', { fields: { FIELD_NAME: 'Y', USER_TYPE_ID: 'rainbow' } })).body.error,
    ).toBe('ERROR_CORE')
  })

  it('list: the documented request (MULTIPLE, MANDATORY, LANG) returns rows shaped like the documented one', async () => {
    const example = docExample('crm-lead-userfield-list')
    const { status, body } = await call('crm.lead.userfield.list', example.request)
    expect(status).toBe(200)
    // SETTINGS depend on the field type, so the envelope is compared without them and the row against its twin.
    expectDocumentedShape(body, example.response, { ignore: ['SETTINGS'] })
    const rows = body.result as Record<string, unknown>[]
    expect(rows.map((row) => row.FIELD_NAME)).toEqual(['UF_CRM_HELLO_WORLD'])
    expectDocumentedShape(rows[0], (example.response.result as unknown[])[1], { exact: true })
    expect(rows[0]).toMatchObject({
      EDIT_FORM_LABEL: 'Hallo, Welt! Bearbeiten',
      LIST_FILTER_LABEL: 'Hello, world! Filter',
      SORT: '1000',
    })
  })

  it('a declared UF value is stored and printed; an undeclared UF_* is ignored', async () => {
    const id = (
      await call('crm.lead.add', { fields: { TITLE: 'UF', UF_CRM_IMPL_REQUEST_ID: 42, UF_CRM_UNKNOWN: 'x' } })
    ).body.result
    const lead = (await call('crm.lead.get', { id })).body.result as Record<string, unknown>
    expect(lead.UF_CRM_IMPL_REQUEST_ID).toBe('42')
    expect(lead).not.toHaveProperty('UF_CRM_UNKNOWN')
  })
})
