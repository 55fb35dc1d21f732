ALTER TABLE "portals" ADD COLUMN "app_version" integer;--> statement-breakpoint
ALTER TABLE "portals" ADD COLUMN "last_event" text;--> statement-breakpoint
ALTER TABLE "portals" ADD COLUMN "last_event_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "requests_country_created_idx" ON "requests" USING btree ("country","created_at","id");--> statement-breakpoint
CREATE INDEX "requests_reserved_created_idx" ON "requests" USING btree ("reserved_count","created_at","id");--> statement-breakpoint
CREATE INDEX "requests_users_created_idx" ON "requests" USING btree ("users_count","created_at","id");--> statement-breakpoint
CREATE INDEX "requests_close_reason_created_idx" ON "requests" USING btree ("close_reason","created_at","id") WHERE "requests"."close_reason" is not null;--> statement-breakpoint
CREATE INDEX "reservations_reserved_at_idx" ON "reservations" USING btree ("reserved_at");--> statement-breakpoint
CREATE INDEX "reservations_outcome_at_idx" ON "reservations" USING btree ("outcome_at") WHERE "reservations"."outcome" is not null;--> statement-breakpoint
CREATE INDEX "reservation_returns_request_idx" ON "reservation_returns" USING btree ("request_id");