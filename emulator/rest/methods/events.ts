import type { EventBinding } from '../../core/types'
import { accessDenied, RestError } from '../errors'
import type { CallContext, MethodTable } from '../method-types'

/** Events the emulator knows, with the scope that makes each available (D:api-reference/events/events). */
const KNOWN_EVENTS: Record<string, string | null> = {
  ONAPPINSTALL: null,
  ONAPPUNINSTALL: null,
  ONAPPUPDATE: null,
  ONAPPTEST: null,
  ONOFFLINEEVENT: null,
  ONCRMLEADADD: 'crm',
  ONCRMLEADUPDATE: 'crm',
  ONCRMLEADDELETE: 'crm',
  ONCRMDEALADD: 'crm',
  ONCRMDEALUPDATE: 'crm',
  ONCRMDEALDELETE: 'crm',
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')

interface BindingQuery {
  event: string
  handler: string
  authType: number | undefined
  offline: 0 | 1
}

/** Reads event/handler/auth_type/event_type and applies the admin rules of D:api-reference/events/event-bind. */
function readQuery({ params, user }: CallContext, verb: 'binding' | 'unbinding'): BindingQuery {
  const offline = text(params.EVENT_TYPE).toLowerCase() === 'offline' ? 1 : 0
  const rawAuthType = text(params.AUTH_TYPE)
  const authType = rawAuthType === '' ? undefined : Number(rawAuthType) || 0
  if (!user.admin && offline === 1) {
    throw accessDenied(`Access denied! Offline events ${verb} requires administrator access rights`)
  }
  if (!user.admin && authType !== undefined && authType !== 0 && authType !== user.id) {
    throw accessDenied(`Access denied! Event ${verb} with AUTH_TYPE requires administrator access rights`)
  }
  return { event: text(params.EVENT).toUpperCase(), handler: text(params.HANDLER), authType, offline }
}

function bind(context: CallContext): void {
  const query = readQuery(context, 'binding')
  const scope = KNOWN_EVENTS[query.event]
  if (scope === undefined || (scope !== null && !context.app.scopes.includes(scope))) {
    throw new RestError(400, 'ERROR_EVENT_NOT_FOUND', 'Event not found')
  }
  if (query.handler === '' && query.offline === 0) {
    throw new RestError(400, 'ERROR_ARGUMENT', "Argument 'HANDLER' is null or empty", { argument: 'HANDLER' })
  }
  const bindings = context.installation.eventBindings
  const authType = query.authType ?? 0
  const same = (entry: EventBinding) =>
    entry.event === query.event &&
    entry.handler === query.handler &&
    entry.authType === authType &&
    entry.offline === query.offline
  // Public client code matches this code and text; the method page does not document the duplicate case.
  if (bindings.some(same)) throw new RestError(400, 'ERROR_CORE', 'Handler already binded')
  const id = context.portal.nextId.eventBinding++
  bindings.push({ id, event: query.event, handler: query.handler, authType, offline: query.offline })
}

export const eventMethods: MethodTable = {
  'event.bind': {
    scopes: [],
    handler: (context) => {
      bind(context)
      return { result: true }
    },
  },

  /** `auth_type` prints as a string, `offline` as a number (D:api-reference/events/event-get). */
  'event.get': {
    scopes: [],
    handler: ({ installation }) => ({
      result: installation.eventBindings.map((entry) => ({
        event: entry.event,
        handler: entry.handler,
        auth_type: String(entry.authType),
        offline: entry.offline,
      })),
    }),
  },

  /** Omitted parameters widen the match; `auth_type=0` removes only "triggering user" handlers (D:api-reference/events/event-unbind). */
  'event.unbind': {
    scopes: [],
    handler: (context) => {
      const query = readQuery(context, 'unbinding')
      const matches = (entry: EventBinding) =>
        (query.event === '' || entry.event === query.event) &&
        (query.handler === '' || entry.handler === query.handler) &&
        (query.authType === undefined || entry.authType === query.authType) &&
        entry.offline === query.offline
      const before = context.installation.eventBindings.length
      context.installation.eventBindings = context.installation.eventBindings.filter((entry) => !matches(entry))
      return { result: { count: before - context.installation.eventBindings.length } }
    },
  },
}
