CREATE TABLE "course_completions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_user_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"course" text NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nfr_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"account_url" text,
	"granted_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"store_login" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_reason" text
);
--> statement-breakpoint
CREATE TABLE "program_config_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"config" jsonb NOT NULL,
	"note" text NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"link" text,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_reason" text
);
--> statement-breakpoint
CREATE TABLE "program_integrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "program_integrations_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "program_memberships" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"standing" text DEFAULT 'active' NOT NULL,
	"level" text DEFAULT 'bronze' NOT NULL,
	"level_since" timestamp with time zone NOT NULL,
	"ready_for" text,
	"zero_activity" boolean DEFAULT false NOT NULL,
	"evaluated_at" timestamp with time zone,
	"config_version" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"source" text NOT NULL,
	"integration_id" uuid,
	"external_id" text,
	"body_hash" text,
	"ordered_at" timestamp with time zone NOT NULL,
	"client_company" text NOT NULL,
	"client_account_url" text,
	"client_key" text NOT NULL,
	"currency" char(3) NOT NULL,
	"amount_minor" bigint NOT NULL,
	"rate" numeric(20, 10) NOT NULL,
	"program_amount_minor" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"excluded_at" timestamp with time zone,
	"excluded_by" uuid,
	"exclusion_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_verdicts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"level_before" text NOT NULL,
	"level_after" text,
	"config_version" integer NOT NULL,
	"explanation" jsonb NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "course_completions" ADD CONSTRAINT "course_completions_partner_user_id_partner_users_id_fk" FOREIGN KEY ("partner_user_id") REFERENCES "public"."partner_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_completions" ADD CONSTRAINT "course_completions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_completions" ADD CONSTRAINT "course_completions_recorded_by_managers_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."managers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nfr_claims" ADD CONSTRAINT "nfr_claims_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nfr_claims" ADD CONSTRAINT "nfr_claims_recorded_by_managers_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."managers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_users" ADD CONSTRAINT "partner_users_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_users" ADD CONSTRAINT "partner_users_decided_by_managers_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."managers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_config_versions" ADD CONSTRAINT "program_config_versions_published_by_managers_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."managers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_evidence" ADD CONSTRAINT "program_evidence_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_evidence" ADD CONSTRAINT "program_evidence_decided_by_managers_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."managers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_integrations" ADD CONSTRAINT "program_integrations_created_by_managers_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."managers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_memberships" ADD CONSTRAINT "program_memberships_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_orders" ADD CONSTRAINT "program_orders_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_orders" ADD CONSTRAINT "program_orders_integration_id_program_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."program_integrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_orders" ADD CONSTRAINT "program_orders_excluded_by_managers_id_fk" FOREIGN KEY ("excluded_by") REFERENCES "public"."managers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_orders" ADD CONSTRAINT "program_orders_created_by_managers_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."managers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_verdicts" ADD CONSTRAINT "program_verdicts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "course_completions_once" ON "course_completions" USING btree ("partner_user_id","course");--> statement-breakpoint
CREATE INDEX "course_completions_partner_idx" ON "course_completions" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "nfr_claims_partner_idx" ON "nfr_claims" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_users_login" ON "partner_users" USING btree ("partner_id","store_login");--> statement-breakpoint
CREATE INDEX "program_evidence_partner_idx" ON "program_evidence" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "program_memberships_ready_idx" ON "program_memberships" USING btree ("ready_for") WHERE "program_memberships"."ready_for" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "program_orders_external_id" ON "program_orders" USING btree ("external_id") WHERE "program_orders"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "program_orders_partner_idx" ON "program_orders" USING btree ("partner_id","ordered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "program_verdicts_once" ON "program_verdicts" USING btree ("partner_id","kind","at");