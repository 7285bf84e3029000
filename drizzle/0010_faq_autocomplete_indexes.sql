-- The normalised form of every alias, for exact-alias matches (a generated column of faq_entries
-- uses it). The inner call is schema-qualified: PostgreSQL 17+ evaluates index and generated
-- expressions during maintenance with search_path set to pg_catalog only.
CREATE OR REPLACE FUNCTION faq_normalize_all(items text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(public.faq_normalize(item)), '{}'::text[]) FROM unnest(items) AS item $$;
