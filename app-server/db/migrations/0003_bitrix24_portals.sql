CREATE TABLE "portal_link_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"created_by_manager_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_portal_id" uuid,
	CONSTRAINT "portal_link_codes_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "portals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" text NOT NULL,
	"domain" text NOT NULL,
	"client_endpoint" text NOT NULL,
	"server_endpoint" text NOT NULL,
	"scopes" text[] NOT NULL,
	"status" text NOT NULL,
	"access_token_enc" text,
	"refresh_token_enc" text,
	"expires_at" timestamp with time zone,
	"application_token_enc" text NOT NULL,
	"crm_mode" integer,
	"partner_id" uuid,
	"last_error" text,
	"installed_at" timestamp with time zone NOT NULL,
	"uninstalled_at" timestamp with time zone,
	"last_reconciled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "portals_member_id_unique" UNIQUE("member_id")
);
--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "portal_id" uuid;--> statement-breakpoint
ALTER TABLE "portal_link_codes" ADD CONSTRAINT "portal_link_codes_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_link_codes" ADD CONSTRAINT "portal_link_codes_created_by_manager_id_managers_id_fk" FOREIGN KEY ("created_by_manager_id") REFERENCES "public"."managers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_link_codes" ADD CONSTRAINT "portal_link_codes_used_by_portal_id_portals_id_fk" FOREIGN KEY ("used_by_portal_id") REFERENCES "public"."portals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portals" ADD CONSTRAINT "portals_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portals_partner_idx" ON "portals" USING btree ("partner_id");--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE no action ON UPDATE no action;