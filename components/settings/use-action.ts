"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/http/errors";

/** Runs a server action with a pending state; shows the error (or a success toast) and refreshes the page data. */
export function useServerAction() {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  function run<T>(fn: () => Promise<ActionResult<T>>, opts: { success?: string; onSuccess?: (data: T) => void } = {}) {
    setError(null);
    start(async () => {
      const res = await fn();
      if (!res.ok) {
        setError(res.error.message);
        toast.error(res.error.message);
        return;
      }
      if (opts.success) toast.success(opts.success);
      opts.onSuccess?.(res.data);
      router.refresh();
    });
  }
  return { pending, error, setError, run };
}
