import { z } from 'zod'
import { PORTAL_STATUSES } from '../domain/portal-statuses'
import { singleLine } from './text'

/** What the app inside the portal sends once, from the frame SDK's auth data. */
export const SessionBodySchema = z
  .strictObject({
    domain: singleLine(255),
    memberId: z
      .string()
      .trim()
      .regex(/^[\w.-]{1,64}$/, 'must be the portal member id'),
    // An opaque token, passed on as it is: no normalisation, but nothing a header or a URL cannot carry.
    accessToken: z
      .string()
      .min(1)
      .max(512)
      .regex(/^[\x21-\x7e]+$/, 'must be the portal access token'),
  })
  .meta({ id: 'SessionBody' })

export const SessionSchema = z
  .object({
    token: z.string().meta({ description: 'Send as `Authorization: Bearer` to the partner API.' }),
    expiresAt: z.iso.datetime(),
    portal: z.object({ id: z.uuid(), domain: z.string(), linked: z.boolean() }),
    user: z.object({ id: z.string(), isAdmin: z.boolean() }),
  })
  .meta({ id: 'Session' })
export type Session = z.infer<typeof SessionSchema>

export const LinkPortalBodySchema = z
  .strictObject({ code: z.string().trim().min(4).max(40) })
  .meta({ id: 'LinkPortalBody' })

export const LinkCodeSchema = z
  .object({
    code: z.string().meta({ description: 'Shown once; give it to the partner to enter in the app.' }),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'LinkCode' })

export const PortalSummarySchema = z
  .object({
    id: z.uuid(),
    memberId: z.string(),
    domain: z.string(),
    status: z.enum(PORTAL_STATUSES),
    partnerId: z.uuid().nullable(),
    crmMode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    installedAt: z.iso.datetime(),
    uninstalledAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PortalSummary' })

export const PortalListSchema = z.object({ items: z.array(PortalSummarySchema) }).meta({ id: 'PortalList' })
