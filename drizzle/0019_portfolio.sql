CREATE TYPE "public"."meeting_level" AS ENUM('local', 'regional', 'national', 'international');--> statement-breakpoint
CREATE TYPE "public"."portfolio_kind" AS ENUM('original_research', 'case_report', 'review', 'technical_note', 'letter', 'book_chapter', 'educational', 'abstract', 'oral_presentation', 'project');--> statement-breakpoint
CREATE TYPE "public"."portfolio_role" AS ENUM('entry', 'intermediate', 'advanced');--> statement-breakpoint
CREATE TYPE "public"."portfolio_status" AS ENUM('in_preparation', 'submitted', 'accepted', 'in_press', 'published', 'presented', 'idea', 'data_collection', 'analysis', 'writing', 'done');--> statement-breakpoint
CREATE TABLE "portfolio_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" "portfolio_kind" NOT NULL,
	"status" "portfolio_status" NOT NULL,
	"title" text NOT NULL,
	"venue" text,
	"role_detail" text,
	"role" "portfolio_role" NOT NULL,
	"link" text,
	"status_since" date NOT NULL,
	"ir_related" boolean DEFAULT false NOT NULL,
	"first_author" boolean DEFAULT false NOT NULL,
	"meeting_level" "meeting_level",
	"actively_written" boolean DEFAULT false NOT NULL,
	"nudge_snoozed_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_nudges" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"next_check_at" timestamp with time zone,
	"last_sent_at" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"off_reason" text,
	"off_notice_pending" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_nudges_guild_id_user_id_pk" PRIMARY KEY("guild_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "portfolio_items_member_idx" ON "portfolio_items" USING btree ("guild_id","user_id","id");--> statement-breakpoint
CREATE INDEX "portfolio_nudges_due_idx" ON "portfolio_nudges" USING btree ("next_check_at");