import { BookOpen, ClipboardCheck, FileText, FlaskConical, Home, ScrollText, Settings } from "lucide-react";
import { NavLink } from "./nav-link";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

type Ws = { slug: string; name: string; role: string };

/** Areas appear here as they are built; each is shown only to roles that may open it. */
export function Sidebar({
  current,
  workspaces,
  user,
  canSettings,
  canAudit = false,
  canReviews = false,
}: {
  current: Ws;
  workspaces: Ws[];
  user: { name: string; email: string };
  canSettings: boolean;
  canAudit?: boolean;
  canReviews?: boolean;
}) {
  const base = `/w/${current.slug}`;
  const links = (
    <>
      <NavLink href={base} exact>
        <Home className="size-4" /> Overview
      </NavLink>
      <NavLink href={`${base}/prompts`}>
        <FileText className="size-4" /> Prompts
      </NavLink>
      <NavLink href={`${base}/playground`}>
        <FlaskConical className="size-4" /> Playground
      </NavLink>
      {canReviews && (
        <NavLink href={`${base}/reviews`}>
          <ClipboardCheck className="size-4" /> Reviews
        </NavLink>
      )}
      {canAudit && (
        <NavLink href={`${base}/audit`}>
          <ScrollText className="size-4" /> Audit log
        </NavLink>
      )}
      <NavLink href={`${base}/api-docs`}>
        <BookOpen className="size-4" /> API reference
      </NavLink>
      {canSettings && (
        <NavLink href={`${base}/settings`}>
          <Settings className="size-4" /> Settings
        </NavLink>
      )}
    </>
  );
  return (
    <>
      {/* Phones: a top bar whose links scroll sideways, so pages keep the full width. */}
      <header className="border-b border-zinc-200 bg-zinc-50 p-2 md:hidden dark:border-zinc-800 dark:bg-zinc-950">
        <WorkspaceSwitcher current={current} workspaces={workspaces} />
        <nav className="mt-1 flex gap-0.5 overflow-x-auto whitespace-nowrap" aria-label="Workspace">
          {links}
        </nav>
      </header>
      <aside className="hidden h-full w-60 shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 p-2 md:flex dark:border-zinc-800 dark:bg-zinc-950">
        <WorkspaceSwitcher current={current} workspaces={workspaces} />
        <nav className="mt-4 grid gap-0.5" aria-label="Workspace">
          {links}
        </nav>
        <div className="mt-auto border-t border-zinc-200 pt-2 dark:border-zinc-800">
          <UserMenu name={user.name} email={user.email} />
        </div>
      </aside>
    </>
  );
}
