CREATE TABLE "deployment_prompt" (
	"workspace_id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"label" text,
	"version" integer,
	"hash" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"drift_since" timestamp with time zone,
	"alerted_at" timestamp with time zone,
	CONSTRAINT "deployment_prompt_deployment_id_slug_pk" PRIMARY KEY("deployment_id","slug")
);
--> statement-breakpoint
CREATE TABLE "deployment" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"environment" text NOT NULL,
	"source" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deployment_prompt" ADD CONSTRAINT "deployment_prompt_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_prompt" ADD CONSTRAINT "deployment_prompt_deployment_id_deployment_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deployment_prompt_workspace_slug_idx" ON "deployment_prompt" USING btree ("workspace_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "deployment_name_key" ON "deployment" USING btree ("workspace_id","name","environment");