import { expect, test } from "@playwright/test";
import { createAdminKey, DESKTOP, ownerMeta, PHONE } from "./helpers";

// Through the production server (server.ts's hot path): create a prompt, serve it, report three deployments,
// and look at the Deployments page, the prompt's Environments tab and "Use prompts in your app".
test("deployments show in sync, behind and unknown content; the pages read well on desktop and phone", async ({ page, request, browser }) => {
  const { slug } = ownerMeta();
  const headers = await createAdminKey(page, "deployments-e2e");
  const prompt = `support/drift-${Date.now().toString(36)}`;
  const enc = encodeURIComponent(prompt);
  expect((await request.post("/api/v1/prompts", { headers, data: { slug: prompt, type: "text", content: "Hello {{name}}", message: "v1" } })).status()).toBe(201);
  expect((await request.post(`/api/v1/prompts/${enc}/versions`, { headers, data: { content: "Hi {{name}}!", message: "v2" } })).status()).toBe(201);
  expect((await request.put(`/api/v1/prompts/${enc}/labels/production`, { headers, data: { version: 2, reason: "ship" } })).status()).toBe(200);

  // The hot path answers through server.ts, with ETag/304.
  const served = await request.get(`/api/v1/prompts/${enc}?label=production`, { headers });
  expect(served.status()).toBe(200);
  const v2 = await served.json();
  expect(v2).toMatchObject({ version: 2, content: "Hi {{name}}!" });
  expect((await request.get(`/api/v1/prompts/${enc}?label=production`, { headers: { ...headers, "if-none-match": served.headers().etag! } })).status()).toBe(304);
  const v1 = await (await request.get(`/api/v1/prompts/${enc}?version=1`, { headers })).json();

  const report = (deployment: string, hash: string, environment = "production") =>
    request.post("/api/v1/deployments/heartbeat", { headers, data: { deployment, environment, prompts: [{ slug: prompt, label: "production", hash }] } });
  expect((await report("checkout-api", v2.hash)).status()).toBe(200);
  expect((await report("billing-worker", v1.hash)).status()).toBe(200);
  expect((await report("nightly-digest", "ab".repeat(32), "staging")).status()).toBe(200);

  for (const [name, opts] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
    for (const scheme of ["light", "dark"] as const) {
      const ctx = await browser.newContext({ ...opts, colorScheme: scheme, storageState: "e2e/.auth/owner.json" });
      const p = await ctx.newPage();
      await p.goto(`/w/${slug}/deployments`);
      await expect(p.getByRole("heading", { name: "Deployments" })).toBeVisible();
      const item = (n: string) => (name === "phone" ? p.getByRole("listitem").filter({ hasText: n }).first() : p.getByRole("table").getByRole("row", { name: new RegExp(n) }));
      await expect(item("checkout-api")).toContainText("in sync");
      await expect(item("billing-worker")).toContainText("behind: v1 → v2");
      await expect(item("nightly-digest")).toContainText("unknown content");
      await p.screenshot({ path: `test-results/screens/deployments-${name}-${scheme}.png`, fullPage: true });
      if (scheme === "light") {
        await p.goto(`/w/${slug}/prompts/${prompt}?tab=environments`);
        await expect(p.getByRole("heading", { name: "Deployments serving this prompt" })).toBeVisible();
        await expect((name === "phone" ? p.getByRole("listitem").filter({ hasText: "billing-worker" }).first() : p.getByRole("row", { name: /billing-worker/ }))).toContainText("behind");
        await p.screenshot({ path: `test-results/screens/prompt-deployments-${name}.png`, fullPage: true });
        await p.goto(`/w/${slug}/use`);
        await expect(p.getByRole("heading", { name: "GitHub Actions: fail a deploy on drift" })).toBeVisible();
        await expect(p.getByText("npx promptyard status --report")).toBeVisible();
        await p.screenshot({ path: `test-results/screens/use-in-app-${name}.png`, fullPage: true });
      }
      await ctx.close();
    }
  }
});
