ALTER TABLE "faq_entries" ADD COLUMN "question_key" text GENERATED ALWAYS AS (faq_normalize("question")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "faq_entries" ADD COLUMN "alias_keys" text[] GENERATED ALWAYS AS (faq_normalize_all("aliases")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "faq_entries_question_key_idx" ON "faq_entries" USING btree ("guild_id","question_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "faq_entries_alias_keys_idx" ON "faq_entries" USING gin ("alias_keys");