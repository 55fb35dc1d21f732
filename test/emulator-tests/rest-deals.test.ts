import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docExample, expectDocumentedShape } from './support/doc-examples'
import { callRest, installApp, startHarness, type Harness } from './support/harness'

let harness: Harness
let token: string
const call = (method: string, params: object) => callRest(harness.portal.clientEndpoint(), method, params, token)

beforeAll(async () => {
  harness = await startHarness({ portal: { dealCategories: [1] } })
  token = (await installApp(harness.portal)).accessToken
  // The documented deal carries UF_CRM_1721244482250; deal user fields have no REST method here, so seed one.
  harness.portal.state.userFields.push({
    id: 900,
    entityId: 'CRM_DEAL',
    fieldName: 'UF_CRM_1721244482250',
    userTypeId: 'string',
    xmlId: null,
    sort: 100,
    multiple: false,
    mandatory: false,
    showFilter: false,
    showInList: true,
    editInList: true,
    isSearchable: false,
    settings: {},
    labels: {},
    list: [],
  })
})
afterAll(() => harness.close())

describe('crm.deal.* (D:api-reference/crm/deals/*)', () => {
  it('crm.deal.add: upper-case FIELDS/PARAMS as documented, `result` the new id (crm-deal-add)', async () => {
    const example = docExample('crm-deal-add')
    harness.portal.state.nextId.deal = 394
    const { status, body } = await call('crm.deal.add', example.request)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    expect(body.result).toBe(394)
  })

  it('crm.deal.get: every documented key with v2 types (crm-deal-get)', async () => {
    const example = docExample('crm-deal-get')
    harness.portal.state.nextId.deal = 410
    const fields = (docExample('crm-deal-add').request.FIELDS ?? {}) as Record<string, unknown>
    await call('crm.deal.add', { fields: { ...fields, CATEGORY_ID: 0 } })
    const { status, body } = await call('crm.deal.get', example.request)
    expect(status).toBe(200)
    // PARENT_ID_1220 links to a smart process that the emulated portal does not have.
    expectDocumentedShape(body.result, example.response.result, { exact: true, ignore: ['PARENT_ID_1220'] })
    expect(body.result).toMatchObject({
      ID: '410',
      STAGE_ID: 'PREPARATION',
      STAGE_SEMANTIC_ID: 'P',
      CLOSED: 'N',
      CATEGORY_ID: '0',
      OPPORTUNITY: '1000000.00',
      PROBABILITY: '99',
      BEGINDATE: '2024-08-30T02:00:00+02:00',
      UF_CRM_1721244482250: 'Hello World!',
    })
  })

  it('crm.deal.get of a missing deal: 400, empty code, "Not found"', async () => {
    expect(await call('crm.deal.get', { id: 77_777 })).toEqual({
      status: 400,
      body: { error: '', error_description: 'Not found' },
    })
  })

  it('crm.deal.update: the documented request moves the deal to WON, STAGE_SEMANTIC_ID S and CLOSED Y (crm-deal-update)', async () => {
    const example = docExample('crm-deal-update')
    harness.portal.state.nextId.deal = 123
    await call('crm.deal.add', { fields: { TITLE: 'To update' } })
    const { status, body } = await call('crm.deal.update', example.request)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    expect((await call('crm.deal.get', { id: 123 })).body.result).toMatchObject({
      TITLE: 'New Deal Title!',
      STAGE_ID: 'WON',
      STAGE_SEMANTIC_ID: 'S',
      CLOSED: 'Y',
      UF_CRM_1721244482250: null,
    })
    expect((await call('crm.deal.update', { id: 123, fields: 'not an object' })).body).toEqual(example.error)
  })

  it('LOSE and APOLOGY are failures (F); stages of pipeline 1 carry the C1: prefix', async () => {
    const lost = (await call('crm.deal.add', { fields: { TITLE: 'Lost', STAGE_ID: 'LOSE' } })).body.result
    const apology = (await call('crm.deal.add', { fields: { TITLE: 'Apology', STAGE_ID: 'APOLOGY' } })).body.result
    const pipeline = (await call('crm.deal.add', { fields: { TITLE: 'Pipeline', CATEGORY_ID: 1 } })).body.result
    expect((await call('crm.deal.get', { id: lost })).body.result).toMatchObject({
      STAGE_SEMANTIC_ID: 'F',
      CLOSED: 'Y',
    })
    expect((await call('crm.deal.get', { id: apology })).body.result).toMatchObject({ STAGE_SEMANTIC_ID: 'F' })
    expect((await call('crm.deal.get', { id: pipeline })).body.result).toMatchObject({
      CATEGORY_ID: '1',
      STAGE_ID: 'C1:NEW',
    })
    await call('crm.deal.update', { id: pipeline, fields: { STAGE_ID: 'C1:WON' } })
    expect((await call('crm.deal.get', { id: pipeline })).body.result).toMatchObject({
      STAGE_ID: 'C1:WON',
      STAGE_SEMANTIC_ID: 'S',
    })
  })

  it('crm.deal.list: the documented SELECT/FILTER/ORDER request (crm-deal-list)', async () => {
    const example = docExample('crm-deal-list')
    for (const [title, amount, assigned] of [
      ['[A] Area', 19_999.99, 1],
      ['[B] Idea', 12_500, 2],
      ['[C] Tuba', 13_500, 1],
      ['[D] Ok', 15_000, 1],
    ] as const) {
      await call('crm.deal.add', {
        fields: {
          TITLE: title,
          CATEGORY_ID: 1,
          TYPE_ID: 'COMPLEX',
          OPPORTUNITY: amount,
          IS_MANUAL_OPPORTUNITY: 'Y',
          ASSIGNED_BY_ID: assigned,
        },
      })
    }
    const { status, body } = await call('crm.deal.list', example.request)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    for (const row of body.result as unknown[])
      expectDocumentedShape(row, (example.response.result as unknown[])[0], { exact: true })
    expect((body.result as { TITLE: string }[]).map((row) => row.TITLE)).toEqual(['[A] Area', '[C] Tuba'])
    expect(body.total).toBe(2)
    expect(body).not.toHaveProperty('next')
  })

  it('crm.deal.list by LEAD_ID finds the deal made from a lead; deals have no multi-fields', async () => {
    const leadId = harness.portal.addLead({ TITLE: 'Source', EMAIL: [{ VALUE: 'x@example.test' }] })
    const dealId = harness.portal.convertLead(leadId)
    const { body } = await call('crm.deal.list', { filter: { LEAD_ID: leadId }, select: ['ID', 'LEAD_ID', 'EMAIL'] })
    expect(body.result).toEqual([{ ID: String(dealId), LEAD_ID: String(leadId) }])
  })
})
