CREATE TABLE "rating_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"won_weight" double precision NOT NULL,
	"lost_weight" double precision NOT NULL,
	"weights_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rating_changes" ADD CONSTRAINT "rating_changes_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rating_changes_partner_at_idx" ON "rating_changes" USING btree ("partner_id","at");