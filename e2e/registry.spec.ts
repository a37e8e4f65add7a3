import { expect, test, type Page } from "@playwright/test";
import { ownerMeta, snap } from "./helpers";

/** datetime-local value in the browser's (= this machine's) time zone, with seconds. */
function localInput(d: Date) {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

async function promote(page: Page, version: number, label: string, reason: string) {
  await page.getByTestId(`version-${version}`).getByRole("button", { name: "Promote…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Environment", { exact: true }).selectOption(label);
  await dialog.getByLabel("Reason", { exact: true }).fill(reason);
  await dialog.getByRole("button", { name: `Promote to ${label}` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`label-${label}`)).toContainText(`v${version}`);
}

test("create, commit, diff, promote, roll back, point in time, verified audit chain", async ({ page }) => {
  const { slug: ws } = ownerMeta();
  const slug = `support/reply-${Date.now().toString(36)}`;

  await page.goto(`/w/${ws}/prompts`);
  await expect(page.getByRole("heading", { name: "Prompts" })).toBeVisible();
  await page.getByRole("button", { name: "New prompt" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Slug", { exact: true }).fill(slug);
  await dialog.getByLabel("Description", { exact: true }).fill("First reply to a ticket");
  await dialog.getByRole("button", { name: "Create prompt" }).click();
  await expect(page).toHaveURL(new RegExp(`/prompts/${slug}$`));
  await expect(page.getByTestId("label-latest")).toContainText("v1");

  // v2 from the editor: type into Monaco, review the diff and the suggested semver, commit.
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Greet {{customer_name}} by name.");
  await expect(page.getByTestId("detected-variables")).toContainText("customer_name");
  await page.getByRole("button", { name: "Commit version" }).click();
  const commit = page.getByRole("dialog");
  await expect(commit.getByTestId("commit-summary")).toContainText("major");
  await expect(commit.getByTestId("commit-summary")).toContainText("customer_name");
  await expect(commit.getByTestId("prompt-diff")).toBeVisible();
  await commit.getByLabel("Message", { exact: true }).fill("Greet the customer by name");
  await snap(page, "commit-dialog");
  await commit.getByRole("button", { name: "Commit version" }).click();
  await expect(page.getByTestId("label-latest")).toContainText("v2");

  // Diff v1 -> v2.
  await page.getByRole("link", { name: "Versions" }).click();
  await expect(page.getByTestId("version-2")).toContainText("Greet the customer by name");
  await expect(page.getByTestId("version-2")).toContainText("2.0.0");
  await page.getByTestId("version-2").getByRole("button", { name: "Diff" }).click();
  await expect(page.getByTestId("diff-summary")).toContainText("variables added: customer_name");
  await expect(page.locator("[data-testid=prompt-diff] .line-insert, [data-testid=prompt-diff] .char-insert").first()).toBeVisible();
  await snap(page, "compare");

  // production: v1, then v2; remember an instant while it was v2; roll back.
  await page.getByRole("link", { name: "Versions" }).click();
  await promote(page, 1, "production", "Launch");
  await page.waitForTimeout(1100);
  await promote(page, 2, "production", "Greeting by name");
  await page.waitForTimeout(1100);
  const whileV2 = new Date();
  await page.waitForTimeout(1100);
  await page.getByRole("link", { name: "Environments" }).click();
  page.once("dialog", (d) => d.accept());
  await page.getByTestId("env-production").getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByTestId("label-production")).toContainText("v1");

  await page.getByLabel("Point in time").fill(localInput(whileV2));
  await page.getByRole("button", { name: "Show labels at this time" }).click();
  await expect(page.getByTestId("at-production")).toHaveText("production → v2");
  await expect(page.getByTestId("at-latest")).toHaveText("latest → v2");
  await expect(page.locator("tbody tr").first()).toContainText("rollback");
  await snap(page, "environments");

  // The audit log saw every move and its chain verifies.
  await page.goto(`/w/${ws}/audit`);
  await expect(page.getByRole("cell", { name: /label\.rollback|Label rolled back/i }).first()).toBeVisible();
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("audit-verify-result")).toContainText(/verified/i);
  await snap(page, "audit");
});
