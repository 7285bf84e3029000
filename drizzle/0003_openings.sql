DROP INDEX "openings_guild_status_created_idx";--> statement-breakpoint
ALTER TABLE "openings" ADD COLUMN "thread_id" text;--> statement-breakpoint
ALTER TABLE "openings" ADD COLUMN "opened_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "openings_guild_status_opened_idx" ON "openings" USING btree ("guild_id","status","opened_at" DESC NULLS LAST);