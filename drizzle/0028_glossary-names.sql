ALTER TABLE "faq_queries" RENAME TO "faq_questions";--> statement-breakpoint
ALTER TABLE "member_pitfall_cursors" RENAME TO "member_pitfall_progress";--> statement-breakpoint
ALTER TABLE "erased_opening_traces" RENAME TO "deleted_opening_traces";--> statement-breakpoint
ALTER TABLE "faq_votes" RENAME COLUMN "query_id" TO "question_id";--> statement-breakpoint
ALTER TABLE "faq_votes" DROP CONSTRAINT "faq_votes_query_id_faq_queries_id_fk";
--> statement-breakpoint
DROP INDEX "faq_queries_guild_asked_idx";--> statement-breakpoint
DROP INDEX "faq_queries_asked_idx";--> statement-breakpoint
DROP INDEX "erased_opening_traces_author_idx";--> statement-breakpoint
ALTER TABLE "member_pitfall_progress" DROP CONSTRAINT "member_pitfall_cursors_guild_id_user_id_pk";--> statement-breakpoint
ALTER TABLE "member_pitfall_progress" ADD CONSTRAINT "member_pitfall_progress_guild_id_user_id_pk" PRIMARY KEY("guild_id","user_id");--> statement-breakpoint
ALTER TABLE "faq_votes" ADD CONSTRAINT "faq_votes_question_id_faq_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."faq_questions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "faq_questions_guild_asked_idx" ON "faq_questions" USING btree ("guild_id","asked_at");--> statement-breakpoint
CREATE INDEX "faq_questions_asked_idx" ON "faq_questions" USING btree ("asked_at");--> statement-breakpoint
CREATE INDEX "deleted_opening_traces_author_idx" ON "deleted_opening_traces" USING btree ("guild_id","author_id","created_at");