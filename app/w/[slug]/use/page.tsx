import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { CodeBlock } from "@/components/deployments/code-block";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspace } from "@/lib/auth/session";
import { can } from "@/lib/context";
import { snippets } from "./snippets";

export const metadata: Metadata = { title: "Use prompts in your app" };

/** How applications consume prompts: SDK, curl, lockfile, and a CI gate on drift. */
export default async function UsePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { ctx } = await requireWorkspace(slug);
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000"}`;
  const s = snippets(origin);
  return (
    <>
      <PageHeader
        title="Use prompts in your app"
        description={
          <>
            Fetch the version a label points to, keep serving when Promptyard is down, pin prompts in a lockfile, and fail a deploy on drift.{" "}
            {can(ctx, "apikeys:manage") ? (
              <Link href={`/w/${slug}/settings/api-keys`} className="text-blue-600 hover:underline dark:text-blue-400">
                Create an API key
              </Link>
            ) : (
              <span>Ask an admin for an API key with the prompts:read scope.</span>
            )}
          </>
        }
      />
      <div className="grid min-w-0 gap-4">
        <CodeBlock title="TypeScript SDK" code={s.sdk} note="Cached in memory (stale-while-revalidate); if the server is unreachable the last version it fetched keeps being served, or your fallback on a cold start." />
        <CodeBlock title="curl" code={s.curl} note="ETag and If-None-Match give a 304 when nothing changed. Folders travel URL-encoded (support%2Freply)." />
        <CodeBlock title="Lockfile" code={s.lockfile} note="With promptyard.lock.json, locked prompts are served from the file with no network, each one's hash checked first." />
        <CodeBlock title="GitHub Actions: fail a deploy on drift" code={s.actions} note="promptyard status exits 1 when the lockfile no longer matches the label, 2 on usage or connection errors." />
      </div>
    </>
  );
}
