import { expect, test, type Page } from "@playwright/test";
import { inviteMember, ownerMeta, snap } from "./helpers";

const editorText = async (page: Page) => (await page.locator("[data-testid=prompt-editor] .view-lines").first().innerText()).replace(/\u00a0/g, " ").replace(/\n/g, "").trim(); // view lines wrap; the document has one line

test("two people co-edit one prompt: same text, each other's presence, a commit both see", async ({ page, browser }) => {
  const { slug: ws } = ownerMeta();
  const editor = await inviteMember(page, browser, ws, "editor", "Eddie Editor");
  const prompt = `live/doc-${Date.now().toString(36)}`;

  await page.goto(`/w/${ws}/prompts`);
  await page.getByRole("button", { name: "New prompt" }).click();
  await page.getByRole("dialog").getByLabel("Slug", { exact: true }).fill(prompt);
  await page.getByRole("dialog").getByRole("button", { name: "Create prompt" }).click();
  await expect(page).toHaveURL(new RegExp(`/prompts/${prompt}$`));
  await editor.page.goto(`/w/${ws}/prompts/${prompt}`);

  for (const p of [page, editor.page]) {
    await expect(p.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
    await expect(p.getByTestId("presence-avatar")).toHaveCount(2);
  }
  await expect(page.locator('[data-testid=presence-avatar][data-name="Eddie Editor"]')).toBeVisible();
  await expect(editor.page.locator('[data-testid=presence-avatar][data-name="Olivia Owner"]')).toBeVisible();

  // Both type at the same time, at opposite ends of the document.
  await page.locator("[data-testid=prompt-editor] .view-lines").first().click();
  await page.keyboard.press("Control+Home");
  await editor.page.locator("[data-testid=prompt-editor] .view-lines").first().click();
  await editor.page.keyboard.press("Control+End");
  await Promise.all([page.keyboard.type("Owner says hi. ", { delay: 15 }), editor.page.keyboard.type(" Editor adds {{tone}}.", { delay: 15 })]);

  await expect.poll(async () => [await editorText(page), await editorText(editor.page)], { timeout: 10_000 }).toEqual([
    "Owner says hi. You are a helpful assistant. Editor adds {{tone}}.",
    "Owner says hi. You are a helpful assistant. Editor adds {{tone}}.",
  ]);
  await snap(page, "live-owner");
  await snap(editor.page, "live-editor");

  // The editor commits the shared draft; both pages move to v2.
  await editor.page.getByRole("button", { name: "Commit version" }).click();
  const dialog = editor.page.getByRole("dialog");
  await expect(dialog.getByTestId("commit-summary")).toContainText("tone");
  await dialog.getByLabel("Message", { exact: true }).fill("Co-edited greeting");
  await dialog.getByRole("button", { name: "Commit version" }).click();
  for (const p of [page, editor.page]) {
    await expect(p.getByTestId("draft-base")).toContainText("v2");
    await expect(p.getByTestId("label-latest")).toContainText("v2");
  }
  await editor.context.close();
});
