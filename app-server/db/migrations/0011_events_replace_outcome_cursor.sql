-- Won/Lost outcomes the rating had not applied yet become `reservation.outcome_recorded` events, which it handles now.
INSERT INTO "jobs" ("name", "key", "payload")
SELECT 'event:reservation.outcome_recorded', 'outcome-' || e."id",
       jsonb_build_object('reservationId', e."reservation_id", 'partnerId', e."partner_id", 'outcome', e."outcome",
                          'occurredAt', to_char(e."occurred_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
FROM "reservation_outcome_events" e
WHERE e."id" > coalesce((SELECT c."last_event_id" FROM "rating_event_cursor" c WHERE c."consumer" = 'rating'), 0)
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Jobs one module wrote for another are now deliveries of events to their handlers, with the events' payloads.
UPDATE "jobs" j
SET "name" = 'crm-sync:reservation.created',
    "payload" = jsonb_build_object('reservationId', r."id", 'requestId', r."request_id", 'partnerId', r."partner_id",
                                   'portalId', r."portal_id")
FROM "reservations" r
WHERE j."name" = 'crm-sync.push-lead' AND r."id"::text = j."key";--> statement-breakpoint
UPDATE "jobs"
SET "name" = 'crm-sync:crm.entity_changed',
    "payload" = "payload" || jsonb_build_object('receivedAt',
                  to_char(coalesce("run_at", "created_at") AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
WHERE "name" = 'crm-sync.fetch-outcome';--> statement-breakpoint
UPDATE "jobs" SET "name" = 'rating:request.rejected_as_spam' WHERE "name" = 'rating.exclude-spam-request';--> statement-breakpoint
-- The recurring job that read the outcome table is gone; its waiting slots would never run.
DELETE FROM "jobs" WHERE "name" = 'rating.apply-outcomes' AND "status" IN ('pending', 'running');--> statement-breakpoint
DROP TABLE "reservation_outcome_events" CASCADE;--> statement-breakpoint
DROP TABLE "rating_event_cursor" CASCADE;
