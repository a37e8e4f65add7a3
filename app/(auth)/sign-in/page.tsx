import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { oauthProviders } from "@/lib/auth/next";
import { getSessionUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  SignupClosed: "Sign-up is closed on this instance. Ask a workspace admin for an invite link.",
  EmailNotVerified: "Your provider has not verified that email address.",
  OAuthAccountNotLinked: "That email is linked to another sign-in method.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { callbackUrl = "/", error, email } = await searchParams;
  if (await getSessionUser()) redirect(callbackUrl.startsWith("/") ? callbackUrl : "/");
  const inviteToken = /^\/invite\/([A-Za-z0-9_-]+)$/.exec(callbackUrl)?.[1];
  const signUpHref = inviteToken ? `/sign-up?invite=${inviteToken}` : getEnv().ALLOW_SIGNUP ? "/sign-up" : undefined;
  return (
    <Card>
      <CardBody className="p-6">
        <h1 className="mb-1 text-lg font-semibold">Sign in</h1>
        <p className="mb-5 text-sm text-zinc-500">Welcome back to your prompt workspace.</p>
        {error && error !== "CredentialsSignin" && <Alert className="mb-4">{ERRORS[error] ?? "Sign-in failed. Try again."}</Alert>}
        <SignInForm callbackUrl={callbackUrl} defaultEmail={email} signUpHref={signUpHref} />
        <OAuthButtons providers={oauthProviders()} callbackUrl={callbackUrl} />
      </CardBody>
    </Card>
  );
}
