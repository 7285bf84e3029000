CREATE TABLE "member_pitfall_cursors" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"shown" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_pitfall_cursors_guild_id_user_id_pk" PRIMARY KEY("guild_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "guild_settings_reminders_due_idx" ON "guild_settings" USING btree ("reminders_next_run_at") WHERE "guild_settings"."reminders_next_run_at" is not null;