import { expect, test, type Browser, type Page } from "@playwright/test";
import { createAdminKey, DESKTOP, horizontalOverflow, MODEL_BASE_URL, OWNER_STATE, ownerMeta, PHONE, snap } from "./helpers";

type Visit = { name: string; path: string; signedOut?: boolean; ready?: string };

/** Opens `path` and waits for the app to render it (the page's own h1, or the 404/empty state). */
async function open(page: Page, path: string, ready?: string) {
  await page.goto(path);
  if (ready) await expect(page.locator(ready).first()).toBeVisible({ timeout: 20_000 });
  await page.waitForLoadState("load");
  await expect(page.locator("h1, h2, h3").first()).toBeVisible();
  // Let fonts, Monaco and client-only widgets settle their width before measuring.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
}

async function sweep(browser: Browser, visits: Visit[], device: "phone" | "desktop") {
  const options = device === "phone" ? PHONE : DESKTOP;
  const signedIn = await browser.newContext({ ...options, storageState: OWNER_STATE });
  const signedOut = await browser.newContext({ ...options, storageState: { cookies: [], origins: [] } });
  for (const v of visits) {
    const page = await (v.signedOut ? signedOut : signedIn).newPage();
    await open(page, v.path, v.ready);
    // No page may scroll sideways: not the document, not the app's scrolling <main>.
    expect.soft(await horizontalOverflow(page), `${v.name} (${v.path}) at ${device} scrolls sideways`).toEqual({ document: 0, main: 0 });
    await snap(page, `${device}-${v.name}`);
    await page.close();
  }
  await signedIn.close();
  await signedOut.close();
}

test("every page fits a 390 px phone without sideways scrolling, and renders at 1440x900", async ({ page, browser, request }) => {
  test.setTimeout(240_000);
  const { slug: ws } = ownerMeta();
  const stamp = Date.now().toString(36);
  const auth = await createAdminKey(page, `responsive-e2e-${stamp}`);

  // Content for the pages to show: a prompt with two versions and runs of both, a pairwise queue, an empty queue.
  const connection = `rs-${stamp}`;
  const slug = `support/responsive-a-rather-long-prompt-name-${stamp}`;
  let res = await request.post("/api/v1/providers", { headers: auth, data: { name: connection, kind: "openai-compatible", baseUrl: MODEL_BASE_URL } });
  expect(res.status()).toBe(201);
  res = await request.post("/api/v1/prompts", { headers: auth, data: { slug, type: "text", content: "Answer the customer about {{topic}} kindly, in two sentences at most.", message: "First version" } });
  expect(res.status()).toBe(201);
  res = await request.post(`/api/v1/prompts/${encodeURIComponent(slug)}/versions`, { headers: auth, data: { content: "Answer the customer about {{topic}} in one short, kind sentence.", message: "Shorter answers" } });
  expect(res.status()).toBe(201);
  const ids: string[] = [];
  for (const version of [1, 2]) {
    res = await request.post("/api/v1/runs", { headers: auth, data: { prompt: slug, version, model: `${connection}/echo`, variables: { topic: "a refund for a parcel that arrived damaged" } } });
    expect(res.status()).toBe(200);
    ids.push((await res.json()).id);
  }
  res = await request.post("/api/v1/review-queues", { headers: auth, data: { name: `Pairwise ${stamp}`, mode: "pairwise", instructions: "Pick the answer a customer would rather get.", generationIds: ids } });
  expect(res.status()).toBe(201);
  const pairwise = (await res.json()).id as string;
  res = await request.post("/api/v1/review-queues", { headers: auth, data: { name: `Empty ${stamp}`, generationIds: [] } });
  expect(res.status()).toBe(201);
  const empty = (await res.json()).id as string;

  const w = `/w/${ws}`;
  const p = `${w}/prompts/${slug}`;
  const visits: Visit[] = [
    { name: "sign-in", path: "/sign-in", signedOut: true },
    { name: "sign-up", path: "/sign-up", signedOut: true },
    { name: "new-workspace", path: "/new" },
    { name: "overview", path: w },
    { name: "prompts", path: `${w}/prompts` },
    { name: "prompt-editor", path: p, ready: ".monaco-editor" },
    { name: "prompt-versions", path: `${p}?tab=versions` },
    { name: "prompt-compare", path: `${p}?tab=compare` },
    { name: "prompt-runs", path: `${p}?tab=runs` },
    { name: "prompt-environments", path: `${p}?tab=environments` },
    { name: "prompt-details", path: `${p}?tab=details` },
    { name: "playground", path: `${w}/playground?prompt=${encodeURIComponent(slug)}` },
    { name: "reviews", path: `${w}/reviews` },
    { name: "review-pairwise", path: `${w}/reviews/${pairwise}` },
    { name: "review-results", path: `${w}/reviews/${pairwise}/results` },
    { name: "review-empty-queue", path: `${w}/reviews/${empty}` },
    { name: "run-detail", path: `${w}/runs/${ids[0]}` },
    { name: "audit", path: `${w}/audit` },
    { name: "api-docs", path: `${w}/api-docs` },
    { name: "settings", path: `${w}/settings` },
    { name: "settings-members", path: `${w}/settings/members` },
    { name: "settings-api-keys", path: `${w}/settings/api-keys` },
    { name: "settings-models", path: `${w}/settings/models` },
    { name: "settings-environments", path: `${w}/settings/environments` },
    { name: "not-found", path: `${w}/no-such-page` },
  ];
  await sweep(browser, visits, "phone");
  await sweep(browser, visits, "desktop");

  // The empty queue says so, and sorts after the queues with work.
  await page.goto(`${w}/reviews/${empty}`);
  await expect(page.getByTestId("queue-done")).toContainText("This queue has no items yet");
  await page.goto(`${w}/reviews`);
  await expect(page.getByTestId("queue-row").filter({ hasText: `Empty ${stamp}` }).getByTestId("queue-progress")).toHaveText("No items yet");
  const progress = await page.getByTestId("queue-progress").allTextContents();
  const firstEmpty = progress.indexOf("No items yet");
  expect(progress.slice(0, firstEmpty).length).toBeGreaterThan(0);
  expect(progress.slice(firstEmpty).every((t) => t === "No items yet"), progress.join(" | ")).toBe(true);
});
