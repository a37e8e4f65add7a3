import type { Metadata } from "next";
import Link from "next/link";
import { DeploymentsTable } from "@/components/deployments/deployments-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspace } from "@/lib/auth/session";
import { listDeployments } from "@/lib/deployments";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Deployments" };

/** What each application serves, against where its labels point now (every member may look). */
export default async function DeploymentsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { ctx } = await requireWorkspace(slug);
  const deployments = await listDeployments({ ctx });
  const env = getEnv();
  const drifting = deployments.filter((d) => !d.silent && d.prompts.some((p) => p.status !== "in_sync")).length;
  return (
    <>
      <PageHeader
        title="Deployments"
        description={
          <>
            What your applications report they serve. {deployments.length ? `${drifting} of ${deployments.length} drifting. ` : ""}Silent after {env.PROMPTYARD_DRIFT_SILENT_MINUTES} min without a report; drift
            lasting {env.PROMPTYARD_DRIFT_ALERT_MINUTES} min emits <code className="font-mono">drift.detected</code>.{" "}
            <Link href={`/w/${slug}/use`} className="text-blue-600 hover:underline dark:text-blue-400">
              How to report
            </Link>
          </>
        }
      />
      <DeploymentsTable ws={slug} deployments={deployments} silentMinutes={env.PROMPTYARD_DRIFT_SILENT_MINUTES} />
    </>
  );
}
