import { expect, test } from "@playwright/test";
import { DESKTOP, inviteMember, MODEL_BASE_URL, ownerMeta, PHONE, snap } from "./helpers";

test("an editor writes a free-form template, previews each column, runs it on two models, and saves it as a prompt", async ({ page, browser }) => {
  const { slug: ws } = ownerMeta();
  const conn = `ff${Date.now().toString(36)}`;

  // The owner adds a connection to the stand-in model server.
  await page.goto(`/w/${ws}/settings/models`);
  await page.getByRole("button", { name: "Add connection" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Kind", { exact: true }).selectOption("openai-compatible");
  await dialog.getByLabel("Name", { exact: true }).fill(conn);
  await dialog.getByLabel("Base URL", { exact: true }).fill(MODEL_BASE_URL);
  await dialog.getByRole("button", { name: "Save connection" }).click();
  await expect(dialog).toBeHidden();

  const editor = await inviteMember(page, browser, ws, "editor", "Fern Freeform", DESKTOP);
  const ep = editor.page;
  // "Free-form" is picked from the same picker as a prompt.
  await ep.goto(`/w/${ws}/playground`);
  await ep.getByLabel("Prompt", { exact: true }).selectOption(":free-form");
  await ep.getByRole("button", { name: "Open" }).click();
  await expect(ep.getByText("Free-form template").first()).toBeAttached();
  await expect(ep.getByLabel("topic", { exact: true })).toBeVisible();

  // Rewrite the template: the variables form follows it.
  await ep.locator(".monaco-editor .view-lines").first().click();
  await ep.keyboard.press("Control+A");
  await ep.keyboard.type("Describe {{animal}} for {{reader}}.");
  await expect(ep.getByLabel("animal", { exact: true })).toBeVisible();
  await expect(ep.getByLabel("topic", { exact: true })).toHaveCount(0);

  for (const [i, model] of [`${conn}/gpt-4o-mini`, `${conn}/gpt-4o`].entries()) {
    const picker = ep.getByLabel(`Model for column ${i + 1}`);
    if ((await picker.evaluate((el) => el.tagName)) === "SELECT") await picker.selectOption("__custom");
    await ep.getByLabel(`Model for column ${i + 1}`).fill(model);
  }
  await ep.getByLabel("animal", { exact: true }).fill("owls");

  // Preview before running: a missing variable is named.
  await ep.getByTestId("preview-button-0").click();
  await expect(ep.getByTestId("preview-0")).toContainText("reader");
  await ep.getByTestId("preview-button-0").click();
  await ep.getByLabel("reader", { exact: true }).fill("children");
  await ep.getByTestId("preview-button-1").click();
  await expect(ep.getByTestId("preview-1").getByTestId("rendered-prompt")).toContainText("Describe owls for children.");
  await snap(ep, "playground-freeform-preview");

  await ep.getByRole("button", { name: "Run all" }).click();
  await expect(ep.getByTestId("output-0")).toContainText("[gpt-4o-mini] echo: Describe owls for children.");
  await expect(ep.getByTestId("output-1")).toContainText("[gpt-4o] echo: Describe owls for children.");
  for (const i of [0, 1]) {
    await expect(ep.getByTestId(`tokens-${i}`)).toHaveText(/^\d+ → \d+ tok$/);
    await expect(ep.getByTestId(`cost-${i}`)).toHaveText(/^\$0\.\d+$/);
    await expect(ep.getByTestId(`metrics-${i}`)).toContainText(/total \d+(\.\d+)? (ms|s)/);
  }
  await snap(ep, "playground-freeform");

  // The stored run has no prompt; its detail page opens.
  const detail = await editor.context.newPage();
  await detail.goto((await ep.getByTestId("run-link-0").getAttribute("href"))!);
  await expect(detail.getByText("Describe owls for children.").first()).toBeVisible();
  await detail.close();

  // Save as prompt: version 1 is the template.
  const slug = `ff/owls-${Date.now().toString(36)}`;
  await ep.locator(".monaco-editor .view-lines").first().click();
  await ep.getByRole("button", { name: "Save as prompt" }).click();
  await ep.getByRole("dialog").getByLabel("Slug", { exact: true }).fill(slug);
  await ep.getByRole("dialog").getByRole("button", { name: "Create prompt" }).click();
  await expect(ep).toHaveURL(new RegExp(`/prompts/${slug}`));
  await expect(ep.getByTestId("label-latest")).toContainText("v1");
  await expect(ep.locator(".monaco-editor .view-lines").first()).toContainText("Describe {{animal}} for {{reader}}.");
  await editor.context.close();

  // A phone: the free-form playground stacks and stays usable.
  const phone = await browser.newContext({ ...PHONE, storageState: "e2e/.auth/owner.json" });
  const pp = await phone.newPage();
  await pp.goto(`/w/${ws}/playground?prompt=${encodeURIComponent(":free-form")}`);
  await expect(pp.getByLabel("topic", { exact: true })).toBeVisible();
  await expect(pp.locator(".monaco-editor .view-lines").first()).toContainText("Summarize");
  await snap(pp, "playground-freeform-phone");
  await phone.close();
});
