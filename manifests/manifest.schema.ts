import { z } from 'zod'

const localPath = z.string().regex(/^\/[\w\-/]*$/, 'must be a path on this app, e.g. /partner/')
const localized = z.record(z.string().regex(/^[a-z]{2}$/), z.string().min(1))

export const AppManifestSchema = z.strictObject({
  code: z.string().regex(/^[a-z_]+$/),
  name: localized,
  scopes: z.array(z.enum(['crm', 'placement', 'user_brief'])).min(1),
  handlers: z.strictObject({ app: localPath, install: localPath, events: localPath }),
})

export const PlacementsManifestSchema = z.array(
  z.strictObject({
    placement: z.enum(['CRM_LEAD_DETAIL_TAB', 'CRM_DEAL_DETAIL_TAB']),
    handler: localPath,
    title: z.string().min(1),
    langAll: z.record(z.string(), z.strictObject({ TITLE: z.string().min(1) })),
  }),
)

export const EventsManifestSchema = z.array(
  z.strictObject({
    event: z.enum(['ONCRMLEADUPDATE', 'ONCRMDEALADD', 'ONCRMDEALUPDATE', 'ONAPPUNINSTALL']),
    handler: localPath,
  }),
)

export const CrmManifestSchema = z.strictObject({
  leadSource: z.strictObject({
    ENTITY_ID: z.literal('SOURCE'),
    STATUS_ID: z.string().regex(/^[A-Z_]+$/),
    NAME: z.string().min(1),
  }),
  leadUserFields: z.array(
    z.strictObject({
      FIELD_NAME: z.string().regex(/^[A-Z_]+$/),
      USER_TYPE_ID: z.literal('string'),
      XML_ID: z.string().min(1),
      EDIT_FORM_LABEL: localized,
      LIST_COLUMN_LABEL: localized,
      SHOW_FILTER: z.enum(['Y', 'N']),
    }),
  ),
  originatorId: z.string().min(1),
})

export type AppManifest = z.infer<typeof AppManifestSchema>
export type PlacementsManifest = z.infer<typeof PlacementsManifestSchema>
export type EventsManifest = z.infer<typeof EventsManifestSchema>
export type CrmManifest = z.infer<typeof CrmManifestSchema>
