CREATE TYPE "public"."opening_focus" AS ENUM('ir', 'diagnostic_radiology', 'other_specialty');--> statement-breakpoint
CREATE TYPE "public"."opening_kind" AS ENUM('case_report', 'case_series', 'retrospective', 'prospective', 'database', 'systematic_review', 'pictorial_essay', 'technical_note', 'quality_improvement', 'basic_science', 'other');--> statement-breakpoint
CREATE TYPE "public"."opening_post_state" AS ENUM('none', 'pending', 'posted');--> statement-breakpoint
CREATE TYPE "public"."opening_role" AS ENUM('entry', 'intermediate', 'advanced');--> statement-breakpoint
CREATE TYPE "public"."opening_status" AS ENUM('open', 'filled', 'withdrawn', 'expired');--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"publications" integer NOT NULL,
	"ir_publications" integer NOT NULL,
	"first_author" integer NOT NULL,
	"abstracts" integer NOT NULL,
	"presentations" integer NOT NULL,
	"ir_projects" integer NOT NULL,
	"ongoing" integer NOT NULL,
	"months_to_apply" integer NOT NULL,
	"level" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guild_settings" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"openings_channel_id" text,
	"openings_channel_type" integer,
	"assessments_channel_id" text,
	"reminders_channel_id" text,
	"reminders_every_hours" integer,
	"reminders_next_run_at" timestamp with time zone,
	"reminders_failures" integer DEFAULT 0 NOT NULL,
	"reminders_pitfall_cursor" integer DEFAULT 0 NOT NULL,
	"posting_problem" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opening_interests" (
	"opening_id" integer NOT NULL,
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opening_interests_opening_id_user_id_pk" PRIMARY KEY("opening_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "openings" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"author_id" text NOT NULL,
	"title" text NOT NULL,
	"institution" text NOT NULL,
	"mentor" text,
	"kind" "opening_kind" NOT NULL,
	"focus" "opening_focus" NOT NULL,
	"remote" boolean NOT NULL,
	"role" "opening_role" NOT NULL,
	"description" text NOT NULL,
	"contact" text NOT NULL,
	"status" "opening_status" DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"channel_id" text,
	"message_id" text,
	"post_state" "opening_post_state" DEFAULT 'none' NOT NULL,
	"post_attempts" integer DEFAULT 0 NOT NULL,
	"next_post_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opening_interests" ADD CONSTRAINT "opening_interests_opening_id_openings_id_fk" FOREIGN KEY ("opening_id") REFERENCES "public"."openings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_member_idx" ON "assessments" USING btree ("guild_id","user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "opening_interests_member_idx" ON "opening_interests" USING btree ("guild_id","user_id");--> statement-breakpoint
CREATE INDEX "openings_guild_status_created_idx" ON "openings" USING btree ("guild_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "openings_author_created_idx" ON "openings" USING btree ("guild_id","author_id","created_at");--> statement-breakpoint
CREATE INDEX "openings_expiry_idx" ON "openings" USING btree ("expires_at") WHERE "openings"."status" = 'open';--> statement-breakpoint
CREATE INDEX "openings_pending_post_idx" ON "openings" USING btree ("next_post_attempt_at") WHERE "openings"."post_state" = 'pending';