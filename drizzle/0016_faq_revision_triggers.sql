-- faq_revision counts changes to what /faq can show, so each process knows when its in-memory cache
-- of FAQ reads is out of date. Statement triggers keep it right for every writer (the bot, the faq
-- CLI, the seed, a moderator's SQL): one bump per statement, however many rows it touched.
INSERT INTO faq_revision (id, revision) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION faq_bump_revision() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    UPDATE faq_revision SET revision = revision + 1 WHERE id = 1;
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER faq_entries_bump_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON faq_entries
  FOR EACH STATEMENT EXECUTE FUNCTION faq_bump_revision();
--> statement-breakpoint
CREATE TRIGGER faq_hidden_bump_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON faq_hidden
  FOR EACH STATEMENT EXECUTE FUNCTION faq_bump_revision();
