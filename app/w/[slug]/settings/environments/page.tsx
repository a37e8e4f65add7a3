import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/forbidden";
import { EnvironmentPolicies } from "@/components/settings/environments";
import { Card, CardHeader } from "@/components/ui/card";
import { can } from "@/lib/context";
import { listLabelPolicies } from "@/lib/labels";
import { settingsAccess } from "../guard";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { ctx, allowed, message, back } = await settingsAccess(slug);
  if (!allowed) return <Forbidden message={message} backHref={back} />;
  const policies = await listLabelPolicies({ ctx });
  return (
    <Card>
      <CardHeader
        title="Environment policies"
        description="Labels are environments. Each has a minimum role allowed to move it, enforced in the UI, server actions and the REST API. Labels without a policy: editor or higher."
      />
      <EnvironmentPolicies ws={ctx.workspace.slug} policies={policies} canManage={can(ctx, "policies:manage")} />
    </Card>
  );
}
