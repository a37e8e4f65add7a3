import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiReference, type ApiDocument } from "@/components/api-docs/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { openApiDocument } from "@/lib/openapi";

export const metadata: Metadata = { title: "API reference" };

/** The REST API for people: every member may read it (the layout already checked membership). */
export default async function ApiDocsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Automate prompts, labels, runs and reviews over HTTP.{" "}
            <a href={`/w/${slug}/settings/api-keys`} className="text-blue-600 hover:underline dark:text-blue-400">
              Create an API key
            </a>{" "}
            in settings (admins).
          </>
        }
      />
      <ApiReference doc={openApiDocument() as unknown as ApiDocument} baseUrl={`${proto}://${host}/api/v1`} />
    </>
  );
}
