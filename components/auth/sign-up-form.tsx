"use client";
import { useActionState } from "react";
import Link from "next/link";
import { signUpAction, type AuthFormState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";

export function SignUpForm({ inviteToken, email, minPassword, signInHref }: { inviteToken?: string; email?: string; minPassword: number; signInHref: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, null);
  return (
    <form action={action} className="grid gap-4">
      {inviteToken && <input type="hidden" name="inviteToken" value={inviteToken} />}
      {state?.error && <Alert>{state.error.message}</Alert>}
      <Field label="Name" htmlFor="name">
        <Input id="name" name="name" autoComplete="name" required autoFocus defaultValue={state?.values?.name} maxLength={100} />
      </Field>
      <Field label="Email" htmlFor="email">
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state?.values?.email ?? email}
          readOnly={Boolean(inviteToken && email)}
        />
      </Field>
      <Field label="Password" htmlFor="password" hint={`At least ${minPassword} characters.`}>
        <Input id="password" name="password" type="password" autoComplete="new-password" required minLength={minPassword} maxLength={200} />
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        {inviteToken ? "Create account and join" : "Create account"}
      </Button>
      <p className="text-center text-sm text-zinc-500">
        Already have an account?{" "}
        <Link className="font-medium text-zinc-900 underline-offset-4 hover:underline dark:text-zinc-100" href={signInHref}>
          Sign in
        </Link>
      </p>
    </form>
  );
}
