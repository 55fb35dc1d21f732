import { z } from 'zod'

/** A reservation whose lead could not be written into its partner's CRM after every retry. */
export const CrmSyncFailureSchema = z
  .object({
    reservationId: z.uuid(),
    partnerId: z.uuid(),
    portalId: z.uuid().nullable(),
    requestId: z.uuid(),
    reservedAt: z.iso.datetime(),
    lastError: z.string().nullable(),
    attempts: z.number().int(),
    jobId: z.number().int().nullable(),
  })
  .meta({ id: 'CrmSyncFailure' })
export type CrmSyncFailure = z.infer<typeof CrmSyncFailureSchema>

export const CrmSyncFailureListSchema = z
  .object({ items: z.array(CrmSyncFailureSchema) })
  .meta({ id: 'CrmSyncFailureList' })

export const CrmSyncRetrySchema = z
  .object({ reservationId: z.uuid(), crmStatus: z.literal('pending') })
  .meta({ id: 'CrmSyncRetry' })

export const ReservationIdParamsSchema = z.strictObject({ id: z.uuid('must be a reservation id') })
