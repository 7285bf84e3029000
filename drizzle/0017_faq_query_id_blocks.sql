-- The bot reserves faq_queries ids in blocks, so a reply can name its question (for the vote
-- buttons) before the row is stored (src/faq/activity-log.ts). One nextval now hands out a block of
-- 100: far cheaper than 100 calls. A restart wastes at most one block; int4 ids last for about
-- 21 million blocks. Must match FAQ_QUERY_ID_BLOCK in src/db/queries/faq-queries.ts.
ALTER SEQUENCE faq_queries_id_seq INCREMENT BY 100;
