"use client";
import Link from "next/link";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

type Ws = { slug: string; name: string; role: string };

export function WorkspaceSwitcher({ current, workspaces }: { current: Ws; workspaces: Ws[] }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:hover:bg-zinc-800"
        aria-label="Switch workspace"
      >
        <span className="flex size-6 shrink-0 items-center justify-center rounded bg-blue-600 text-xs font-semibold text-white">{current.name.slice(0, 1).toUpperCase()}</span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-semibold">{current.name}</span>
          <span className="block truncate text-xs text-zinc-500">{current.role}</span>
        </span>
        <ChevronsUpDown className="size-4 text-zinc-400" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>Workspaces</DropdownMenuLabel>
        <div className="max-h-72 overflow-y-auto">
          {workspaces.map((w) => (
            <DropdownMenuItem key={w.slug} asChild>
              <Link href={`/w/${w.slug}`}>
                <span className="flex size-5 shrink-0 items-center justify-center rounded bg-zinc-200 text-[10px] font-semibold dark:bg-zinc-700">{w.name.slice(0, 1).toUpperCase()}</span>
                <span className="min-w-0 flex-1 truncate">{w.name}</span>
                {w.slug === current.slug && <Check className="size-4" />}
              </Link>
            </DropdownMenuItem>
          ))}
        </div>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/new">
            <Plus className="size-4" /> Create workspace
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
