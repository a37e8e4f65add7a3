"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * The body of a 404 inside the workspace shell: says what is missing and where to go instead.
 * not-found files get no props, so the workspace comes from the URL; `back` is a path inside it.
 */
export function NotFoundPanel({ title, children, back, backLabel }: { title: string; children: React.ReactNode; back: string; backLabel: string }) {
  const { slug } = useParams<{ slug?: string }>();
  const backHref = slug ? `/w/${slug}${back}` : "/";
  return (
    <Card data-testid="not-found">
      <EmptyState
        icon={SearchX}
        title={title}
        action={
          <Link href={backHref}>
            <Button variant="secondary">{backLabel}</Button>
          </Link>
        }
      >
        {children}
      </EmptyState>
    </Card>
  );
}
