CREATE TABLE "client_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"reservation_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"response_speed" integer NOT NULL,
	"service_quality" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "client_feedback_response_speed_range" CHECK ("client_feedback"."response_speed" between 1 and 5),
	CONSTRAINT "client_feedback_service_quality_range" CHECK ("client_feedback"."service_quality" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "client_feedback" ADD CONSTRAINT "client_feedback_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_feedback" ADD CONSTRAINT "client_feedback_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_feedback" ADD CONSTRAINT "client_feedback_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "client_feedback_reservation_unique" ON "client_feedback" USING btree ("reservation_id");--> statement-breakpoint
CREATE INDEX "client_feedback_partner_idx" ON "client_feedback" USING btree ("partner_id","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "requests_status_token_hash_unique" ON "requests" USING btree ("status_token_hash");