-- Renaming a table (0028) keeps the names PostgreSQL gave its sequence and primary key; these
-- follow the tables' new names. The code finds the sequence with pg_get_serial_sequence.
ALTER SEQUENCE "faq_queries_id_seq" RENAME TO "faq_questions_id_seq";--> statement-breakpoint
ALTER INDEX "faq_queries_pkey" RENAME TO "faq_questions_pkey";--> statement-breakpoint
ALTER INDEX "erased_opening_traces_pkey" RENAME TO "deleted_opening_traces_pkey";
