import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/forbidden";
import { ApiKeysTable, CreateApiKeyDialog } from "@/components/settings/api-keys";
import { Card, CardHeader } from "@/components/ui/card";
import { API_KEY_SCOPES, listApiKeys } from "@/lib/api-keys";
import { settingsAccess } from "../guard";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { ctx, allowed, message, back } = await settingsAccess(slug);
  if (!allowed) return <Forbidden message={message} backHref={back} />;
  const keys = await listApiKeys({ ctx });
  return (
    <Card>
      <CardHeader title="API keys" description={
          <>
            Send as Authorization: Bearer pyk_… Keys are stored hashed and shown once.{" "}
            <a href={`/w/${ctx.workspace.slug}/api-docs`} className="text-blue-600 hover:underline dark:text-blue-400">
              API reference
            </a>
          </>
        } action={<CreateApiKeyDialog slug={ctx.workspace.slug} scopes={API_KEY_SCOPES} />} />
      <ApiKeysTable
        slug={ctx.workspace.slug}
        keys={keys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null }))}
      />
    </Card>
  );
}
