import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { dummyVerify, verifyPassword } from "./password";
import { clearSignIn, limitSignIn, recordSignInFailure } from "./rate-limit";
import { SignInInput } from "./schemas";

/**
 * Email + password check, throttled per address and per account+address pair (throws rate_limited; see
 * rate-limit.ts).
 * Returns the user, or null for any wrong combination: never says which half was wrong.
 */
export async function verifyCredentials({ ctx, input, ip }: { ctx: Pick<Ctx, "db">; input: SignInInput; ip: string }) {
  const parsed = SignInInput.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  await limitSignIn(email, ip);
  const [user] = await ctx.db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user?.passwordHash) {
    await dummyVerify(password);
    await recordSignInFailure(email, ip);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordSignInFailure(email, ip);
    return null;
  }
  await clearSignIn(email, ip);
  return { id: user.id, email: user.email, name: user.name };
}
