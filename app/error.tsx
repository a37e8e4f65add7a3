"use client";
import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-full items-center justify-center px-4">
      <EmptyState icon={TriangleAlert} title="Something went wrong" action={<Button onClick={reset}>Try again</Button>}>
        The error has been logged{error.digest ? ` (reference ${error.digest})` : ""}. If it keeps happening, tell your workspace admin.
      </EmptyState>
    </main>
  );
}
