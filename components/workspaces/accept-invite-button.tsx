"use client";
import { useState, useTransition } from "react";
import { acceptInviteAction } from "@/app/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function AcceptInviteButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grid gap-3">
      {error && <Alert>{error}</Alert>}
      <Button
        pending={pending}
        onClick={() =>
          start(async () => {
            const res = await acceptInviteAction(token);
            if (res && !res.ok) setError(res.error.message);
          })
        }
      >
        Join {workspaceName}
      </Button>
    </div>
  );
}
