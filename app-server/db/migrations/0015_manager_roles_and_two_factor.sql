CREATE TABLE "manager_pending_sign_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"manager_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "manager_pending_sign_ins_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "manager_sign_in_policy" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"require_two_factor" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manager_sign_in_policy_one_row" CHECK ("manager_sign_in_policy"."id")
);
--> statement-breakpoint
ALTER TABLE "manager_sessions" ADD COLUMN "last_seen_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Accounts made before roles existed could do everything, so they become admins.
ALTER TABLE "managers" ADD COLUMN "role" text DEFAULT 'admin' NOT NULL;--> statement-breakpoint
ALTER TABLE "managers" ALTER COLUMN "role" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "managers" ADD COLUMN "totp_secret" text;--> statement-breakpoint
ALTER TABLE "managers" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "managers" ADD COLUMN "totp_pending_secret" text;--> statement-breakpoint
ALTER TABLE "managers" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
ALTER TABLE "managers" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "manager_pending_sign_ins" ADD CONSTRAINT "manager_pending_sign_ins_manager_id_managers_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."managers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "manager_pending_sign_ins_manager_idx" ON "manager_pending_sign_ins" USING btree ("manager_id");