import { z } from 'zod'
import { ConsoleReservationSchema } from './console.schema'
import { AuditListSchema } from './manager.schema'
import { PartnerSchema } from './partner.schema'
import { ManagerPartnerRatingSchema } from './rating'
import { ClientFeedbackListSchema } from './request-status.schema'
import { PortalSummarySchema } from './session.schema'

/** A link code as the partner page lists it: when it was issued and what became of it, never the code itself. */
export const LinkCodeStateSchema = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    usedAt: z.iso.datetime().nullable(),
    usedByPortalId: z.uuid().nullable(),
    state: z.enum(['active', 'used', 'expired']),
  })
  .meta({ id: 'LinkCodeState' })

/** Everything the partner page shows, in one answer. */
export const PartnerOverviewSchema = z
  .object({
    partner: PartnerSchema,
    rating: ManagerPartnerRatingSchema,
    reservations: z.array(ConsoleReservationSchema).meta({ description: 'The latest 50, newest first.' }),
    reservationCount: z.number().int(),
    portals: z.array(PortalSummarySchema),
    linkCodes: z.array(LinkCodeStateSchema).meta({ description: 'The latest 20, newest first.' }),
    feedback: ClientFeedbackListSchema.meta({ description: 'The latest 20 ratings and the averages of all.' }),
    audit: AuditListSchema.meta({
      description: 'The latest 30 entries about the partner or made by it; page on with the audit log.',
    }),
  })
  .meta({ id: 'PartnerOverview' })
