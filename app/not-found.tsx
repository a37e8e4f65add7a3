import Link from "next/link";
import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <main className="flex min-h-full items-center justify-center px-4">
      <EmptyState
        icon={SearchX}
        title="Page not found"
        action={
          <Link href="/">
            <Button variant="secondary">Go to your workspaces</Button>
          </Link>
        }
      >
        It does not exist, or you are not a member of the workspace it belongs to.
      </EmptyState>
    </main>
  );
}
