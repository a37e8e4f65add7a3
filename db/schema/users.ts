import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const users = pgTable(
  "user",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Always stored lower-cased; unique. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** argon2id; null for OAuth-only accounts. */
    passwordHash: text("password_hash"),
    image: text("image"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("user_email_key").on(t.email)],
);

export const OAUTH_PROVIDERS = ["github", "google"] as const;

/** Links an OAuth identity to a user; the provider's verified email picks the user on first sign-in. */
export const oauthAccounts = pgTable(
  "oauth_account",
  {
    provider: text("provider", { enum: OAUTH_PROVIDERS }).notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("oauth_account_key").on(t.provider, t.providerAccountId), index("oauth_account_user_idx").on(t.userId)],
);

export type User = typeof users.$inferSelect;
