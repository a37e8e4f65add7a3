import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import { Logo } from "@/components/shell/logo";
import { Alert } from "@/components/ui/alert";
import { RoleBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { AcceptInviteButton } from "@/components/workspaces/accept-invite-button";
import { getSessionUser } from "@/lib/auth/session";
import { systemCtx } from "@/lib/context";
import { describeInvite } from "@/lib/members";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, user] = await Promise.all([describeInvite({ ctx: systemCtx(), token }).catch(() => null), getSessionUser()]);
  const here = `/invite/${token}`;
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-lg font-semibold">
        <Logo className="size-7" /> Promptyard
      </div>
      <Card className="w-full max-w-md">
        <CardBody className="grid gap-4 p-6">
          {!invite ? (
            <>
              <h1 className="text-lg font-semibold">Invite not found</h1>
              <Alert>This invite link is not valid or was revoked. Ask the person who sent it for a new one.</Alert>
            </>
          ) : (
            <>
              <div>
                <h1 className="text-lg font-semibold">Join {invite.workspaceName}</h1>
                <p className="mt-1 flex items-center gap-1.5 text-sm text-zinc-500">
                  Invitation for {invite.email} as <RoleBadge role={invite.role} />
                </p>
              </div>
              {invite.status === "expired" && <Alert>This invite link has expired. Ask for a new one.</Alert>}
              {invite.status === "accepted" && <Alert>This invite link has already been used.</Alert>}
              {invite.status === "pending" && !user && (
                <div className="grid gap-2">
                  <Link href={`/sign-up?invite=${token}`}>
                    <Button className="w-full">Create an account to join</Button>
                  </Link>
                  <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invite.email)}`}>
                    <Button variant="secondary" className="w-full">
                      I already have an account
                    </Button>
                  </Link>
                </div>
              )}
              {invite.status === "pending" && user && user.email === invite.email && <AcceptInviteButton token={token} workspaceName={invite.workspaceName} />}
              {invite.status === "pending" && user && user.email !== invite.email && (
                <>
                  <Alert>
                    You are signed in as {user.email}, but this invite is for {invite.email}. Sign out and sign in with that email to accept it.
                  </Alert>
                  <form action={signOutAction}>
                    <Button variant="secondary" className="w-full">
                      Sign out
                    </Button>
                  </form>
                </>
              )}
            </>
          )}
        </CardBody>
      </Card>
    </main>
  );
}
