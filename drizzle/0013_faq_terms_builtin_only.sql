-- faq_terms (the typo-correction vocabulary) used to take words from every guild's own entries, so one
-- server's private words became corrections in every other server and the table only ever grew. It now
-- holds the words of built-in entries only; a guild entry is still found despite a typo through trigram
-- similarity on its question and aliases. faq_entry_words is shared by the trigger and the pruning
-- that the seed runs after changing built-ins (src/db/queries/faqs.ts).
CREATE OR REPLACE FUNCTION faq_entry_words(question text, aliases text[], tags text[], answer text)
  RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    -- to_tsvector('simple') lists each distinct word once, which is quicker than splitting.
    SELECT word.lexeme
    FROM unnest(to_tsvector('simple', public.faq_normalize(
      question || ' ' || array_to_string(aliases, ' ') || ' ' || array_to_string(tags, ' ') || ' ' || answer
    ))) AS word
    WHERE length(word.lexeme) BETWEEN 3 AND 30
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION faq_collect_terms() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO faq_terms (term)
    SELECT DISTINCT word
    FROM new_rows, public.faq_entry_words(question, aliases, tags, answer) AS word
    WHERE new_rows.guild_id IS NULL
    ON CONFLICT (term) DO NOTHING;
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
DELETE FROM faq_terms WHERE term NOT IN (
  SELECT word FROM faq_entries, faq_entry_words(question, aliases, tags, answer) AS word
  WHERE guild_id IS NULL
);
