"use client";
import { useEffect, useState } from "react";
import { usePathname } from "next/navigation";
import * as D from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { Logo } from "./logo";

/**
 * Below the md breakpoint the sidebar lives in a drawer behind a menu button: a Radix dialog, so focus is trapped,
 * Esc closes it and screen readers hear its title. It closes itself when the route changes (a link was followed).
 */
export function MobileNav({ title, children }: { title: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const path = usePathname();
  useEffect(() => setOpen(false), [path]);
  return (
    <D.Root open={open} onOpenChange={setOpen}>
      <header className="sticky top-0 z-30 flex h-12 shrink-0 items-center gap-2 border-b border-zinc-200 bg-zinc-50/95 px-2 backdrop-blur md:hidden dark:border-zinc-800 dark:bg-zinc-950/95" data-testid="mobile-header">
        <D.Trigger className="inline-flex size-10 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-200/70 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:text-zinc-300 dark:hover:bg-zinc-800" aria-label="Open menu">
          <Menu className="size-5" />
        </D.Trigger>
        <span className="min-w-0 flex-1 truncate text-sm font-semibold text-zinc-900 dark:text-zinc-100">{title}</span>
        <Logo className="mr-1 size-5" />
      </header>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-black/40 md:hidden" />
        <D.Content
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col border-r border-zinc-200 bg-zinc-50 p-2 shadow-xl focus:outline-none md:hidden dark:border-zinc-800 dark:bg-zinc-950"
          data-testid="mobile-drawer"
        >
          <D.Title className="sr-only">Menu</D.Title>
          <D.Description className="sr-only">Workspace navigation</D.Description>
          <div className="flex justify-end">
            <D.Close className="inline-flex size-9 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-200/70 dark:hover:bg-zinc-800" aria-label="Close menu">
              <X className="size-4" />
            </D.Close>
          </div>
          {/* A followed link closes the drawer even when it leads to the page already shown (same path, other query). */}
          <div className="flex min-h-0 flex-1 flex-col overflow-y-auto" onClick={(e) => (e.target as HTMLElement).closest("a[href]") && setOpen(false)}>
            {children}
          </div>
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
