CREATE TABLE "opening_alerts" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" "opening_kind",
	"focus" "opening_focus",
	"remote" boolean,
	"role" "opening_role",
	"told_through" timestamp with time zone NOT NULL,
	"last_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opening_alerts_guild_id_user_id_pk" PRIMARY KEY("guild_id","user_id")
);
