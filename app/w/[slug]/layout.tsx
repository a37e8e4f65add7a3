import { Sidebar } from "@/components/shell/sidebar";
import { requireWorkspace } from "@/lib/auth/session";
import { can, userCtx } from "@/lib/context";
import { listWorkspacesForUser } from "@/lib/workspaces";

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, ctx } = await requireWorkspace(slug);
  const workspaces = await listWorkspacesForUser({ ctx: userCtx(user.id) });
  return (
    <div className="flex h-full flex-col md:flex-row">
      <Sidebar
        current={{ slug: ctx.workspace.slug, name: ctx.workspace.name, role: ctx.role! }}
        workspaces={workspaces}
        user={{ name: user.name, email: user.email }}
        canSettings={can(ctx, "settings:read")}
        canAudit={can(ctx, "audit:read")}
        canReviews={can(ctx, "queues:read")}
      />
      <main className="min-w-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-6xl px-4 py-6 md:px-8 md:py-8">{children}</div>
      </main>
    </div>
  );
}
