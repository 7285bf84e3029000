ALTER TABLE "guild_settings" ADD COLUMN "openings_problem" text;--> statement-breakpoint
ALTER TABLE "guild_settings" ADD COLUMN "assessments_problem" text;