import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { PASSWORD_MIN } from "@/lib/auth";
import { getSessionUser } from "@/lib/auth/session";
import { systemCtx } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { describeInvite } from "@/lib/members";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { invite: token } = await searchParams;
  if (await getSessionUser()) redirect(token ? `/invite/${token}` : "/");
  const invite = token ? await describeInvite({ ctx: systemCtx(), token }).catch(() => null) : null;
  const signInHref = token ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}` : "/sign-in";
  const closed = !getEnv().ALLOW_SIGNUP && !(invite && invite.status === "pending");
  return (
    <Card>
      <CardBody className="p-6">
        <h1 className="mb-1 text-lg font-semibold">Create your account</h1>
        <p className="mb-5 text-sm text-zinc-500">
          {invite ? (
            <>
              You were invited to <strong className="text-zinc-900 dark:text-zinc-100">{invite.workspaceName}</strong> as {invite.role}.
            </>
          ) : (
            "Manage, test and ship your prompts with your team."
          )}
        </p>
        {token && (!invite || invite.status !== "pending") && (
          <Alert className="mb-4">
            {!invite ? "This invite link is not valid." : invite.status === "expired" ? "This invite link has expired. Ask for a new one." : "This invite link has already been used."}
          </Alert>
        )}
        {closed ? (
          <Alert>Sign-up is closed on this instance. Ask a workspace admin for an invite link.</Alert>
        ) : (
          <SignUpForm inviteToken={invite?.status === "pending" ? token : undefined} email={invite?.email} minPassword={PASSWORD_MIN} signInHref={signInHref} />
        )}
      </CardBody>
    </Card>
  );
}
