ALTER TABLE "guild_settings" ADD COLUMN "openings_min_member_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "openings" ADD COLUMN "expiry_warned_at" timestamp with time zone;