import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { userCtx } from "@/lib/context";
import { listWorkspacesForUser } from "@/lib/workspaces";

export default async function Home() {
  const user = await requireUser();
  const workspaces = await listWorkspacesForUser({ ctx: userCtx(user.id) });
  redirect(workspaces[0] ? `/w/${workspaces[0].slug}` : "/new");
}
