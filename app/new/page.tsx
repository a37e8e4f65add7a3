import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/shell/logo";
import { Card, CardBody } from "@/components/ui/card";
import { CreateWorkspaceForm } from "@/components/workspaces/create-workspace-form";
import { requireUser } from "@/lib/auth/session";
import { userCtx } from "@/lib/context";
import { listWorkspacesForUser } from "@/lib/workspaces";

export const metadata: Metadata = { title: "New workspace" };

export default async function NewWorkspacePage() {
  const user = await requireUser("/new");
  const existing = await listWorkspacesForUser({ ctx: userCtx(user.id) });
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-lg font-semibold">
        <Logo className="size-7" /> Promptyard
      </div>
      <Card className="w-full max-w-md">
        <CardBody className="p-6">
          <h1 className="mb-1 text-lg font-semibold">Create a workspace</h1>
          <p className="mb-5 text-sm text-zinc-500">A workspace holds your team&apos;s prompts, members and API keys. You will be its owner.</p>
          <CreateWorkspaceForm />
        </CardBody>
      </Card>
      {existing.length > 0 && (
        <p className="mt-4 text-sm text-zinc-500">
          or go back to{" "}
          <Link className="font-medium text-zinc-900 hover:underline dark:text-zinc-100" href={`/w/${existing[0]!.slug}`}>
            {existing[0]!.name}
          </Link>
        </p>
      )}
    </main>
  );
}
