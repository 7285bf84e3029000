CREATE TABLE "faq_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text,
	"slug" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"source" text NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (faq_search_vector("question", "aliases", "tags", "answer")) STORED NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_hidden" (
	"guild_id" text NOT NULL,
	"slug" text NOT NULL,
	"hidden_by" text NOT NULL,
	"hidden_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faq_hidden_guild_id_slug_pk" PRIMARY KEY("guild_id","slug")
);
--> statement-breakpoint
CREATE TABLE "faq_queries" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"query" text NOT NULL,
	"normalized" text NOT NULL,
	"matched_slug" text,
	"score" real NOT NULL,
	"answered" boolean NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_views" (
	"guild_id" text NOT NULL,
	"slug" text NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"last_viewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faq_views_guild_id_slug_pk" PRIMARY KEY("guild_id","slug")
);
--> statement-breakpoint
CREATE TABLE "faq_votes" (
	"guild_id" text NOT NULL,
	"slug" text NOT NULL,
	"user_id" text NOT NULL,
	"helpful" boolean NOT NULL,
	"query_id" integer,
	"voted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faq_votes_guild_id_slug_user_id_pk" PRIMARY KEY("guild_id","slug","user_id")
);
--> statement-breakpoint
ALTER TABLE "faq_votes" ADD CONSTRAINT "faq_votes_query_id_faq_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."faq_queries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "faq_entries_builtin_slug_idx" ON "faq_entries" USING btree ("slug") WHERE "faq_entries"."guild_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "faq_entries_guild_slug_idx" ON "faq_entries" USING btree ("guild_id","slug") WHERE "faq_entries"."guild_id" is not null;--> statement-breakpoint
CREATE INDEX "faq_entries_search_idx" ON "faq_entries" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "faq_queries_guild_asked_idx" ON "faq_queries" USING btree ("guild_id","asked_at");--> statement-breakpoint
CREATE INDEX "faq_views_most_viewed_idx" ON "faq_views" USING btree ("guild_id","views" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "faq_votes_guild_voted_idx" ON "faq_votes" USING btree ("guild_id","voted_at");