import { expect, test, type Browser, type Page } from "@playwright/test";
import { MODEL_BASE_URL, OWNER_STATE, ownerMeta } from "./helpers";

// Pages of issue 10's user-experience pass, on the demo workspace (seeded at start on the embedded database).
const DEMO_PASSWORD = "promptyard-demo";
const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function demoSession(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/w\/demo/);
  return page;
}

/** Screenshots at both sizes, for people to read; not assertions. */
async function shots(page: Page, name: string) {
  for (const s of SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.screenshot({ path: `test-results/screens/${name}-${s.name}.png`, fullPage: s.name === "phone" ? false : true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("missing pages answer 404 inside the workspace shell, with a message that fits the case", async ({ page, browser }) => {
  const { slug } = ownerMeta();
  const sidebar = page.getByRole("navigation", { name: "Workspace" });

  const prompt = await page.goto(`/w/${slug}/prompts/no-such/prompt`);
  expect(prompt?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("No prompt with this name in this workspace");
  await expect(page.getByText(/not a member/)).toHaveCount(0);
  await expect(sidebar).toBeVisible();
  await shots(page, "404-prompt");

  // Another workspace's queue (the demo's), by id, from this workspace: not found here, not "forbidden".
  const demo = await demoSession(browser, "demo@promptyard.dev");
  await demo.goto("/w/demo/reviews");
  const href = await demo.getByRole("link", { name: /weekly quality sample/ }).first().getAttribute("href");
  const queueId = href!.split("/")[4]!;
  await demo.context().close();
  for (const path of [`reviews/${queueId}`, `reviews/${queueId}/results`]) {
    const res = await page.goto(`/w/${slug}/${path}`);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByTestId("not-found")).toContainText("no such review queue");
    await expect(sidebar).toBeVisible();
  }
  await shots(page, "404-queue");

  const run = await page.goto(`/w/${slug}/runs/00000000-0000-4000-8000-000000000000`);
  expect(run?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("no such run");

  const other = await page.goto(`/w/${slug}/no/such/page`);
  expect(other?.status()).toBe(404);
  await expect(sidebar).toBeVisible();

  // A workspace you are not in keeps the wording that covers both cases.
  const ws = await page.goto(`/w/demo/prompts`);
  expect(ws?.status()).toBe(404);
  await expect(page.getByText(/not a member/)).toBeVisible();
});

test("a run opens from the Runs tab with its output, rendered prompt, variables, numbers and reviews", async ({ browser }) => {
  const page = await demoSession(browser, "priya@promptyard.dev");
  await page.goto("/w/demo/prompts/support/reply?tab=runs");
  await page.getByTestId("run-link").first().click();
  await expect(page).toHaveURL(/\/w\/demo\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Run of support/reply" })).toBeVisible();
  await expect(page.getByTestId("run-output")).not.toBeEmpty();
  await expect(page.getByTestId("run-input")).toContainText(/user|system/i);
  await expect(page.getByTestId("run-variables")).toContainText("customer_name");
  await expect(page.getByTestId("run-stats")).toContainText("ms");
  await shots(page, "run-detail");

  // A reviewed run lists the verdicts with their comments and queue; a reviewer is kept out of a blind queue's runs.
  await page.goto("/w/demo/prompts/support/reply?tab=runs");
  const rated = page.getByTestId("run-row").filter({ has: page.locator('[data-testid="run-rating"]:not([data-up="0"])') });
  await rated.first().getByTestId("run-link").click();
  await expect(page.getByTestId("run-feedback")).toContainText("weekly quality sample");
  await shots(page, "run-detail-reviewed");
  const runUrl = page.url();
  await page.context().close();

  const reviewer = await demoSession(browser, "marco@promptyard.dev");
  const res = await reviewer.goto(runUrl);
  expect(res?.status()).toBe(200);
  const blindOrOpen = await reviewer.getByTestId("forbidden").count();
  // The first rated run is production traffic that is also in the blind pairwise queue (first 6 of each).
  expect(blindOrOpen).toBe(1);
  await expect(reviewer.getByTestId("forbidden")).toContainText("blind review");
  await reviewer.context().close();
});

test("roles are explained before acting: an editor sees production disabled with the reason; a viewer reads calmly", async ({ browser }) => {
  const editor = await demoSession(browser, "priya@promptyard.dev");
  await editor.goto("/w/demo/prompts/support/reply?tab=versions");
  await editor.getByRole("button", { name: "Promote…" }).first().click();
  const dialog = editor.getByRole("dialog");
  const production = dialog.getByRole("option", { name: /production/ });
  await expect(production).toBeDisabled();
  await expect(production).toHaveText("production (needs admin)");
  await expect(dialog.getByLabel("Environment")).not.toHaveValue("production");
  await expect(dialog.getByTestId("promote-blocked")).toContainText("you are editor");
  await shots(editor, "promote-editor");
  await editor.context().close();

  const viewer = await demoSession(browser, "dana@promptyard.dev");
  await viewer.goto("/w/demo/prompts/support/reply");
  await expect(viewer.getByTestId("read-only-notice")).toBeVisible();
  // No error box (empty live regions of the router and toaster aside).
  await expect(viewer.getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Try in playground" })).toHaveCount(0);
  await shots(viewer, "prompt-viewer");
  await viewer.goto("/w/demo/playground?prompt=support%2Freply");
  await expect(viewer.getByTestId("read-only-notice")).toBeVisible();
  await expect(viewer.getByText(/No model connections/)).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Add column" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Run all" })).toHaveCount(0);
  await shots(viewer, "playground-viewer");
  await viewer.context().close();
});

test("playground: reported models, a JSON editor for sections, reasons instead of a silent disabled Run, outputs that survive a reload", async ({ page }) => {
  const { slug: ws } = ownerMeta();
  await page.goto(`/w/${ws}/settings/models`);
  await page.getByRole("button", { name: "Add connection" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Kind", { exact: true }).selectOption("openai-compatible");
  await dialog.getByLabel("Name", { exact: true }).fill("uxfx");
  await dialog.getByLabel("Base URL", { exact: true }).fill(MODEL_BASE_URL);
  await dialog.getByRole("button", { name: "Save connection" }).click();
  await expect(dialog).toBeHidden();

  const slug = `ux/list-${Date.now().toString(36)}`;
  await page.goto(`/w/${ws}/prompts`);
  await page.getByRole("button", { name: "New prompt" }).click();
  await page.getByRole("dialog").getByLabel("Slug", { exact: true }).fill(slug);
  await page.getByRole("dialog").getByRole("button", { name: "Create prompt" }).click();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" {{#items}}- {{.}} {{/items}}");
  await page.getByRole("button", { name: "Commit version" }).click();
  await page.getByRole("dialog").getByLabel("Message", { exact: true }).fill("A list");
  await page.getByRole("dialog").getByRole("button", { name: "Commit version" }).click();
  await expect(page.getByTestId("label-latest")).toContainText("v2");

  await page.goto(`/w/${ws}/playground?prompt=${encodeURIComponent(slug)}`);
  await page.getByLabel("Prompt version for column 1").selectOption("v:2");
  await page.getByLabel("Prompt version for column 2").selectOption("v:2");
  const model1 = page.getByLabel("Model for column 1");
  await expect(model1.locator("option", { hasText: "uxfx/echo-json" })).toHaveCount(1);
  await model1.selectOption("uxfx/echo");
  await page.getByLabel("Model for column 2").selectOption("uxfx/echo");

  // A section variable takes JSON: missing, then malformed, is flagged, and Run says why it is disabled.
  const items = page.getByLabel("items (JSON)");
  await expect(page.getByTestId("var-problem-items")).toContainText("needs a JSON value");
  await expect(page.getByRole("button", { name: "Run all" })).toBeDisabled();
  await expect(page.getByTestId("run-all-problem")).toContainText("{{items}} needs a JSON value");
  await items.fill('["a", "b"');
  await expect(page.getByTestId("var-problem-items")).toContainText("not valid JSON");
  await shots(page, "playground-json-invalid");
  await items.fill('["apples", "pears"]');
  await expect(page.getByTestId("var-problem-items")).toHaveCount(0);
  // The session is saved a moment after the outputs arrive, with each column's run id.
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]) && (r.request().postData() ?? "").includes("runId"));
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByTestId("output-0")).toContainText("- apples - pears");
  await expect(page.getByTestId("cost-0")).toHaveText("n/a");
  await expect(page.getByTestId("cost-0")).toHaveAttribute("href", `/w/${ws}/settings/models#prices`);
  await page.getByTestId("show-prompt-0").click();
  await expect(page.getByTestId("rendered-prompt").first()).toContainText("- apples - pears");
  await shots(page, "playground-ran");

  // Saved with the session: a reload shows the same outputs.
  await saved;
  await page.reload();
  await expect(page.getByTestId("output-0")).toContainText("- apples - pears");
  await expect(page.getByTestId("output-1")).toContainText("- apples - pears");
  await page.getByTestId("run-link-0").click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/runs/[0-9a-f-]{36}$`));
  await expect(page.getByTestId("run-variables")).toContainText("apples");
});

test("a secret typed into the live draft warns everyone in the editor before commit; the commit dialog suggests the version", async ({ page, browser }) => {
  const { slug: ws } = ownerMeta();
  const slug = `ux/secret-${Date.now().toString(36)}`;
  await page.goto(`/w/${ws}/prompts`);
  await page.getByRole("button", { name: "New prompt" }).click();
  await page.getByRole("dialog").getByLabel("Slug", { exact: true }).fill(slug);
  await page.getByRole("dialog").getByRole("button", { name: "Create prompt" }).click();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");

  const other = await browser.newContext({ storageState: OWNER_STATE });
  const second = await other.newPage();
  await second.goto(page.url());
  await expect(second.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");

  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Use key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0");
  await expect(page.getByTestId("secret-warning")).toContainText("OpenAI API key in content line 1");
  await expect(second.getByTestId("secret-warning")).toContainText("OpenAI API key in content line 1");
  await expect(page.getByRole("button", { name: "Commit version" })).toBeDisabled();
  await shots(second, "editor-secret-warning");

  // Removing it clears the warning for both; the commit dialog's version box holds the suggested semver.
  for (let i = 0; i < " Use key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0".length; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type(" Be brief.");
  await expect(second.getByTestId("secret-warning")).toHaveCount(0);
  await page.getByRole("button", { name: "Commit version" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Version")).toHaveValue(/^\d+\.\d+\.\d+$/);
  await shots(page, "commit-dialog");
  await other.close();
});

test("compare names config changes next to variables, and takes a label or the live draft as either side", async ({ browser }) => {
  const page = await demoSession(browser, "priya@promptyard.dev");
  // production (v3) -> staging (v4): a new variable and a stronger model, both named in the summary.
  await page.goto("/w/demo/prompts/support/reply?tab=compare&from=production&to=staging");
  const summary = page.getByTestId("diff-summary");
  await expect(page.getByRole("heading", { name: /^production \(v3, [\d.]+\) → staging \(v4, [\d.]+\)$/ })).toBeVisible();
  await expect(summary).toContainText("+ tone");
  await expect(page.getByTestId("config-change-model")).toHaveText("model: gpt-4o-mini → gpt-4o");
  await shots(page, "compare-labels");
  await page.getByLabel("To version").selectOption("draft");
  await expect(page).toHaveURL(/from=production&to=draft/);
  await expect(page.getByRole("heading", { name: /production \(v3.*→ live draft \(on v4\)/ })).toBeVisible();
  await expect(page.getByTestId("config-change-model")).toHaveText("model: gpt-4o-mini → gpt-4o");
  await shots(page, "compare-draft");
  await page.context().close();
});

test("navigation: sign-in returns to the deep link; the API snippet uses the browser's origin; the prompt list counts, sorts and filters as you type", async ({ page, browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitor = await context.newPage();
  await visitor.goto("/w/demo/prompts/support/reply?tab=runs");
  await expect(visitor).toHaveURL(/\/sign-in\?callbackUrl=/);
  await visitor.getByLabel("Email").fill("priya@promptyard.dev");
  await visitor.getByLabel("Password").fill(DEMO_PASSWORD);
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(/\/w\/demo\/prompts\/support\/reply\?tab=runs$/);

  await visitor.goto("/w/demo/prompts");
  await expect(visitor.getByTestId("prompt-total")).toHaveText(/^\d+ prompts$/);
  await visitor.getByRole("link", { name: "name", exact: true }).click();
  await expect(visitor).toHaveURL(/sort=name/);
  const slugs = await visitor.locator("tbody tr td:first-child a span.font-mono").allInnerTexts();
  expect(slugs).toEqual([...slugs].sort());
  await visitor.getByLabel("Search prompts").pressSequentially("extractor");
  await expect(visitor).toHaveURL(/q=extractor/);
  await expect(visitor.getByTestId("prompt-total")).toHaveText("1 prompt match");
  await expect(visitor.locator("tbody tr")).toHaveCount(1);
  await shots(visitor, "prompts-filtered");
  await context.close();

  const { slug } = ownerMeta();
  await page.goto(`/w/${slug}`);
  await expect(page.getByTestId("api-snippet")).toContainText(`curl ${new URL(page.url()).origin}/api/v1/workspace`);
});
