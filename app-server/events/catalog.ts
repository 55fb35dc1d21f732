import { z } from 'zod'

const entityId = z.string().regex(/^\d{1,18}$/)

/**
 * Every domain event of the app: its name, the zod schema of its payload, who emits it and who handles it.
 * Payloads carry ids and facts, never a client's contact details (they are stored in the outbox and in logs of
 * failed handlers). A handler is declared in its own module with `defineEventHandlers` and registered in
 * `app-server/jobs/registry.ts`; an emitter never imports the modules that react.
 */
export const eventCatalog = {
  /**
   * A partner took one of a request's slots. Emitted by reservations (reserve), in the reserve transaction.
   * Handled by crm-sync: writes the lead into the CRM of the portal the partner reserved from.
   */
  'reservation.created': z.object({
    reservationId: z.uuid(),
    requestId: z.uuid(),
    partnerId: z.uuid(),
    /** The portal the partner reserved from; null when the reservation came from elsewhere (no CRM to write). */
    portalId: z.uuid().nullable(),
  }),
  /**
   * The partner's CRM decided a reservation's lead: Won or Lost, or a change between them (a deal reopened and
   * lost). Emitted by crm-sync when it stores a changed outcome. Handled by rating: counts the reservation's
   * current outcome in the partner's rating.
   */
  'reservation.outcome_recorded': z.object({
    reservationId: z.uuid(),
    partnerId: z.uuid(),
    outcome: z.enum(['won', 'lost']),
    /** When the CRM entity reached its final stage, as far as the portal tells. */
    occurredAt: z.iso.datetime(),
  }),
  /**
   * A manager rejected a request as spam. Emitted by requests (moderation). Handled by rating: no partner that
   * held the request is rated on it.
   */
  'request.rejected_as_spam': z.object({ requestId: z.uuid() }),
  /**
   * Bitrix24 reported a change of a lead or deal in a portal's CRM (the event's application token matched).
   * Emitted by bitrix24 (events). Handled by crm-sync: reads the entity and stores the outcome if the lead is ours.
   */
  'crm.entity_changed': z.object({
    portalId: z.uuid(),
    entity: z.enum(['lead', 'deal']),
    id: entityId,
    /** When the app received the change: handlers group the changes of one entity by it. */
    receivedAt: z.iso.datetime(),
  }),
} satisfies Record<string, z.ZodType>

export type EventCatalogOf = typeof eventCatalog
export type EventName = keyof EventCatalogOf
export type EventPayload<N extends EventName> = z.infer<EventCatalogOf[N]>
