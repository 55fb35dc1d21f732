import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docExample, expectDocumentedShape } from './support/doc-examples'
import { callRest, installApp, startHarness, type Harness } from './support/harness'

/** D:settings/how-to-call-rest-api/batch */
const example = docExample('batch') as ReturnType<typeof docExample> & {
  linkedRequest: Record<string, unknown>
  errorHalt0: Record<string, unknown>
  errorHalt1: Record<string, unknown>
}

let harness: Harness
let token: string
const batch = (params: object) => callRest(harness.portal.clientEndpoint(), 'batch', params, token)
type BatchResult = Record<'result' | 'result_error' | 'result_total' | 'result_next' | 'result_time', unknown>

beforeAll(async () => {
  harness = await startHarness()
  token = (await installApp(harness.portal)).accessToken
})
afterAll(() => harness.close())

describe('batch (D:settings/how-to-call-rest-api/batch)', () => {
  it('the documented independent calls: HTTP 200, result maps keyed by command, failures in result_error', async () => {
    const { status, body } = await batch(example.request)
    expect(status).toBe(200)
    const result = body.result as BatchResult
    const documented = example.response.result as BatchResult
    expectDocumentedShape(
      (result.result as Record<string, unknown>).get_user,
      (documented.result as Record<string, unknown>).get_user,
      { ignore: ['TIMESTAMP_X'] },
    )
    expect(Object.keys(result.result as object)).toEqual(['get_user', 'get_app'])
    // department.get is not emulated, so it fails the way an unknown method fails.
    expect(result.result_error).toEqual({
      get_departments: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' },
    })
    expectDocumentedShape(
      (result.result_time as Record<string, unknown>).get_user,
      (documented.result_time as Record<string, unknown>).get_user,
      { exact: true },
    )
    expect(result.result_total).toEqual([])
    expect(result.result_next).toEqual([])
  })

  it('the documented error examples: halt = 0 collects every failure, halt = 1 stops at the first', async () => {
    const restricted = await startHarness({ app: { scopes: ['crm'] } })
    const restrictedToken = (await installApp(restricted.portal)).accessToken
    const cmd = { get_user: 'user.current', get_department: 'user.current' }
    const halt0 = await callRest(restricted.portal.clientEndpoint(), 'batch', { halt: 0, cmd }, restrictedToken)
    expect(halt0.status).toBe(200)
    expect(halt0.body.result).toEqual(example.errorHalt0.result)
    const halt1 = await callRest(restricted.portal.clientEndpoint(), 'batch', { halt: 1, cmd }, restrictedToken)
    expect(halt1.body.result).toEqual(example.errorHalt1.result)
    await restricted.close()
  })

  it('halt = 0 keeps going after CRM errors; halt = 1 leaves later commands out', async () => {
    const failing = { a: 'crm.lead.get?id=999', b: 'crm.lead.get?id=998', c: 'profile' }
    const all = (await batch({ halt: 0, cmd: failing })).body.result as BatchResult
    expect(Object.keys(all.result_error as object)).toEqual(['a', 'b'])
    expect(Object.keys(all.result as object)).toEqual(['c'])
    const halted = (await batch({ halt: 1, cmd: failing })).body.result as BatchResult
    expect(halted).toEqual({
      result: [],
      result_error: { a: { error: '', error_description: 'Not found' } },
      result_total: [],
      result_next: [],
      result_time: [],
    })
  })

  it('linked calls: $result[key][field] passes earlier results on', async () => {
    const { body } = await batch({
      halt: 1,
      cmd: {
        add: 'crm.lead.add?fields[TITLE]=Linked&fields[NAME]=Ada',
        get: 'crm.lead.get?id=$result[add]',
        me: 'user.current',
        list: 'crm.lead.list?filter[ASSIGNED_BY_ID]=$result[me][ID]&select[0]=ID',
      },
    })
    const result = body.result as BatchResult
    const values = result.result as Record<string, Record<string, unknown>>
    expect(values.get).toMatchObject({ TITLE: 'Linked', NAME: 'Ada' })
    expect(values.list).toEqual([{ ID: String(values.add) }])
    expect(result.result_total).toEqual({ list: 1 })
  })

  it('accepts commands encoded the way B24OAuth.callBatch does, and a command list', async () => {
    await batch({ halt: 0, cmd: ['crm.lead.add?fields%5BTITLE%5D=Second'] })
    const { body } = await batch({
      halt: 1,
      cmd: ['crm.lead.list?filter%5B%3EID%5D=1&select%5B0%5D=ID', 'crm.lead.get?id=1'],
    })
    const result = body.result as BatchResult
    expect(Array.isArray(result.result)).toBe(true)
    expect((result.result as unknown[])[0]).toEqual([{ ID: '2' }])
    expect(result.result_total).toEqual([1])
  })

  it('list commands report result_next when more rows remain', async () => {
    for (let index = 0; index < 55; index += 1) harness.portal.addLead({ TITLE: `Bulk ${index}` })
    const { body } = await batch({ halt: 0, cmd: { page: 'crm.lead.list?select[]=ID' } })
    expect((body.result as BatchResult).result_next).toEqual({ page: 50 })
  })

  it('more than 50 commands: the extra ones fail with ERROR_BATCH_LENGTH_EXCEEDED; nested batch is refused', async () => {
    const cmd = Object.fromEntries(Array.from({ length: 52 }, (_, index) => [`c${index}`, 'profile']))
    const result = (await batch({ halt: 0, cmd })).body.result as BatchResult
    expect(Object.keys(result.result as object)).toHaveLength(50)
    expect(result.result_error).toEqual({
      c50: { error: 'ERROR_BATCH_LENGTH_EXCEEDED', error_description: 'Max batch length exceeded' },
      c51: { error: 'ERROR_BATCH_LENGTH_EXCEEDED', error_description: 'Max batch length exceeded' },
    })
    const nested = (await batch({ halt: 0, cmd: { inner: 'batch?cmd[a]=profile' } })).body.result as BatchResult
    expect(nested.result_error).toEqual({
      inner: { error: 'ERROR_BATCH_METHOD_NOT_ALLOWED', error_description: 'Method is not allowed for batch usage' },
    })
  })
})
