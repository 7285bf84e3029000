ALTER TYPE "public"."opening_status" ADD VALUE 'in_review';--> statement-breakpoint
ALTER TYPE "public"."opening_status" ADD VALUE 'rejected';--> statement-breakpoint
ALTER TABLE "guild_settings" ADD COLUMN "openings_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "guild_settings" ADD COLUMN "openings_review_channel_id" text;--> statement-breakpoint
ALTER TABLE "openings" ADD COLUMN "review_channel_id" text;--> statement-breakpoint
ALTER TABLE "openings" ADD COLUMN "review_message_id" text;--> statement-breakpoint
ALTER TABLE "openings" ADD COLUMN "rejection_reason" text;