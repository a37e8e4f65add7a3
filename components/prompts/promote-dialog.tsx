"use client";
import { useState } from "react";
import { moveLabelAction } from "@/app/w/[slug]/prompts/actions";
import { useServerAction } from "@/components/settings/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";

/** A label the caller may or may not move: `minRole` comes from the label's policy, `allowed` from the caller's role. */
export type LabelRule = { name: string; minRole: string; allowed: boolean };

export function PromoteDialog({ ws, slug, version, labels, role, open, onOpenChange }: { ws: string; slug: string; version: number; labels: LabelRule[]; role: string; open: boolean; onOpenChange: (o: boolean) => void }) {
  const movable = labels.filter((l) => l.allowed).map((l) => l.name);
  const blocked = labels.filter((l) => !l.allowed);
  const [label, setLabel] = useState(movable.includes("staging") ? "staging" : (movable[0] ?? "__custom"));
  const [custom, setCustom] = useState("");
  const [reason, setReason] = useState("");
  const action = useServerAction();
  const target = label === "__custom" ? custom.trim() : label;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={`Promote v${version}`} description="Moves an environment label to this version. Every move is recorded with its reason.">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            action.run(() => moveLabelAction(ws, { slug, label: target, version, reason }), {
              success: `${target} → v${version}`,
              onSuccess: () => onOpenChange(false),
            });
          }}
        >
          {action.error && <Alert>{action.error}</Alert>}
          <Field label="Environment" htmlFor="promote-label">
            <Select id="promote-label" value={label} onChange={(e) => setLabel(e.target.value)}>
              {labels.map((l) => (
                <option key={l.name} value={l.name} disabled={!l.allowed}>
                  {l.allowed ? l.name : `${l.name} (needs ${l.minRole})`}
                </option>
              ))}
              <option value="__custom">New label…</option>
            </Select>
          </Field>
          {blocked.length > 0 && (
            <p className="-mt-2 text-xs text-zinc-500" data-testid="promote-blocked">
              {blocked.map((l) => l.name).join(", ")} {blocked.length === 1 ? "is" : "are"} moved by {[...new Set(blocked.map((l) => l.minRole))].join(" or ")} or higher; you are {role}. Ask an
              admin to promote there, or promote to {movable.length ? movable.join(", ") : "a new label"} first.
            </p>
          )}
          {label === "__custom" && (
            <Field label="Label name" htmlFor="promote-custom" hint="a-z, 0-9, _ . - (up to 36 characters)">
              <Input id="promote-custom" required maxLength={36} value={custom} onChange={(e) => setCustom(e.target.value.toLowerCase())} placeholder="canary" />
            </Field>
          )}
          <Field label="Reason" htmlFor="promote-reason">
            <Input id="promote-reason" required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Passed review on the support eval set" />
          </Field>
          <Button type="submit" pending={action.pending} disabled={!target || !reason.trim()}>
            Promote to {target || "…"}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
