import { expect, test } from "@playwright/test";
import { ownerMeta, snap, signUp, uniqueEmail } from "./helpers";

test("an invited viewer signs up through the link and cannot open settings or create API keys", async ({ page, browser }) => {
  const { slug, name } = ownerMeta();
  const viewerEmail = uniqueEmail("viewer");

  // Owner creates the invite link.
  await page.goto(`/w/${slug}/settings/members`);
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email", { exact: true }).fill(viewerEmail);
  await dialog.getByLabel("Role", { exact: true }).selectOption("viewer");
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  const link = await dialog.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  await snap(page, "invite-dialog");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("cell", { name: viewerEmail })).toBeVisible();

  // A second browser context, signed out, follows the link and signs up.
  const viewer = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const vp = await viewer.newPage();
  await vp.goto(link);
  await expect(vp.getByRole("heading", { name: `Join ${name}` })).toBeVisible();
  await snap(vp, "invite-page");
  await vp.getByRole("button", { name: "Create an account to join" }).click();
  await expect(vp.getByLabel("Email")).toHaveValue(viewerEmail);
  await signUp(vp, { name: "Victor Viewer" });
  await expect(vp).toHaveURL(new RegExp(`/w/${slug}$`));
  await expect(vp.getByText("You are")).toContainText("viewer");
  await snap(vp, "overview-viewer");

  // No settings in the sidebar, and the pages refuse when typed in.
  await expect(vp.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  for (const path of ["settings", "settings/members", "settings/api-keys"]) {
    await vp.goto(`/w/${slug}/${path}`);
    await expect(vp.getByTestId("forbidden")).toBeVisible();
    await expect(vp.getByRole("button", { name: /Create API key/ })).toHaveCount(0);
  }
  await snap(vp, "viewer-forbidden");

  // The link was single use.
  await vp.goto(link);
  await expect(vp.getByText("This invite link has already been used.")).toBeVisible();

  // The owner sees the new member with the viewer role.
  await page.goto(`/w/${slug}/settings/members`);
  await expect(page.getByTestId(`member-${viewerEmail}`)).toContainText("Victor Viewer");
  await expect(page.getByLabel(`Role of ${viewerEmail}`)).toHaveValue("viewer");
  await snap(page, "members");
  await viewer.close();
});
