import qs from 'qs'
import { buildRestTime, type RestTime } from '../../core/time'
import { normalizeMethodName } from '../names'
import { methodNotFound, RestError, toRestError } from '../errors'
import type { CallContext, RestMethod } from '../method-types'
import { isPlainObject } from '../params'
import { QS_OPTIONS } from '../request-params'

/** At most 50 commands; the rest fail one by one with ERROR_BATCH_LENGTH_EXCEEDED (D:settings/how-to-call-rest-api/batch). */
const MAX_COMMANDS = 50
const REFERENCE = /\$result\[([^\]]+)\]((?:\[[^\]]*\])*)/g

/** PHP's json_encode: keys 0…n-1 in order make a list, anything else an object, and an empty map is `[]`. */
function phpMap(map: Map<string, unknown>): unknown {
  const keys = [...map.keys()]
  if (keys.every((key, index) => key === String(index))) return [...map.values()]
  return Object.fromEntries(map)
}

function resolveReference(results: Map<string, unknown>, key: string, path: string): unknown {
  let value: unknown = results.get(key)
  for (const segment of path.match(/\[([^\]]*)\]/g) ?? []) {
    const name = segment.slice(1, -1)
    value = Array.isArray(value) || isPlainObject(value) ? (value as Record<string, unknown>)[name] : undefined
  }
  return value
}

/** Replaces `$result[key][field]…` with earlier results; a value that is only a reference keeps its type. */
function substitute(value: unknown, results: Map<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = new RegExp(`^${REFERENCE.source}$`).exec(value)
    if (whole !== null) return resolveReference(results, whole[1] ?? '', whole[2] ?? '')
    return value.replace(REFERENCE, (_match, key: string, path: string) =>
      String(resolveReference(results, key, path) ?? ''),
    )
  }
  if (Array.isArray(value)) return value.map((entry) => substitute(entry, results))
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)]))
  return value
}

/** `"crm.lead.list?filter%5B%3EID%5D=1&select%5B0%5D=ID"`: how B24OAuth's callBatch/batch.make encode each command. */
function parseCommand(
  command: unknown,
  results: Map<string, unknown>,
): { method: string; params: Record<string, unknown> } {
  if (typeof command !== 'string') throw methodNotFound()
  const separator = command.indexOf('?')
  const method = normalizeMethodName(separator < 0 ? command : command.slice(0, separator))
  const params = separator < 0 ? {} : qs.parse(command.slice(separator + 1), QS_OPTIONS)
  return { method, params: substitute(params, results) as Record<string, unknown> }
}

function commandsOf(cmd: unknown): [string, unknown][] {
  if (Array.isArray(cmd)) return cmd.map((command, index) => [String(index), command])
  return isPlainObject(cmd) ? Object.entries(cmd) : []
}

const isHalt = (value: unknown): boolean =>
  value === true || value === 1 || value === '1' || value === 'true' || value === 'Y'

async function runBatch(context: CallContext): Promise<unknown> {
  const { state, portal, params } = context
  const halt = isHalt(params.HALT)
  const result = new Map<string, unknown>()
  const errors = new Map<string, unknown>()
  const totals = new Map<string, unknown>()
  const nexts = new Map<string, unknown>()
  const times = new Map<string, RestTime>()
  for (const [index, [key, command]] of commandsOf(params.CMD).entries()) {
    const startedAt = state.now()
    const clockStart = performance.now()
    try {
      if (index >= MAX_COMMANDS) throw new RestError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded')
      const { method, params: commandParams } = parseCommand(command, result)
      if (method === 'batch')
        throw new RestError(405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage')
      const fault = state.faults.failureFor(portal.memberId, method)
      if (fault !== undefined)
        throw new RestError(fault.status, String(fault.body.error ?? ''), String(fault.body.error_description ?? ''))
      const outcome = await context.call(method, commandParams)
      result.set(key, outcome.result)
      if (outcome.total !== undefined) totals.set(key, outcome.total)
      if (outcome.next !== undefined) nexts.set(key, outcome.next)
      times.set(key, buildRestTime(startedAt, performance.now() - clockStart, portal.utcOffsetMinutes, false))
    } catch (error) {
      const { code, description } = toRestError(error)
      // The documented batch error examples carry insufficient_scope with an empty description.
      errors.set(key, { error: code, error_description: code === 'insufficient_scope' ? '' : description })
      if (halt) break
    }
  }
  return {
    result: phpMap(result),
    result_error: phpMap(errors),
    result_total: phpMap(totals),
    result_next: phpMap(nexts),
    result_time: phpMap(times),
  }
}

/** Always HTTP 200, even when commands fail; failures land in `result_error` under their key. */
export const batchMethod: RestMethod = {
  scopes: [],
  handler: async (context) => ({ result: await runBatch(context) }),
}
