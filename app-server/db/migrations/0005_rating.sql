CREATE TABLE "partner_ratings" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"won_weight" double precision DEFAULT 0 NOT NULL,
	"lost_weight" double precision DEFAULT 0 NOT NULL,
	"weights_at" timestamp with time zone NOT NULL,
	"won_count" integer DEFAULT 0 NOT NULL,
	"lost_count" integer DEFAULT 0 NOT NULL,
	"expired_count" integer DEFAULT 0 NOT NULL,
	"returned_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"delta" integer NOT NULL,
	"reason" text NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_event_cursor" (
	"consumer" text PRIMARY KEY NOT NULL,
	"last_event_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_snapshots" (
	"partner_id" uuid NOT NULL,
	"day" date NOT NULL,
	"won_weight" double precision NOT NULL,
	"lost_weight" double precision NOT NULL,
	"weights_at" timestamp with time zone NOT NULL,
	"adjustment_total" integer NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rating_snapshots_partner_id_day_pk" PRIMARY KEY("partner_id","day")
);
--> statement-breakpoint
CREATE TABLE "reservation_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reservation_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"comment" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_note" text,
	CONSTRAINT "reservation_returns_reservation_id_unique" UNIQUE("reservation_id")
);
--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "release_reason" text;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "crm_progress_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "rating_counted" text;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "rating_counted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "rating_excluded" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_ratings" ADD CONSTRAINT "partner_ratings_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_adjustments" ADD CONSTRAINT "rating_adjustments_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_adjustments" ADD CONSTRAINT "rating_adjustments_created_by_managers_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."managers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_snapshots" ADD CONSTRAINT "rating_snapshots_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_returns" ADD CONSTRAINT "reservation_returns_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_returns" ADD CONSTRAINT "reservation_returns_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_returns" ADD CONSTRAINT "reservation_returns_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_returns" ADD CONSTRAINT "reservation_returns_decided_by_managers_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."managers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rating_adjustments_partner_idx" ON "rating_adjustments" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "reservation_returns_status_idx" ON "reservation_returns" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "reservations_stale_idx" ON "reservations" USING btree ("reserved_at") WHERE "reservations"."status" = 'active' and "reservations"."crm_progress_at" is null and "reservations"."outcome" is null;--> statement-breakpoint
-- Releases before this migration were all made by partners.
UPDATE "reservations" SET "release_reason" = 'partner' WHERE "status" = 'released';
