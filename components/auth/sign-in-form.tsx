"use client";
import { useActionState } from "react";
import Link from "next/link";
import { signInAction, type AuthFormState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";

export function SignInForm({ callbackUrl, defaultEmail, signUpHref }: { callbackUrl: string; defaultEmail?: string; signUpHref?: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInAction, null);
  return (
    <form action={action} className="grid gap-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state?.error && <Alert>{state.error.message}</Alert>}
      <Field label="Email" htmlFor="email">
        <Input id="email" name="email" type="email" autoComplete="email" required autoFocus defaultValue={state?.values?.email ?? defaultEmail} />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
      {signUpHref && (
        <p className="text-center text-sm text-zinc-500">
          New here?{" "}
          <Link className="font-medium text-zinc-900 underline-offset-4 hover:underline dark:text-zinc-100" href={signUpHref}>
            Create an account
          </Link>
        </p>
      )}
    </form>
  );
}
