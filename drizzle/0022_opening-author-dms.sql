CREATE TABLE "opening_author_settings" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"interest_dms" boolean DEFAULT true NOT NULL,
	"interest_dms_off_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opening_author_settings_guild_id_user_id_pk" PRIMARY KEY("guild_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "opening_interests" ADD COLUMN "author_told_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "openings" ADD COLUMN "author_told_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "opening_interests_untold_idx" ON "opening_interests" USING btree ("opening_id") WHERE "opening_interests"."author_told_at" is null;
--> statement-breakpoint
-- Interests shown before authors were told of them count as told: no direct message about old news.
UPDATE "opening_interests" SET "author_told_at" = "created_at";
