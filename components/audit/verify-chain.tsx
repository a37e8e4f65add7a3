"use client";
import { useState, useTransition } from "react";
import { ShieldCheck } from "lucide-react";
import { verifyAuditChainAction } from "@/app/w/[slug]/audit/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { AuditVerifyResult } from "@/lib/audit";

const plural = (n: number) => `${n} event${n === 1 ? "" : "s"}`;

export function VerifyChain({ slug }: { slug: string }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  function verify() {
    setError(null);
    start(async () => {
      const res = await verifyAuditChainAction(slug);
      if (res.ok) {
        setResult(res.data);
      } else {
        setResult(null);
        setError(res.error.message);
      }
    });
  }

  return (
    <Card>
      <CardHeader
        title="Chain integrity"
        description="Each event carries the hash of the one before it. Verifying recomputes every hash and checks that none is missing."
        action={
          <Button size="sm" variant="secondary" className="shrink-0 whitespace-nowrap" pending={pending} onClick={verify}>
            <ShieldCheck className="size-4" /> Verify chain
          </Button>
        }
      />
      {(result || error) && (
        <CardBody>
          {error && <Alert>{error}</Alert>}
          {result && (
            <div data-testid="audit-verify-result" data-ok={String(result.ok)}>
              {result.ok ? (
                <Alert tone="success">Chain verified: {plural(result.events)}</Alert>
              ) : (
                <Alert>
                  <span className="font-semibold">Chain broken:</span> {result.reason}.
                  {result.firstBrokenEventId !== undefined && <> First event that no longer verifies: id {result.firstBrokenEventId}.</>}{" "}
                  {plural(result.events)} verified before it.
                </Alert>
              )}
            </div>
          )}
        </CardBody>
      )}
    </Card>
  );
}
