"use client";
import { useState } from "react";
import { leaveWorkspaceAction, renameWorkspaceAction } from "@/app/w/[slug]/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { useServerAction } from "./use-action";

export function GeneralForm({ slug, name }: { slug: string; name: string }) {
  const [value, setValue] = useState(name);
  const rename = useServerAction();
  const leave = useServerAction();
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <CardHeader title="Workspace" description="The name everyone in the workspace sees." />
        <CardBody>
          <form
            className="grid max-w-md gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              rename.run(() => renameWorkspaceAction(slug, value), { success: "Workspace renamed" });
            }}
          >
            {rename.error && <Alert>{rename.error}</Alert>}
            <Field label="Name" htmlFor="ws-name">
              <Input id="ws-name" value={value} maxLength={80} required onChange={(e) => setValue(e.target.value)} />
            </Field>
            <Field label="URL" htmlFor="ws-slug" hint="The workspace URL is fixed once created.">
              <Input id="ws-slug" value={`/w/${slug}`} readOnly disabled />
            </Field>
            <div>
              <Button type="submit" pending={rename.pending} disabled={value.trim() === name}>
                Save
              </Button>
            </div>
          </form>
        </CardBody>
      </Card>
      <Card className="border-red-200 dark:border-red-900/60">
        <CardHeader title="Leave workspace" description="You lose access until someone invites you again. The last owner cannot leave." />
        <CardBody>
          {leave.error && <Alert className="mb-3">{leave.error}</Alert>}
          <Button
            variant="danger"
            pending={leave.pending}
            onClick={() => {
              if (confirm("Leave this workspace?")) leave.run(() => leaveWorkspaceAction(slug));
            }}
          >
            Leave workspace
          </Button>
        </CardBody>
      </Card>
    </div>
  );
}
