CREATE TABLE "review_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"queue_id" uuid NOT NULL,
	"generation_id" uuid NOT NULL,
	"generation_b_id" uuid,
	"swapped" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_lease" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_queue_assignee" (
	"queue_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "review_queue_assignee_queue_id_user_id_pk" PRIMARY KEY("queue_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "review_queue" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"mode" text DEFAULT 'single' NOT NULL,
	"blind" boolean DEFAULT false NOT NULL,
	"reviews_per_item" integer DEFAULT 1 NOT NULL,
	"rubric" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"allow_comment" boolean DEFAULT true NOT NULL,
	"filter" jsonb,
	"sampling_rate" double precision DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "review_playground_key";--> statement-breakpoint
ALTER TABLE "review" ADD COLUMN "queue_id" uuid;--> statement-breakpoint
ALTER TABLE "review" ADD COLUMN "item_id" uuid;--> statement-breakpoint
ALTER TABLE "review_item" ADD CONSTRAINT "review_item_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_item" ADD CONSTRAINT "review_item_queue_id_review_queue_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."review_queue"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_item" ADD CONSTRAINT "review_item_generation_id_generation_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_item" ADD CONSTRAINT "review_item_generation_b_id_generation_id_fk" FOREIGN KEY ("generation_b_id") REFERENCES "public"."generation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_lease" ADD CONSTRAINT "review_lease_item_id_review_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_lease" ADD CONSTRAINT "review_lease_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_queue_assignee" ADD CONSTRAINT "review_queue_assignee_queue_id_review_queue_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."review_queue"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_queue_assignee" ADD CONSTRAINT "review_queue_assignee_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_queue" ADD CONSTRAINT "review_queue_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_queue" ADD CONSTRAINT "review_queue_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_item_queue_idx" ON "review_item" USING btree ("queue_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_item_key" ON "review_item" USING btree ("queue_id","generation_id","generation_b_id");--> statement-breakpoint
CREATE INDEX "review_lease_item_idx" ON "review_lease" USING btree ("item_id","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_lease_item_user_key" ON "review_lease" USING btree ("item_id","user_id");--> statement-breakpoint
CREATE INDEX "review_queue_workspace_idx" ON "review_queue" USING btree ("workspace_id");--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_queue_id_review_queue_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."review_queue"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_item_id_review_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_item_reviewer_key" ON "review" USING btree ("item_id","reviewer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_playground_key" ON "review" USING btree ("generation_id","reviewer_id","source") WHERE item_id is null;