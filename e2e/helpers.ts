import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";

export const PASSWORD = "e2e password 12345";
export const OWNER_STATE = "e2e/.auth/owner.json";
const OWNER_META = "e2e/.auth/owner-meta.json";

export function uniqueEmail(prefix: string) {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.test`;
}

export function ownerMeta(): { email: string; slug: string; name: string } {
  return JSON.parse(readFileSync(OWNER_META, "utf8"));
}
export const OWNER_META_FILE = OWNER_META;

/** Saves a screenshot to test-results/screens for people to look at; not an assertion. */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

export async function signUp(page: Page, { name, email, password = PASSWORD }: { name: string; email?: string; password?: string }) {
  await page.getByLabel("Name").fill(name);
  if (email) await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /Create account/ }).click();
}
