import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test as setup } from "@playwright/test";
import { OWNER_META_FILE, OWNER_STATE, snap, signUp, uniqueEmail } from "./helpers";

// Signs up once, creates the workspace the other specs use, and saves the signed-in state.
setup("sign up and create a workspace", async ({ page }) => {
  mkdirSync("e2e/.auth", { recursive: true });
  const email = uniqueEmail("owner");
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await snap(page, "sign-in");
  await page.getByRole("link", { name: "Create an account" }).click();
  await signUp(page, { name: "Olivia Owner", email });

  await expect(page).toHaveURL(/\/new$/);
  const name = `E2E Team ${Date.now().toString(36)}`;
  await page.getByLabel("Workspace name").fill(name);
  await snap(page, "new-workspace");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/e2e-team-/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  await snap(page, "overview-owner");

  await page.context().storageState({ path: OWNER_STATE });
  writeFileSync(OWNER_META_FILE, JSON.stringify({ email, slug, name }));
});
