import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docExample, expectDocumentedShape } from './support/doc-examples'
import { callRest, installApp, startHarness, type Harness } from './support/harness'

let harness: Harness
let endpoint: string
let token: string
const call = (method: string, params: object) => callRest(endpoint, method, params, token)

beforeAll(async () => {
  harness = await startHarness()
  token = (await installApp(harness.portal)).accessToken
  endpoint = harness.portal.clientEndpoint()
})
afterAll(() => harness.close())

describe('crm.lead.add / get / update (D:api-reference/crm/leads/*)', () => {
  it('crm.lead.add: the documented request gets `result` = new id as a number (crm-lead-add)', async () => {
    const example = docExample('crm-lead-add')
    const { status, body } = await call('crm.lead.add', example.request)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    const lead = (await call('crm.lead.get', { id: body.result })).body.result as Record<string, unknown>
    expect(lead).toMatchObject({
      TITLE: 'IP Titov',
      STATUS_ID: 'NEW',
      STATUS_SEMANTIC_ID: 'P',
      OPPORTUNITY: '12500.00',
      CURRENCY_ID: 'USD',
    })
    expect(lead.PHONE).toEqual([{ ID: expect.any(String), VALUE_TYPE: 'WORK', VALUE: '555888', TYPE_ID: 'PHONE' }])
    expect(lead.WEB).toEqual([{ ID: expect.any(String), VALUE_TYPE: 'WORK', VALUE: 'www.mysite.com', TYPE_ID: 'WEB' }])
  })

  it('crm.lead.get: the documented row, every key and v2 type (crm-lead-get)', async () => {
    const example = docExample('crm-lead-get')
    harness.portal.state.nextId.lead = 123
    await call('crm.lead.add', {
      fields: {
        TITLE: 'Lead #1591',
        STATUS_ID: 'IN_PROCESS',
        PHONE: [{ VALUE: '+15454777777', VALUE_TYPE: 'OTHER' }],
        IM: [{ VALUE: 'imol|livechat|1|67|21', VALUE_TYPE: 'OPENLINE' }],
      },
    })
    const { status, body } = await call('crm.lead.get', example.request)
    expect(status).toBe(200)
    expectDocumentedShape(body.result, example.response.result, { exact: true })
    expect(body.result).toMatchObject({
      ID: '123',
      STATUS_ID: 'IN_PROCESS',
      STATUS_SEMANTIC_ID: 'P',
      ASSIGNED_BY_ID: '1',
      DATE_CLOSED: '',
    })
    expect((body.result as Record<string, unknown>).DATE_CREATE).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/,
    )
  })

  it('crm.lead.get of a missing lead: 400 with an EMPTY error code and "Not found" (crm-lead-get)', async () => {
    const example = docExample('crm-lead-get')
    expect(await call('crm.lead.get', { id: 999_999 })).toEqual({ status: 400, body: example.error })
    expect((await call('crm.lead.get', { id: 'abc' })).body).toEqual({
      error: '',
      error_description: 'ID is not defined or invalid.',
    })
  })

  it('crm.lead.update: the documented request returns true and changes only the given fields (crm-lead-update)', async () => {
    const example = docExample('crm-lead-update')
    harness.portal.state.nextId.lead = 1608
    await call('crm.lead.add', { fields: { TITLE: 'Before', COMMENTS: 'kept', PHONE: [{ VALUE: '111' }] } })
    const { status, body } = await call('crm.lead.update', example.request)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    const lead = (await call('crm.lead.get', { id: 1608 })).body.result as Record<string, unknown>
    expect(lead).toMatchObject({ TITLE: 'IP Titov', SECOND_NAME: 'Yegorovich', COMMENTS: 'kept' })
    // A row without ID adds a value (D:api-reference/crm/data-types#crm_multifield).
    expect((lead.PHONE as { VALUE: string }[]).map((row) => row.VALUE)).toEqual(['111', '555888'])
    expect(await call('crm.lead.update', { id: 0, fields: {} })).toEqual({ status: 400, body: example.error })
  })

  it('crm.lead.update ignores unknown fields and changes or removes multi-field rows by ID', async () => {
    const id = (
      await call('crm.lead.add', {
        fields: { TITLE: 'Multi', EMAIL: [{ VALUE: 'a@example.test' }, { VALUE: 'b@example.test' }] },
      })
    ).body.result
    const rows = ((await call('crm.lead.get', { id })).body.result as { EMAIL: { ID: string }[] }).EMAIL
    await call('crm.lead.update', {
      id,
      fields: {
        NOT_A_FIELD: 1,
        EMAIL: [
          { ID: rows[0]?.ID, VALUE: 'c@example.test' },
          { ID: rows[1]?.ID, VALUE: '' },
        ],
      },
    })
    const lead = (await call('crm.lead.get', { id })).body.result as Record<string, unknown>
    expect(lead.NOT_A_FIELD).toBeUndefined()
    expect((lead.EMAIL as { VALUE: string }[]).map((row) => row.VALUE)).toEqual(['c@example.test'])
  })

  it('STATUS_SEMANTIC_ID follows the status: JUNK is F, CONVERTED is S, with DATE_CLOSED set', async () => {
    const id = (await call('crm.lead.add', { fields: { TITLE: 'Semantic' } })).body.result
    await call('crm.lead.update', { id, fields: { STATUS_ID: 'JUNK' } })
    expect((await call('crm.lead.get', { id })).body.result).toMatchObject({
      STATUS_SEMANTIC_ID: 'F',
      DATE_CLOSED: expect.stringMatching(/T/),
    })
    await call('crm.lead.update', { id, fields: { STATUS_ID: 'CONVERTED' } })
    expect((await call('crm.lead.get', { id })).body.result).toMatchObject({
      STATUS_ID: 'CONVERTED',
      STATUS_SEMANTIC_ID: 'S',
    })
  })
})

