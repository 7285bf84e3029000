CREATE TABLE "faq_lexemes" (
	"lexeme" text PRIMARY KEY NOT NULL,
	"documents" integer NOT NULL
);
