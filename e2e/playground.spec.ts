import { expect, test } from "@playwright/test";
import { inviteMember, MODEL_BASE_URL, ownerMeta, snap } from "./helpers";

test("admin connects the stand-in model server; an editor runs 2 versions x 2 models, rates one, and sees the history", async ({ page, browser }) => {
  const { slug: ws } = ownerMeta();

  // The admin (owner) adds an OpenAI-compatible connection pointing at the fixture server.
  await page.goto(`/w/${ws}/settings/models`);
  await page.getByRole("button", { name: "Add connection" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Kind", { exact: true }).selectOption("openai-compatible");
  await dialog.getByLabel("Name", { exact: true }).fill("fixture");
  await dialog.getByLabel("Base URL", { exact: true }).fill(MODEL_BASE_URL);
  await dialog.getByRole("button", { name: "Save connection" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("cell", { name: "fixture", exact: true })).toBeVisible();

  // A prompt with two versions.
  const slug = `play/greet-${Date.now().toString(36)}`;
  await page.goto(`/w/${ws}/prompts`);
  await page.getByRole("button", { name: "New prompt" }).click();
  await page.getByRole("dialog").getByLabel("Slug", { exact: true }).fill(slug);
  await page.getByRole("dialog").getByRole("button", { name: "Create prompt" }).click();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Greet {{name}}.");
  await page.getByRole("button", { name: "Commit version" }).click();
  await page.getByRole("dialog").getByLabel("Message", { exact: true }).fill("Greet by name");
  await page.getByRole("dialog").getByRole("button", { name: "Commit version" }).click();
  await expect(page.getByTestId("label-latest")).toContainText("v2");

  // An editor opens the playground: (v1, mini), (v2, mini), (v2, 4o).
  const editor = await inviteMember(page, browser, ws, "editor", "Erin Editor");
  const ep = editor.page;
  await ep.goto(`/w/${ws}/playground?prompt=${encodeURIComponent(slug)}`);
  await ep.getByRole("button", { name: "Add column" }).click();
  const setup = [
    ["v:1", "fixture/gpt-4o-mini"],
    ["v:2", "fixture/gpt-4o-mini"],
    ["v:2", "fixture/gpt-4o"],
  ] as const;
  for (const [i, [source, model]] of setup.entries()) {
    await ep.getByLabel(`Prompt version for column ${i + 1}`).selectOption(source);
    // The fixture reports its own model ids (echo, ...); these are typed, as for any model a connection does not list.
    const picker = ep.getByLabel(`Model for column ${i + 1}`);
    if ((await picker.evaluate((el) => el.tagName)) === "SELECT") await picker.selectOption("__custom");
    await ep.getByLabel(`Model for column ${i + 1}`).fill(model);
  }
  await ep.getByLabel("name", { exact: true }).fill("Ada");
  await ep.getByRole("button", { name: "Run all" }).click();

  await expect(ep.getByTestId("output-0")).toContainText("[gpt-4o-mini] echo: You are a helpful assistant.");
  await expect(ep.getByTestId("output-1")).toContainText("[gpt-4o-mini] echo: You are a helpful assistant. Greet Ada.");
  await expect(ep.getByTestId("output-2")).toContainText("[gpt-4o] echo: You are a helpful assistant. Greet Ada.");
  for (const i of [0, 1, 2]) {
    await expect(ep.getByTestId(`tokens-${i}`)).toHaveText(/^\d+ → \d+ tok$/);
    await expect(ep.getByTestId(`cost-${i}`)).toHaveText(/^\$0\.\d+$/);
    await expect(ep.getByTestId(`metrics-${i}`)).toContainText(/total \d+(\.\d+)? (ms|s)/);
  }
  await ep.getByRole("button", { name: "Thumbs up for column 2" }).click();
  await expect(ep.getByRole("button", { name: "Thumbs up for column 2" })).toHaveAttribute("aria-pressed", "true");
  await snap(ep, "playground");

  // The run history lists the three runs.
  await ep.goto(`/w/${ws}/prompts/${slug}?tab=runs`);
  await expect(ep.getByTestId("run-row")).toHaveCount(3);
  await expect(ep.getByTestId("run-row").filter({ hasText: "fixture/gpt-4o-mini" })).toHaveCount(2);
  await expect(ep.getByTestId("run-row").filter({ hasText: "fixture/gpt-4o" }).filter({ hasNotText: "mini" })).toHaveCount(1);
  // The thumbs up was stored: exactly one run carries it.
  await expect(ep.locator('[data-testid=run-rating][data-up="1"]')).toHaveCount(1);
  await snap(ep, "runs");
  await editor.context.close();
});
