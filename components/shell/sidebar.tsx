import { BookOpen, ClipboardCheck, Code, FileText, FlaskConical, Home, Rocket, ScrollText, Settings } from "lucide-react";
import { MobileNav } from "./mobile-nav";
import { NavLink } from "./nav-link";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

type Ws = { slug: string; name: string; role: string };
type SidebarProps = {
  current: Ws;
  workspaces: Ws[];
  user: { name: string; email: string };
  canSettings: boolean;
  canAudit?: boolean;
  canReviews?: boolean;
};

/** Areas appear here as they are built; each is shown only to roles that may open it. */
function SidebarContent({ current, workspaces, user, canSettings, canAudit = false, canReviews = false }: SidebarProps) {
  const base = `/w/${current.slug}`;
  return (
    <>
      <WorkspaceSwitcher current={current} workspaces={workspaces} />
      <nav className="mt-4 grid gap-0.5" aria-label="Workspace">
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
        <NavLink href={`${base}/deployments`}>
          <Rocket className="size-4" /> Deployments
        </NavLink>
        <NavLink href={`${base}/use`}>
          <Code className="size-4" /> Use in your app
        </NavLink>
        <NavLink href={`${base}/api-docs`}>
          <BookOpen className="size-4" /> API reference
        </NavLink>
        {canSettings && (
          <NavLink href={`${base}/settings`}>
            <Settings className="size-4" /> Settings
          </NavLink>
        )}
      </nav>
      <div className="mt-auto border-t border-zinc-200 pt-2 dark:border-zinc-800">
        <UserMenu name={user.name} email={user.email} />
      </div>
    </>
  );
}

/**
 * The workspace navigation: a fixed column from the md breakpoint up; below it, a top bar whose menu button opens
 * the same links in a drawer.
 */
export function Sidebar(props: SidebarProps) {
  return (
    <>
      <MobileNav title={props.current.name}>
        <SidebarContent {...props} />
      </MobileNav>
      <aside className="hidden h-full w-60 shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 p-2 md:flex dark:border-zinc-800 dark:bg-zinc-950">
        <SidebarContent {...props} />
      </aside>
    </>
  );
}
