import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";

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

/** The owner (on `page`) invites a new member with `role`; they sign up through the link in a fresh context. */
export async function inviteMember(page: Page, browser: Browser, slug: string, role: string, name: string, contextOptions: BrowserContextOptions = {}) {
  const email = uniqueEmail(role);
  await page.goto(`/w/${slug}/settings/members`);
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email", { exact: true }).fill(email);
  await dialog.getByLabel("Role", { exact: true }).selectOption(role);
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  const link = await dialog.getByTestId("invite-link").inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  const context = await browser.newContext({ ...contextOptions, storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  await other.goto(link);
  await other.getByRole("button", { name: "Create an account to join" }).click();
  await signUp(other, { name });
  await other.waitForURL(new RegExp(`/w/${slug}$`));
  return { email, context, page: other };
}

/** The stand-in model provider that playwright.config.ts starts next to the app. */
export const MODEL_BASE_URL = `http://127.0.0.1:${process.env.E2E_MODEL_PORT ?? 4010}/v1`;

/** A phone: 390x844 CSS px, touch, mobile viewport meta honoured. */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };

/** The owner (on `page`) creates an all-scopes API key in the UI and returns its Authorization header. */
export async function createAdminKey(page: Page, name: string): Promise<{ Authorization: string }> {
  await page.goto(`/w/${ownerMeta().slug}/settings/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  const keyDialog = page.getByRole("dialog");
  await keyDialog.getByLabel("Name", { exact: true }).fill(name);
  await keyDialog.getByRole("checkbox", { name: /^admin/ }).check();
  await keyDialog.getByRole("button", { name: "Create key" }).click();
  const key = await keyDialog.getByTestId("new-api-key").inputValue();
  await keyDialog.getByRole("button", { name: "Done" }).click();
  return { Authorization: `Bearer ${key}` };
}

/**
 * How far the page scrolls sideways, on the document and on the app's scrolling <main> (either means sideways page
 * scroll), and the first few elements that stick out past the viewport's right edge, for the failure message.
 */
export async function horizontalOverflow(page: Page): Promise<{ document: number; main: number; culprits?: string[] }> {
  return page.evaluate(() => {
    const d = document.documentElement;
    const main = document.querySelector("main");
    const result: { document: number; main: number; culprits?: string[] } = {
      document: d.scrollWidth - d.clientWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
    };
    if (result.document > 0 || result.main > 0) {
      const edge = d.clientWidth;
      const scrollsItself = (el: Element | null) => {
        for (let e = el?.parentElement; e && e !== main; e = e.parentElement) if (["auto", "scroll", "hidden"].includes(getComputedStyle(e).overflowX)) return true;
        return false;
      };
      result.culprits = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > edge + 1 && !scrollsItself(el) && ![...el.children].some((c) => c.getBoundingClientRect().right > edge + 1))
        .slice(0, 4)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 6).join(".")} "${(el.textContent ?? "").trim().slice(0, 40)}" right=${Math.round(el.getBoundingClientRect().right)}`);
    }
    return result;
  });
}
