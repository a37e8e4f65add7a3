import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { signUp, verifyCredentials } from "@/lib/auth";
import type { Ctx } from "@/lib/context";
import { createInvite } from "@/lib/members";
import { loadWorkspaceForUser } from "@/lib/workspaces";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError, expectZodError } from "@/lib/test/expect";
import { TEST_PASSWORD, makeWorkspace } from "@/lib/test/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const sys = (): Ctx => ({ db: database.db, actor: { kind: "system" } });
const email = () => `${uniq("su")}@example.test`;
/** Limiters are in-memory per process: every test signs in from its own address. */
const ip = () => `10.${uniq("ip")}`;

async function userRow(address: string) {
  const [row] = await database.db.select().from(users).where(eq(users.email, address));
  return row;
}

describe(`signUp (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("creates the user with an argon2id hash, never the plain password, and a normalised email", async () => {
    const local = uniq("Mixed");
    const { user } = await signUp({
      ctx: sys(),
      input: { name: "  Ada  ", email: `  ${local}@Example.TEST  `, password: TEST_PASSWORD },
      allowSignup: true,
    });
    const expectedEmail = `${local.toLowerCase()}@example.test`;
    expect(user.email).toBe(expectedEmail);
    expect(user.name).toBe("Ada");

    const row = await userRow(expectedEmail);
    expect(row?.id).toBe(user.id);
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(TEST_PASSWORD);
    expect(JSON.stringify(row)).not.toContain(TEST_PASSWORD);
  });

  it("rejects a duplicate email (whatever its case) with conflict", async () => {
    const address = email();
    await signUp({ ctx: sys(), input: { name: "First", email: address, password: TEST_PASSWORD }, allowSignup: true });
    await expectAppError(
      signUp({ ctx: sys(), input: { name: "Second", email: address.toUpperCase(), password: TEST_PASSWORD }, allowSignup: true }),
      "conflict",
      /already exists/,
    );
    const rows = await database.db.select().from(users).where(eq(users.email, address));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe("First");
  });

  it("rejects a short password with a message naming the minimum", async () => {
    const address = email();
    await expectZodError(signUp({ ctx: sys(), input: { name: "Shorty", email: address, password: "123456789" }, allowSignup: true }), /at least 10 characters/);
    expect(await userRow(address)).toBeUndefined();
  });

  it("is forbidden when sign-up is closed and no invite is given", async () => {
    const address = email();
    await expectAppError(signUp({ ctx: sys(), input: { name: "Closed", email: address, password: TEST_PASSWORD }, allowSignup: false }), "forbidden", /closed/);
    expect(await userRow(address)).toBeUndefined();
  });

  it("when closed, a valid invite for the same email opens it and joins the workspace with the invite role", async () => {
    const { ctx: ownerCtx, ws } = await makeWorkspace(database);
    const address = email();
    const { token } = await createInvite({ ctx: ownerCtx, input: { email: address, role: "reviewer" } });

    const result = await signUp({
      ctx: sys(),
      input: { name: "Invited", email: address.toUpperCase(), password: TEST_PASSWORD, inviteToken: token },
      allowSignup: false,
    });
    expect(result.joinedWorkspaceSlug).toBe(ws.slug);
    const memberCtx = await loadWorkspaceForUser(database.db, result.user.id, ws.slug);
    expect(memberCtx.role).toBe("reviewer");
    expect(memberCtx.workspace.id).toBe(ws.id);
  });

  it("when closed, an invite for a different email does not open it", async () => {
    const { ctx: ownerCtx } = await makeWorkspace(database);
    const invited = email();
    const other = email();
    const { token } = await createInvite({ ctx: ownerCtx, input: { email: invited, role: "editor" } });
    await expectAppError(
      signUp({ ctx: sys(), input: { name: "Other", email: other, password: TEST_PASSWORD, inviteToken: token }, allowSignup: false }),
      "forbidden",
    );
    expect(await userRow(other)).toBeUndefined();
  });

  it("when closed, a made-up invite token does not open it", async () => {
    const address = email();
    await expectAppError(
      signUp({ ctx: sys(), input: { name: "Faker", email: address, password: TEST_PASSWORD, inviteToken: "not-a-real-token" }, allowSignup: false }),
      "not_found",
    );
    expect(await userRow(address)).toBeUndefined();
  });
});

describe(`verifyCredentials (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  async function registered() {
    const address = email();
    const { user } = await signUp({ ctx: sys(), input: { name: "Signer", email: address, password: TEST_PASSWORD }, allowSignup: true });
    return { address, user };
  }

  it("returns the user for the right password (email case-insensitive)", async () => {
    const { address, user } = await registered();
    const res = await verifyCredentials({ ctx: { db: database.db }, input: { email: ` ${address.toUpperCase()} `, password: TEST_PASSWORD }, ip: ip() });
    expect(res).toEqual({ id: user.id, email: address, name: "Signer" });
  });

  it("returns null for a wrong password and for an unknown email", async () => {
    const { address } = await registered();
    const addr = ip();
    expect(await verifyCredentials({ ctx: { db: database.db }, input: { email: address, password: "wrong password!" }, ip: addr })).toBeNull();
    expect(await verifyCredentials({ ctx: { db: database.db }, input: { email: email(), password: TEST_PASSWORD }, ip: addr })).toBeNull();
    expect(await verifyCredentials({ ctx: { db: database.db }, input: { email: "not an email", password: TEST_PASSWORD }, ip: addr })).toBeNull();
  });

  it("past 5 free failures for one email from one address, the next attempt waits even with the right password", async () => {
    const { address } = await registered();
    const addr = ip();
    for (let i = 0; i < 6; i++) {
      expect(await verifyCredentials({ ctx: { db: database.db }, input: { email: address, password: `wrong-${i}-password` }, ip: addr })).toBeNull();
    }
    const err = await expectAppError(
      verifyCredentials({ ctx: { db: database.db }, input: { email: address, password: TEST_PASSWORD }, ip: addr }),
      "rate_limited",
      /Too many failed sign-ins for this account from this address/,
    );
    expect(err.retryAfterSeconds).toBeGreaterThan(0);

    // The wait is per account+address: the owner elsewhere, and another account from the same address, still sign in.
    expect(await verifyCredentials({ ctx: { db: database.db }, input: { email: address, password: TEST_PASSWORD }, ip: ip() })).not.toBeNull();
    const other = await registered();
    expect(await verifyCredentials({ ctx: { db: database.db }, input: { email: other.address, password: TEST_PASSWORD }, ip: addr })).not.toBeNull();
  });

  it("a successful sign-in resets the per-account counter", async () => {
    const { address } = await registered();
    const addr = ip();
    const attempt = (password: string) => verifyCredentials({ ctx: { db: database.db }, input: { email: address, password }, ip: addr });
    for (let i = 0; i < 4; i++) expect(await attempt("wrong password!")).toBeNull();
    expect(await attempt(TEST_PASSWORD)).not.toBeNull();
    for (let i = 0; i < 4; i++) expect(await attempt("wrong password!")).toBeNull();
    expect(await attempt(TEST_PASSWORD)).not.toBeNull();
  });
});
