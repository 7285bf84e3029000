-- Functions the FAQ tables and their indexes are built on. They are IMMUTABLE so that a generated
-- column and expression indexes may use them (array_to_string is only STABLE in general, but it is
-- deterministic for text[]). Text is normalised the way queries are (faq_normalize, and normalizeText
-- in src/faq/query-text.ts) before parsing, so "Y-90", "IR/DR" or "first-author" split into the same
-- words on both sides.
CREATE OR REPLACE FUNCTION faq_normalize(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT btrim(regexp_replace(lower(coalesce(value, '')), '[^a-z0-9]+', ' ', 'g')) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION faq_search_vector(question text, aliases text[], tags text[], answer text)
  RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT setweight(to_tsvector('english'::regconfig, public.faq_normalize(question)), 'A')
      || setweight(to_tsvector('english'::regconfig, public.faq_normalize(array_to_string(aliases, ' '))), 'A')
      || setweight(to_tsvector('english'::regconfig, public.faq_normalize(array_to_string(tags, ' '))), 'B')
      || setweight(to_tsvector('english'::regconfig, public.faq_normalize(answer)), 'C')
  $$;
