import { readFileSync } from 'node:fs'
import type { z } from 'zod'
import { AppManifestSchema, CrmManifestSchema, EventsManifestSchema, PlacementsManifestSchema } from './manifest.schema'

function load<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  return schema.parse(JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')))
}

/** The app's Bitrix24 registration as data, validated when loaded: a broken manifest stops the service at start. */
export const manifest = {
  app: load('./app.json', AppManifestSchema),
  placements: load('./placements.json', PlacementsManifestSchema),
  events: load('./events.json', EventsManifestSchema),
  crm: load('./crm.json', CrmManifestSchema),
}

export type Manifest = typeof manifest
