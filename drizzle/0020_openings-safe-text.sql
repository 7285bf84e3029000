CREATE TABLE "erased_opening_traces" (
	"opening_id" integer PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"author_id" text NOT NULL,
	"duplicate_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "guild_settings" ADD COLUMN "openings_allow_invites" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "erased_opening_traces_author_idx" ON "erased_opening_traces" USING btree ("guild_id","author_id","created_at");