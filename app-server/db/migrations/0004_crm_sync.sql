CREATE TABLE "reservation_outcome_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reservation_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "assigned_user_id" text;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "crm_status" text DEFAULT 'not_synced' NOT NULL;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "crm_lead_id" text;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "crm_deal_id" text;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "crm_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "crm_last_error" text;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "crm_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "outcome_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "portals" ADD COLUMN "crm_modified_cursor" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reservation_outcome_events" ADD CONSTRAINT "reservation_outcome_events_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_outcome_events" ADD CONSTRAINT "reservation_outcome_events_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reservation_outcome_events_partner_idx" ON "reservation_outcome_events" USING btree ("partner_id","id");--> statement-breakpoint
CREATE INDEX "reservations_crm_pending_idx" ON "reservations" USING btree ("portal_id","reserved_at") WHERE "reservations"."crm_status" in ('pending', 'failed');--> statement-breakpoint
CREATE INDEX "reservations_crm_lead_idx" ON "reservations" USING btree ("portal_id","crm_lead_id");