import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Ctx } from "@/lib/context";

export async function getUserById({ ctx, userId }: { ctx: Pick<Ctx, "db">; userId: string }) {
  const [user] = await ctx.db
    .select({ id: users.id, email: users.email, name: users.name, image: users.image })
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
}
