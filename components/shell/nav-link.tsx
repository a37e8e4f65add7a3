"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export function NavLink({ href, exact, children }: { href: string; exact?: boolean; children: React.ReactNode }) {
  const path = usePathname();
  const active = exact ? path === href : path === href || path.startsWith(href + "/");
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium transition-colors",
        active ? "bg-zinc-200/70 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100",
      )}
    >
      {children}
    </Link>
  );
}

export function TabLink({ href, children }: { href: string; children: React.ReactNode }) {
  const path = usePathname();
  const active = path === href;
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "-mb-px shrink-0 whitespace-nowrap border-b-2 px-1 pb-2 text-sm font-medium",
        active ? "border-zinc-900 text-zinc-900 dark:border-zinc-100 dark:text-zinc-100" : "border-transparent text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100",
      )}
    >
      {children}
    </Link>
  );
}

/** A row of TabLinks under a header; on a narrow screen it scrolls sideways inside its own box, never the page. */
export function TabNav({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <nav className="mb-6 overflow-x-auto [scrollbar-width:none]" aria-label={label}>
      <div className="flex w-max min-w-full gap-5 border-b border-zinc-200 dark:border-zinc-800">{children}</div>
    </nav>
  );
}
