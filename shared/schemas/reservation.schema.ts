import { z } from 'zod'
import { BAD_LEAD_REASONS, RELEASE_REASONS, RETURN_STATUSES } from '../domain/rating'
import { CRM_SYNC_VIEW_STATUSES, LEAD_OUTCOMES, RESERVATION_STATUSES } from '../domain/reservation-columns'
import { RESERVATION_STATES } from '../domain/reservation-state'
import { FeedItemSchema } from './feed.schema'

export const ReservationStatusSchema = z.enum(RESERVATION_STATUSES)
export type { ReservationStatus } from '../domain/reservation-columns'

export const ContactSchema = z
  .object({
    name: z.string(),
    company: z.string().nullable(),
    email: z.string(),
    phone: z.string().meta({ description: 'E.164' }),
  })
  .meta({ id: 'Contact' })
export type Contact = z.infer<typeof ContactSchema>

/** Where the reservation's lead stands in the partner's CRM, and how it ended there. */
export const ReservationCrmSchema = z
  .object({
    status: z.enum(CRM_SYNC_VIEW_STATUSES).meta({
      description: '`not_synced` for reservations made outside a portal; `failed` keeps retrying until a manager acts.',
    }),
    leadId: z.string().nullable(),
    dealId: z.string().nullable(),
    outcome: z.enum(LEAD_OUTCOMES).nullable(),
    outcomeAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ReservationCrm' })
export type ReservationCrm = z.infer<typeof ReservationCrmSchema>

/**
 * The first-contact deadline of an active reservation whose lead shows no progress in the partner's CRM yet:
 * after `dueAt` the app warns, at `releaseAt` the reservation is released and counts as expired.
 */
export const FirstContactSchema = z
  .object({
    dueAt: z.iso.datetime(),
    releaseAt: z.iso.datetime(),
    overdue: z.boolean().meta({ description: 'The deadline passed: show the warning.' }),
  })
  .meta({ id: 'FirstContact' })

/** The partner's bad-lead return of this reservation and a manager's decision on it. */
export const ReservationReturnStateSchema = z
  .object({
    status: z.enum(RETURN_STATUSES),
    reason: z.enum(BAD_LEAD_REASONS),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ReservationReturnState' })

/** A partner's reservation; the contacts are present only while the reservation is active. */
export const ReservationSchema = z
  .object({
    id: z.uuid(),
    status: ReservationStatusSchema,
    reservedAt: z.iso.datetime(),
    releasedAt: z.iso.datetime().nullable(),
    releaseReason: z.enum(RELEASE_REASONS).nullable().meta({
      description: '`partner` released it, `expired` for no CRM progress in time, `returned` as a bad lead.',
    }),
    state: z.enum(RESERVATION_STATES).meta({
      description:
        'Where the reservation stands, one word for every screen (shared/domain/reservation-state.ts): ' +
        RESERVATION_STATES.map((state) => `\`${state}\``).join(', ') +
        '.',
    }),
    /** The request as the partner sees it now, with what it may do with it (as in the feed). */
    request: FeedItemSchema,
    contact: ContactSchema.nullable(),
    crm: ReservationCrmSchema,
    firstContact: FirstContactSchema.nullable().meta({
      description: 'Null once the lead progressed in the CRM, while the lead is not in the CRM yet, or when released.',
    }),
    return: ReservationReturnStateSchema.nullable(),
    abilities: z
      .object({
        release: z.boolean().meta({ description: 'Held and undecided: a Won or Lost lead cannot be released.' }),
        returnAsBadLead: z.boolean().meta({ description: 'Held, not Won, and within the return window.' }),
        returnUntil: z.iso
          .datetime()
          .nullable()
          .meta({ description: 'The end of the bad-lead return window, while a return is possible.' }),
      })
      .meta({
        description:
          'What the partner may do with it (shared/domain/reservation-abilities.ts); the API refuses the rest.',
      }),
  })
  .meta({ id: 'Reservation' })
export type Reservation = z.infer<typeof ReservationSchema>

export const ReservationListSchema = z
  .object({ items: z.array(ReservationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ReservationList' })

export const ReservationListQuerySchema = z.strictObject({
  status: ReservationStatusSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})
export type ReservationListQuery = z.output<typeof ReservationListQuerySchema>

export const ReserveQuerySchema = z.strictObject({
  assignTo: z
    .string()
    .regex(/^\d{1,12}$/, 'must be a Bitrix24 user id')
    .optional()
    .meta({ description: 'The Bitrix24 user the lead is assigned to; by default the user reserving.' }),
})

export const RequestIdParamsSchema = z.strictObject({ id: z.uuid('must be a request id') })
