import type { B24OAuth } from '@bitrix24/b24jssdk'
import type { Manifest } from '../../../manifests'

export interface ApplyResult {
  crmMode: number
  bound: { events: number; placements: number }
  created: { leadSource: boolean; userFields: number }
}

interface Binding {
  event?: string
  handler: string
  placement?: string
}

async function call<T>(client: B24OAuth, method: string, params: object = {}): Promise<T> {
  const result = await client.actions.v2.call.make<T>({ method, params, requestId: `install:${method}` })
  if (!result.isSuccess) throw new Error(`${method}: ${result.getErrorMessages().join('; ')}`)
  return result.getData()!.result
}

/**
 * Applies the manifest to a portal so that running it again changes nothing: reads what is there, removes
 * bindings that point elsewhere (an older version or address of the app), and adds only what is missing.
 */
export async function applyManifest(client: B24OAuth, manifest: Manifest, baseUrl: string): Promise<ApplyResult> {
  const url = (path: string) => new URL(path, baseUrl).toString()
  const events = await bindEvents(client, manifest, url)
  const placements = await bindPlacements(client, manifest, url)
  const leadSource = await ensureLeadSource(client, manifest)
  const userFields = await ensureUserFields(client, manifest)
  const mode = await call<{ mode?: number } | number>(client, 'crm.settings.mode.get')
  const crmMode = typeof mode === 'number' ? mode : Number(mode.mode ?? 1)
  return { crmMode, bound: { events, placements }, created: { leadSource, userFields } }
}

async function bindEvents(client: B24OAuth, manifest: Manifest, url: (path: string) => string): Promise<number> {
  const existing = await call<Binding[]>(client, 'event.get')
  let bound = 0
  for (const { event, handler } of manifest.events) {
    const wanted = url(handler)
    const same = existing.filter((binding) => binding.event?.toUpperCase() === event)
    for (const stale of same.filter((binding) => binding.handler !== wanted)) {
      await call(client, 'event.unbind', { event, handler: stale.handler })
    }
    if (same.some((binding) => binding.handler === wanted)) continue
    await call(client, 'event.bind', { event, handler: wanted })
    bound++
  }
  return bound
}

async function bindPlacements(client: B24OAuth, manifest: Manifest, url: (path: string) => string): Promise<number> {
  const existing = await call<Binding[]>(client, 'placement.get')
  let bound = 0
  for (const placement of manifest.placements) {
    const wanted = url(placement.handler)
    const same = existing.filter((binding) => binding.placement === placement.placement)
    for (const stale of same.filter((binding) => binding.handler !== wanted)) {
      await call(client, 'placement.unbind', { PLACEMENT: placement.placement, HANDLER: stale.handler })
    }
    if (same.some((binding) => binding.handler === wanted)) continue
    await call(client, 'placement.bind', {
      PLACEMENT: placement.placement,
      HANDLER: wanted,
      TITLE: placement.title,
      LANG_ALL: placement.langAll,
    })
    bound++
  }
  return bound
}

async function ensureLeadSource(client: B24OAuth, manifest: Manifest): Promise<boolean> {
  const { leadSource } = manifest.crm
  const sources = await call<{ STATUS_ID: string }[]>(client, 'crm.status.list', { filter: { ENTITY_ID: 'SOURCE' } })
  if (sources.some((source) => source.STATUS_ID === leadSource.STATUS_ID)) return false
  await call(client, 'crm.status.add', { fields: leadSource })
  return true
}

async function ensureUserFields(client: B24OAuth, manifest: Manifest): Promise<number> {
  let created = 0
  for (const field of manifest.crm.leadUserFields) {
    const existing = await call<unknown[]>(client, 'crm.lead.userfield.list', {
      filter: { FIELD_NAME: `UF_CRM_${field.FIELD_NAME}` },
    })
    if (existing.length > 0) continue
    await call(client, 'crm.lead.userfield.add', { fields: field })
    created++
  }
  return created
}
