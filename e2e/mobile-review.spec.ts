import { expect, test, type Page } from "@playwright/test";
import { createAdminKey, horizontalOverflow, inviteMember, MODEL_BASE_URL, ownerMeta, PHONE, snap } from "./helpers";

/** A real finger: touch events through the DevTools protocol, which Chromium turns into touch pointer events. */
async function swipe(page: Page, selector: string, dx: number) {
  const box = (await page.locator(selector).boundingBox())!;
  const y = box.y + Math.min(box.height / 2, 120);
  const x0 = box.x + box.width / 2 - dx / 2;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: x0, y }] });
  // A deliberate swipe, one move per frame, held still before lifting: an instant swipe is a fling, and Chromium
  // spends the next tap on stopping the fling (the tap on "Bad" after it was swallowed about half the time).
  for (let i = 1; i <= 10; i++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: x0 + (dx * i) / 10, y }] });
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(150);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

test("on a phone a reviewer completes a 5-item queue with taps and a swipe, undoes one verdict, and leaving frees the item", async ({ page, browser, request }) => {
  const { slug: ws } = ownerMeta();
  const stamp = Date.now().toString(36);
  const auth = await createAdminKey(page, `phone-e2e-${stamp}`);

  const connection = `ph-${stamp}`;
  const prompt = `review/phone-${stamp}`;
  let res = await request.post("/api/v1/providers", { headers: auth, data: { name: connection, kind: "openai-compatible", baseUrl: MODEL_BASE_URL } });
  expect(res.status()).toBe(201);
  res = await request.post("/api/v1/prompts", { headers: auth, data: { slug: prompt, type: "text", content: "Summarise {{topic}} in one sentence.", message: "v1" } });
  expect(res.status()).toBe(201);
  const ids: string[] = [];
  for (const topic of ["tides", "photosynthesis", "inflation", "volcanoes", "jazz"]) {
    res = await request.post("/api/v1/runs", { headers: auth, data: { prompt, version: 1, model: `${connection}/echo`, variables: { topic } } });
    expect(res.status()).toBe(200);
    ids.push((await res.json()).id);
  }
  res = await request.post("/api/v1/review-queues", {
    headers: auth,
    data: { name: `Phone queue ${stamp}`, instructions: "Thumbs up when the summary is **one sentence**.", rubric: [{ name: "tone", options: ["neutral", "chatty"] }], generationIds: ids },
  });
  expect(res.status()).toBe(201);
  const queueId = (await res.json()).id as string;
  const resultsUrl = `/w/${ws}/reviews/${queueId}/results`;
  const beingReviewed = async () => {
    await page.goto(resultsUrl);
    return (await page.getByTestId("results-progress").textContent()) ?? "";
  };

  const reviewer = await inviteMember(page, browser, ws, "reviewer", "Pia Phone", PHONE);
  const rp = reviewer.page;

  // The shell: a menu button instead of the sidebar; the drawer opens, navigates, and closes on navigation.
  await expect(rp.getByRole("button", { name: "Open menu" })).toBeVisible();
  await expect(rp.getByRole("navigation", { name: "Workspace" })).toBeHidden();
  await rp.getByRole("button", { name: "Open menu" }).tap();
  const drawer = rp.getByRole("dialog", { name: "Menu" });
  await expect(drawer.getByRole("link", { name: "Reviews" })).toBeVisible();
  await snap(rp, "phone-drawer");
  await drawer.getByRole("link", { name: "Reviews" }).tap();
  await expect(rp).toHaveURL(new RegExp(`/w/${ws}/reviews$`));
  await expect(drawer).toBeHidden();
  const row = rp.getByTestId("queue-row").filter({ hasText: `Phone queue ${stamp}` });
  await expect(row.getByTestId("queue-progress")).toHaveText("0 / 5 reviews · 5 items");
  expect(await horizontalOverflow(rp)).toEqual({ document: 0, main: 0 });
  await snap(rp, "phone-queue-list");
  await row.getByRole("link", { name: "Review" }).tap();

  const screen = rp.getByTestId("review-screen");
  await expect(screen).toHaveAttribute("data-keys-ready", "true");
  const progress = rp.getByTestId("review-progress");
  await expect(progress).toContainText("0 / 5");
  const itemId = () => screen.getAttribute("data-item-id");
  const bar = rp.getByTestId("verdict-bar");
  const good = bar.getByRole("button", { name: "Good" });
  const bad = bar.getByRole("button", { name: "Bad" });

  // The output is on screen, the big buttons are at the bottom of the viewport, and nothing scrolls sideways.
  await expect(rp.getByTestId("output")).toBeInViewport();
  const goodBox = (await good.boundingBox())!;
  expect(goodBox.height).toBeGreaterThanOrEqual(48);
  expect(goodBox.y + goodBox.height).toBeGreaterThan(844 - 120);
  expect(await horizontalOverflow(rp)).toEqual({ document: 0, main: 0 });
  await snap(rp, "phone-queue-review");

  // While the reviewer holds item 1, the owner sees it being reviewed.
  await expect.poll(beingReviewed).toContain("1 being reviewed now");

  // 1: labels and comment live in a folded panel; open it, pick "neutral", write, tap Good.
  await expect(bar.getByRole("button", { name: "neutral" })).toBeHidden();
  await bar.getByRole("button", { name: "Labels & comment" }).tap();
  await bar.getByRole("button", { name: "neutral" }).tap();
  await expect(bar.getByRole("button", { name: "neutral" })).toHaveAttribute("aria-pressed", "true");
  await bar.getByLabel("Comment").fill("Short and on topic.");
  await snap(rp, "phone-queue-review-panel");
  let current = await itemId();
  await good.tap();
  await expect(progress).toContainText("1 / 5");
  await expect.poll(itemId).not.toBe(current);

  // 2: Bad, then Undo in the toast brings the same item back; then Good.
  current = await itemId();
  await bad.tap();
  await expect(progress).toContainText("2 / 5");
  const toast = rp.locator("[data-sonner-toast]").filter({ hasText: "Saved: thumbs down" });
  await expect(toast).toBeVisible();
  await snap(rp, "phone-queue-undo-toast");
  await toast.getByRole("button", { name: "Undo" }).tap();
  await expect(progress).toContainText("1 / 5");
  await expect.poll(itemId).toBe(current);
  await good.tap();
  await expect(progress).toContainText("2 / 5");
  await expect.poll(itemId).not.toBe(current);

  // 3: a swipe to the right is a thumbs up.
  current = await itemId();
  await swipe(rp, "[data-testid=swipe-area]", 220);
  await expect(progress).toContainText("3 / 5");
  await expect.poll(itemId).not.toBe(current);
  await expect(rp.locator("[data-sonner-toast]").filter({ hasText: "Saved: thumbs up" })).toBeVisible();

  // 4: Bad (once the swiped verdict's answer has landed and the bar is live again).
  current = await itemId();
  await expect(bad).toBeEnabled();
  await bad.tap();
  await expect(progress).toContainText("4 / 5");
  await expect.poll(itemId).not.toBe(current);

  // Leaving the queue mid-item gives the item back at once (pagehide sends the release).
  await expect.poll(beingReviewed).toContain("1 being reviewed now");
  await rp.goto(`/w/${ws}/reviews`);
  await expect.poll(beingReviewed).toContain("0 being reviewed now");

  // 5: back to the queue, the last item; Good.
  await rp.goto(`/w/${ws}/reviews/${queueId}`);
  await expect(screen).toHaveAttribute("data-keys-ready", "true");
  await expect(progress).toContainText("4 / 5");
  await good.tap();
  await expect(progress).toContainText("5 / 5");
  await expect(rp.getByTestId("queue-done")).toContainText("Every item has all the reviews it needs");
  await expect(rp.getByTestId("verdict-bar")).toHaveCount(0);
  await snap(rp, "phone-queue-done");

  // The results page, on the phone: the verdicts, and the comment beside its verdict.
  await rp.getByRole("link", { name: "See results" }).tap();
  await expect(rp).toHaveURL(new RegExp(`${resultsUrl}$`));
  await expect(rp.getByTestId("verdicts")).toHaveText("4 up · 1 down");
  await expect(rp.getByTestId("review-row")).toHaveCount(5);
  const commented = rp.getByTestId("review-row").filter({ has: rp.getByTestId("review-comment") });
  await expect(commented).toHaveCount(1);
  await expect(commented).toHaveAttribute("data-verdict", "up");
  await expect(commented).toContainText("Short and on topic.");
  await expect(commented).toContainText("tone: neutral");
  await expect(rp.locator('[data-testid=review-row][data-verdict="down"]')).toHaveCount(1);
  expect(await horizontalOverflow(rp)).toEqual({ document: 0, main: 0 });
  await snap(rp, "phone-queue-results-after-review");
  await reviewer.context.close();
});
