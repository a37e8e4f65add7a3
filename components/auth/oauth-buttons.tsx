import { oauthSignInAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";

const NAMES = { github: "GitHub", google: "Google" } as const;

export function OAuthButtons({ providers, callbackUrl }: { providers: (keyof typeof NAMES)[]; callbackUrl: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="mt-4 grid gap-2">
      <div className="relative my-2 text-center text-xs text-zinc-500">
        <span className="relative z-10 bg-white px-2 dark:bg-zinc-900">or</span>
        <div className="absolute inset-x-0 top-1/2 h-px bg-zinc-200 dark:bg-zinc-800" />
      </div>
      {providers.map((p) => (
        <form
          key={p}
          action={oauthSignInAction.bind(null, p, callbackUrl)}
        >
          <Button type="submit" variant="secondary" className="w-full">
            Continue with {NAMES[p]}
          </Button>
        </form>
      ))}
    </div>
  );
}
