import type { PlacementBinding } from '../../core/types'
import { accessDenied, RestError } from '../errors'
import type { CallContext, MethodTable } from '../method-types'
import { isPlainObject } from '../params'

const CRM_PLACEMENT =
  /^CRM_(LEAD|DEAL|CONTACT|COMPANY|QUOTE|SMART_INVOICE|DYNAMIC_\d+)_(DETAIL_TAB|DETAIL_TOOLBAR|DETAIL_ACTIVITY|LIST_MENU|LIST_TOOLBAR)$/
const GENERAL_PLACEMENTS = new Set(['LEFT_MENU', 'REST_APP_URI', 'PAGE_BACKGROUND_WORKER'])
/** Placements that accept a single handler per app (D:api-reference/widgets/placement-bind, ERROR_PLACEMENT_MAX_COUNT). */
const SINGLE_HANDLER = new Set(['REST_APP_URI', 'PAGE_BACKGROUND_WORKER'])

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')

/** `ERROR_ARGUMENT` names the missing argument in an extra `argument` key (D:api-reference/widgets/placement-bind). */
function missingArgument(name: string, status: number): RestError {
  return new RestError(status, 'ERROR_ARGUMENT', `Argument '${name}' is null or empty`, { argument: name })
}

/** placement.* is admin-only and needs the `placement` scope (plus `crm` for CRM_* codes). */
function checkAccess({ user, app }: CallContext, placement?: string): void {
  if (!user.admin) throw accessDenied()
  if (placement?.startsWith('CRM_') === true && !app.scopes.includes('crm')) {
    throw new RestError(400, 'ERROR_PLACEMENT_NOT_FOUND', 'Placement not found')
  }
}

function bind(context: CallContext): void {
  const { params, installation } = context
  const placement = text(params.PLACEMENT).toUpperCase()
  const handler = text(params.HANDLER)
  // The method page lists these argument errors with HTTP 200; placement.unbind documents 400 for its own.
  if (placement === '') throw missingArgument('PLACEMENT', 200)
  if (handler === '') throw missingArgument('HANDLER', 200)
  checkAccess(context, placement)
  if (!CRM_PLACEMENT.test(placement) && !GENERAL_PLACEMENTS.has(placement)) {
    throw new RestError(400, 'ERROR_PLACEMENT_NOT_FOUND', 'Placement not found')
  }
  const userId = Number(params.USER_ID ?? 0) || 0
  if (userId > 0 && placement !== 'PAGE_BACKGROUND_WORKER') {
    throw new RestError(200, 'ERROR_PLACEMENT_USER_MODE', 'User mode is not available')
  }
  const existing = installation.placements.filter((entry) => entry.placement === placement)
  if (existing.some((entry) => entry.handler === handler)) {
    // Text from the portal's PlacementTable::checkUniq; the code is what public clients match on.
    throw new RestError(400, 'ERROR_CORE', 'Handler already binded')
  }
  if (SINGLE_HANDLER.has(placement) && existing.length > 0) {
    throw new RestError(200, 'ERROR_PLACEMENT_MAX_COUNT', 'Placement max count exceeded')
  }
  const binding: PlacementBinding = {
    placement,
    handler,
    title: text(params.TITLE),
    description: text(params.DESCRIPTION),
    groupName: text(params.GROUP_NAME),
    langAll: isPlainObject(params.LANG_ALL) ? (params.LANG_ALL as PlacementBinding['langAll']) : {},
    options: isPlainObject(params.OPTIONS) ? params.OPTIONS : {},
    userId,
  }
  installation.placements.push(binding)
}

export const placementMethods: MethodTable = {
  'placement.bind': {
    scopes: ['placement'],
    handler: (context) => {
      bind(context)
      return { result: true }
    },
  },

  /** Shape of D:api-reference/widgets/placement-get; empty options print as `[]` (a PHP empty array). */
  'placement.get': {
    scopes: ['placement'],
    handler: ({ installation }) => ({
      result: installation.placements.map((entry) => ({
        placement: entry.placement,
        userId: entry.userId,
        handler: entry.handler,
        options: Object.keys(entry.options).length === 0 ? [] : entry.options,
        title: entry.title,
        description: entry.description,
        langAll: Object.keys(entry.langAll).length === 0 ? [] : entry.langAll,
      })),
    }),
  },

  /**
   * Without HANDLER every handler of the placement goes. `count` is incremented once per record found and once
   * more per record removed (D:api-reference/widgets/placement-unbind), so removing two handlers reports 4.
   */
  'placement.unbind': {
    scopes: ['placement'],
    handler: (context) => {
      const placement = text(context.params.PLACEMENT).toUpperCase()
      if (placement === '') throw missingArgument('PLACEMENT', 400)
      if (!context.user.admin) throw accessDenied()
      const handler = text(context.params.HANDLER)
      const userId = context.params.USER_ID === undefined ? undefined : Number(context.params.USER_ID)
      const matches = (entry: PlacementBinding) =>
        entry.placement === placement &&
        (handler === '' || entry.handler === handler) &&
        (userId === undefined || entry.userId === userId)
      const removed = context.installation.placements.filter(matches).length
      context.installation.placements = context.installation.placements.filter((entry) => !matches(entry))
      return { result: { count: removed * 2 } }
    },
  },
}
