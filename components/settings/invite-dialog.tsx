"use client";
import { useState } from "react";
import { UserPlus } from "lucide-react";
import { createInviteAction } from "@/app/w/[slug]/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import type { Role } from "@/lib/auth/permissions";
import { useServerAction } from "./use-action";

export function InviteDialog({ slug, roles }: { slug: string; roles: Role[] }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("editor") ? "editor" : roles[roles.length - 1]!);
  const [days, setDays] = useState(7);
  const [link, setLink] = useState<string | null>(null);
  const action = useServerAction();

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      setLink(null);
      setEmail("");
      action.setError(null);
    }
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button size="sm">
          <UserPlus className="size-4" /> Invite member
        </Button>
      </DialogTrigger>
      <DialogContent title="Invite a member" description="Creates a single-use link. Send it however you like; no mail server is needed.">
        {link ? (
          <div className="grid gap-4">
            <Alert tone="success">
              Invite created for {email} as {role}. The link works once and expires in {days} day{days === 1 ? "" : "s"}.
            </Alert>
            <CopyField value={link} label="Invite link" testId="invite-link" />
            <Button variant="secondary" onClick={() => reset(false)}>
              Done
            </Button>
          </div>
        ) : (
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              action.run(() => createInviteAction(slug, { email, role, expiresInDays: days }), {
                onSuccess: (d) => setLink(window.location.origin + d.path),
              });
            }}
          >
            {action.error && <Alert>{action.error}</Alert>}
            <Field label="Email" htmlFor="invite-email" hint="Only this email can accept the invite.">
              <Input id="invite-email" type="email" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
            </Field>
            <div className="grid grid-cols-2 gap-3">
              <Field label="Role" htmlFor="invite-role">
                <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Expires after" htmlFor="invite-days">
                <Select id="invite-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
                  {[1, 3, 7, 14, 30].map((d) => (
                    <option key={d} value={d}>
                      {d} day{d === 1 ? "" : "s"}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Button type="submit" pending={action.pending}>
              Create invite link
            </Button>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
