import Link from "next/link";
import { Lock } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export function Forbidden({ message, backHref }: { message: string; backHref: string }) {
  return (
    <Card data-testid="forbidden">
      <EmptyState
        icon={Lock}
        title="You don't have access to this page"
        action={
          <Link href={backHref}>
            <Button variant="secondary">Back to overview</Button>
          </Link>
        }
      >
        {message}
      </EmptyState>
    </Card>
  );
}
