import { expect, test } from "@playwright/test";
import { ownerMeta, snap } from "./helpers";

test("an owner creates an API key, it authenticates once shown, and revoking it locks it out", async ({ page, request }) => {
  const { slug } = ownerMeta();
  await page.goto(`/w/${slug}/settings/api-keys`);
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await snap(page, "api-keys-empty");
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("ci-pipeline");
  await dialog.getByRole("checkbox", { name: /labels:write/ }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = await dialog.getByTestId("new-api-key").inputValue();
  expect(key).toMatch(/^pyk_[A-Za-z0-9_-]{43}$/);
  await snap(page, "api-key-created");
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByTestId("api-key-ci-pipeline");
  await expect(row).toContainText("prompts:read");
  await expect(row).toContainText("labels:write");
  await expect(row).not.toContainText(key); // only the prefix is ever shown again

  const ok = await request.get("/api/v1/workspace", { headers: { Authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ slug, name: expect.any(String), scopes: ["prompts:read", "labels:write"] });

  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No API keys yet")).toBeVisible();
  const revoked = await request.get("/api/v1/workspace", { headers: { Authorization: `Bearer ${key}` } });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.code).toBe("unauthorized");
});

test("health reports the database in use", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", db: process.env.TEST_DATABASE_URL ? "postgres" : "pglite" });
});
