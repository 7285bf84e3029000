-- What drizzle-kit cannot express for the FAQ search: a trigram index and the trigger that
-- keeps faq_terms (the vocabulary used to correct typos) in step with faq_entries.
CREATE INDEX IF NOT EXISTS "faq_terms_trgm_idx" ON "faq_terms" USING gin ("term" gin_trgm_ops);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION faq_collect_terms() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO faq_terms (term)
    -- to_tsvector('simple') lists each distinct word of a row once, which is quicker than splitting.
    SELECT DISTINCT word.lexeme
    FROM new_rows,
      unnest(to_tsvector('simple', public.faq_normalize(
        question || ' ' || array_to_string(aliases, ' ') || ' ' || array_to_string(tags, ' ') || ' ' || answer
      ))) AS word
    WHERE length(word.lexeme) BETWEEN 3 AND 30
    ON CONFLICT (term) DO NOTHING;
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER faq_entries_terms_on_insert AFTER INSERT ON faq_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION faq_collect_terms();
--> statement-breakpoint
CREATE TRIGGER faq_entries_terms_on_update AFTER UPDATE ON faq_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION faq_collect_terms();