describe('crm.lead.list (D:api-reference/crm/leads/crm-lead-list)', () => {
  let listPortal: Harness
  const listCall = (params: object, auth: string) =>
    callRest(listPortal.portal.clientEndpoint(), 'crm.lead.list', params, auth)
  let listToken: string

  beforeAll(async () => {
    listPortal = await startHarness()
    listToken = (await installApp(listPortal.portal)).accessToken
    const endpointOf = listPortal.portal.clientEndpoint()
    await callRest(
      endpointOf,
      'crm.lead.userfield.add',
      { fields: { FIELD_NAME: '1704817278', USER_TYPE_ID: 'string' } },
      listToken,
    )
    await callRest(
      endpointOf,
      'crm.lead.userfield.add',
      { fields: { FIELD_NAME: '1706782596092', USER_TYPE_ID: 'string' } },
      listToken,
    )
    await callRest(
      endpointOf,
      'crm.lead.userfield.add',
      { fields: { FIELD_NAME: '1708952993785', USER_TYPE_ID: 'boolean' } },
      listToken,
    )
    for (let index = 1; index <= 120; index += 1) {
      const fields = {
        TITLE: `Lead ${index}`,
        OPPORTUNITY: index <= 110 ? 15000 : 100,
        EMAIL: [{ VALUE: `c${index}@example.test` }],
        UF_CRM_1708952993785: index % 2 === 0 ? 'Y' : 'N',
      }
      listPortal.portal.addLead({ ...fields, ORIGINATOR_ID: 'impl-request', ORIGIN_ID: `req-${index}` })
    }
  })
  afterAll(() => listPortal.close())

  it('the documented request: select * + UF_*, a 50-row page from `start`, `next` and `total`', async () => {
    const example = docExample('crm-lead-list')
    const { status, body } = await listCall(example.request, listToken)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    const rows = body.result as Record<string, unknown>[]
    expect(rows).toHaveLength(50)
    for (const row of rows) expectDocumentedShape(row, (example.response.result as unknown[])[0], { exact: true })
    expect(body).toMatchObject({ total: 110, next: 100 })
    expect(rows[0]).toMatchObject({ OPPORTUNITY: '15000.00', UF_CRM_1708952993785: expect.any(Boolean) })
  })

  it('`next` appears only while rows remain; start = -1 drops `total`', async () => {
    const last = await listCall({ filter: { '=OPPORTUNITY': 15000 }, start: 100, select: ['ID'] }, listToken)
    expect(last.body).not.toHaveProperty('next')
    expect((last.body.result as unknown[]).length).toBe(10)
    const fast = await listCall({ order: { ID: 'ASC' }, filter: { '>ID': 0 }, start: -1, select: ['ID'] }, listToken)
    expect(fast.body).not.toHaveProperty('total')
    expect((fast.body.result as unknown[]).length).toBe(50)
  })

  it('filters a CRM sync uses: ORIGINATOR_ID + ORIGIN_ID, ID, @ID, >/>= DATE_MODIFY', async () => {
    const byOrigin = await listCall(
      { filter: { ORIGINATOR_ID: 'impl-request', ORIGIN_ID: 'req-7' }, select: ['ID', 'ORIGIN_ID'] },
      listToken,
    )
    expect(byOrigin.body.result).toEqual([{ ID: '7', ORIGIN_ID: 'req-7' }])
    expect((await listCall({ filter: { ID: 3 }, select: ['ID'] }, listToken)).body.result).toEqual([{ ID: '3' }])
    expect((await listCall({ filter: { '@ID': [2, 4, 200] }, select: ['ID'] }, listToken)).body.result).toEqual([
      { ID: '2' },
      { ID: '4' },
    ])
    listPortal.emulator.advanceClock(60_000)
    const since = (listPortal.portal.getLead(1)?.DATE_MODIFY as string) ?? ''
    listPortal.portal.moveLead(5, 'IN_PROCESS')
    expect((await listCall({ filter: { '>DATE_MODIFY': since }, select: ['ID'] }, listToken)).body.result).toEqual([
      { ID: '5' },
    ])
    expect((await listCall({ filter: { '>=DATE_MODIFY': since }, select: ['ID'] }, listToken)).body.total).toBe(120)
  })

  it('multi-fields come back only when named in select, as [{ID, VALUE_TYPE, VALUE, TYPE_ID}]', async () => {
    const all = await listCall({ filter: { ID: 1 }, select: ['*', 'UF_*'] }, listToken)
    expect((all.body.result as Record<string, unknown>[])[0]).not.toHaveProperty('EMAIL')
    const named = await listCall({ filter: { ID: 1 }, select: ['ID', 'EMAIL', 'PHONE'] }, listToken)
    expect(named.body.result).toEqual([
      { ID: '1', EMAIL: [{ ID: expect.any(String), VALUE_TYPE: 'WORK', VALUE: 'c1@example.test', TYPE_ID: 'EMAIL' }] },
    ])
    const byEmail = await listCall({ filter: { EMAIL: 'c9@example.test' }, select: ['ID'] }, listToken)
    expect(byEmail.body.result).toEqual([{ ID: '9' }])
  })

  it('order DESC, LIKE and NOT filters', async () => {
    const desc = await listCall({ order: { ID: 'DESC' }, filter: { '%TITLE': 'Lead 11' }, select: ['ID'] }, listToken)
    expect((desc.body.result as { ID: string }[]).map((row) => row.ID)).toEqual([
      '119',
      '118',
      '117',
      '116',
      '115',
      '114',
      '113',
      '112',
      '111',
      '110',
      '11',
    ])
    const notIn = await listCall({ filter: { '!@ID': [1, 2], '<=ID': 4 }, select: ['ID'] }, listToken)
    expect(notIn.body.result).toEqual([{ ID: '3' }, { ID: '4' }])
  })
})
