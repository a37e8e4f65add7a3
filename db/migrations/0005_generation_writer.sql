ALTER TABLE "generation" ALTER COLUMN "input" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "generation" ALTER COLUMN "cost_usd" SET DATA TYPE numeric(20, 12);--> statement-breakpoint
ALTER TABLE "generation" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "generation" ADD COLUMN "trace_id" text;--> statement-breakpoint
ALTER TABLE "generation" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generation" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
-- Rows from before this migration: the call is dated by when it was stored, and ends latency_ms later.
UPDATE "generation" SET "started_at" = "created_at", "ended_at" = CASE WHEN "latency_ms" IS NULL THEN NULL ELSE "created_at" + make_interval(secs => "latency_ms" / 1000.0) END;--> statement-breakpoint
ALTER TABLE "generation" ALTER COLUMN "started_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "generation" ALTER COLUMN "started_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "generation" ADD COLUMN "environment" text;--> statement-breakpoint
ALTER TABLE "generation" ADD COLUMN "served_hash" text;--> statement-breakpoint
ALTER TABLE "generation" ADD COLUMN "metadata" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "generation" ADD COLUMN "user_ref" text;--> statement-breakpoint
CREATE UNIQUE INDEX "generation_external_id_key" ON "generation" USING btree ("workspace_id","external_id") WHERE external_id is not null;--> statement-breakpoint
CREATE INDEX "generation_trace_idx" ON "generation" USING btree ("workspace_id","trace_id") WHERE trace_id is not null;