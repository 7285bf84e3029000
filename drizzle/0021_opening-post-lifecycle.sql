ALTER TABLE "openings" ADD COLUMN "post_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "openings" ADD COLUMN "post_retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "openings" ADD COLUMN "content_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "openings" ADD COLUMN "posted_version" integer;--> statement-breakpoint
ALTER TABLE "openings" ADD COLUMN "post_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- next_post_attempt_at meant a lease (a first send in flight), a retry time (after a failure) or
-- "due now": split it by what the row was doing. A post not known to be current shows version 0.
UPDATE "openings" SET
  "post_lease_until" = CASE WHEN "post_state" = 'pending' AND "post_attempts" = 0 AND "next_post_attempt_at" > now() THEN "next_post_attempt_at" END,
  "post_retry_at" = CASE WHEN "post_state" = 'pending' AND "post_attempts" > 0 THEN coalesce("next_post_attempt_at", now()) END,
  "posted_version" = CASE WHEN "message_id" IS NOT NULL THEN CASE WHEN "post_state" = 'posted' THEN 1 ELSE 0 END END;--> statement-breakpoint
DROP INDEX "openings_pending_post_idx";--> statement-breakpoint
ALTER TABLE "openings" ALTER COLUMN "post_state" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "openings" ALTER COLUMN "post_state" SET DATA TYPE text;--> statement-breakpoint
UPDATE "openings" SET "post_state" = CASE
  WHEN "post_state" = 'none' THEN 'gone'
  WHEN "post_state" = 'pending' AND "post_retry_at" IS NOT NULL THEN 'retry'
  WHEN "post_state" = 'pending' AND "post_lease_until" IS NOT NULL THEN 'claimed'
  ELSE "post_state" END;--> statement-breakpoint
DROP TYPE "public"."opening_post_state";--> statement-breakpoint
CREATE TYPE "public"."opening_post_state" AS ENUM('pending', 'claimed', 'posted', 'retry', 'stale', 'gone');--> statement-breakpoint
ALTER TABLE "openings" ALTER COLUMN "post_state" SET DATA TYPE "public"."opening_post_state" USING "post_state"::"public"."opening_post_state";--> statement-breakpoint
ALTER TABLE "openings" ALTER COLUMN "post_state" SET DEFAULT 'gone'::"public"."opening_post_state";--> statement-breakpoint
CREATE INDEX "openings_post_due_idx" ON "openings" USING btree ("post_state","post_retry_at","post_lease_until") WHERE "openings"."post_state" in ('pending', 'claimed', 'retry');--> statement-breakpoint
ALTER TABLE "openings" DROP COLUMN "next_post_attempt_at";
