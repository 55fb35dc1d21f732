import { eventCatalog } from './catalog'
import { eventOutbox, type EventConsumer } from './event-outbox'

/** The app's domain events: emit in a transaction, declare handlers in the consuming module (see event-outbox.ts). */
export const { emit, defineEventHandlers, deliveryJob, eventJobDefinitions } = eventOutbox(eventCatalog)
export { eventCatalog, type EventName, type EventPayload } from './catalog'
export { EventPayloadError, type EventHandler } from './event-outbox'

/** A module's handlers of the app's events, as the worker registers them. */
export type AppEventConsumer = EventConsumer<typeof eventCatalog>
