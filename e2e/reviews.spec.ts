import { expect, test } from "@playwright/test";
import { inviteMember, MODEL_BASE_URL, ownerMeta, snap } from "./helpers";

test("a reviewer completes a 5-item queue with the keyboard alone; progress and results update", async ({ page, browser, request }) => {
  const { slug: ws } = ownerMeta();
  const stamp = Date.now().toString(36);

  // The owner makes an admin API key in the UI, then sets up five runs over REST (the fixture model answers).
  await page.goto(`/w/${ws}/settings/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  const keyDialog = page.getByRole("dialog");
  await keyDialog.getByLabel("Name", { exact: true }).fill(`reviews-e2e-${stamp}`);
  await keyDialog.getByRole("checkbox", { name: /^admin/ }).check();
  await keyDialog.getByRole("button", { name: "Create key" }).click();
  const key = await keyDialog.getByTestId("new-api-key").inputValue();
  await keyDialog.getByRole("button", { name: "Done" }).click();
  const auth = { Authorization: `Bearer ${key}` };

  const connection = `rv-${stamp}`;
  const prompt = `review/e2e-${stamp}`;
  let res = await request.post("/api/v1/providers", { headers: auth, data: { name: connection, kind: "openai-compatible", baseUrl: MODEL_BASE_URL } });
  expect(res.status()).toBe(201);
  res = await request.post("/api/v1/prompts", { headers: auth, data: { slug: prompt, type: "text", content: "Summarise {{topic}} in one sentence.", message: "v1" } });
  expect(res.status()).toBe(201);
  const topics = ["tides", "photosynthesis", "inflation", "volcanoes", "jazz"];
  for (const topic of topics) {
    res = await request.post("/api/v1/runs", { headers: auth, data: { prompt, version: 1, model: `${connection}/echo`, variables: { topic } } });
    expect(res.status()).toBe(200);
  }

  // The owner creates a queue from those recent runs in the UI.
  const queueName = `Keyboard queue ${stamp}`;
  await page.goto(`/w/${ws}/reviews`);
  await page.getByRole("button", { name: "New queue" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill(queueName);
  await dialog.getByLabel("Instructions", { exact: true }).fill("Thumbs up when the summary is **one sentence** about the topic.");
  await dialog.getByLabel("Rubric labels", { exact: true }).fill("tone: neutral, chatty");
  await dialog.getByLabel("Filter runs").fill(prompt);
  await dialog.getByRole("checkbox", { name: "Select all shown" }).check();
  await expect(dialog.getByText("5 selected")).toBeVisible();
  await snap(page, "reviews-create-queue");
  await dialog.getByRole("button", { name: "Create queue" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("queue-row").filter({ hasText: queueName });
  await expect(row.getByTestId("queue-progress")).toHaveText("0 / 5 reviews · 5 items");
  const queueHref = (await row.getByRole("link", { name: queueName }).getAttribute("href"))!;
  const queueId = queueHref.split("/").pop()!;

  // A reviewer joins and works through the queue using only the keyboard.
  const reviewer = await inviteMember(page, browser, ws, "reviewer", "Rita Reviewer");
  const rp = reviewer.page;
  await expect(rp.getByRole("link", { name: "Reviews" })).toBeVisible();
  await rp.goto(`/w/${ws}/reviews/${queueId}`);
  const screen = rp.getByTestId("review-screen");
  await expect(screen).toHaveAttribute("data-keys-ready", "true"); // hydrated: the shortcuts listen
  const progress = rp.getByTestId("review-progress");
  await expect(progress).toContainText("0 / 5");
  await expect(rp.getByTestId("output")).toContainText("[echo] echo: Summarise");
  const itemId = () => screen.getAttribute("data-item-id");
  const nextItem = async (before: string | null) => expect.poll(itemId).not.toBe(before);

  // ? opens the shortcut help; Esc closes it.
  await rp.keyboard.press("?");
  await expect(rp.getByTestId("shortcuts")).toBeVisible();
  await snap(rp, "reviews-shortcuts");
  await rp.keyboard.press("Escape");
  await expect(rp.getByTestId("shortcuts")).toBeHidden();

  // 1: pick "neutral", c + comment, Esc, ArrowUp submits a thumbs up.
  let current = await itemId();
  await rp.keyboard.press("1");
  await expect(rp.getByRole("button", { name: "neutral" })).toHaveAttribute("aria-pressed", "true");
  await rp.keyboard.press("c");
  await expect(rp.getByLabel("Comment")).toBeFocused();
  await rp.keyboard.type("Clear and short.");
  await rp.keyboard.press("Escape");
  await expect(rp.getByLabel("Comment")).not.toBeFocused();
  await snap(rp, "reviews-screen");
  await rp.keyboard.press("ArrowUp");
  await expect(progress).toContainText("1 / 5");
  await nextItem(current);

  // 2: j = thumbs down.
  current = await itemId();
  await rp.keyboard.press("j");
  await expect(progress).toContainText("2 / 5");
  await nextItem(current);

  // 3: s skips it (not offered again this session).
  const skipped = await itemId();
  await rp.keyboard.press("s");
  await nextItem(skipped);
  await expect(progress).toContainText("2 / 5");

  // 4: k = up, then u undoes it (the same item comes back), then ArrowDown.
  current = await itemId();
  await rp.keyboard.press("k");
  await expect(progress).toContainText("3 / 5");
  await rp.keyboard.press("u");
  await expect(progress).toContainText("2 / 5");
  await expect.poll(itemId).toBe(current);
  await rp.keyboard.press("ArrowDown");
  await expect(progress).toContainText("3 / 5");
  await nextItem(current);

  // 5: k.
  current = await itemId();
  await rp.keyboard.press("k");
  await expect(progress).toContainText("4 / 5");

  // Only the skipped one is left: Enter on the focused "Review the 1 skipped", then up.
  await expect(rp.getByTestId("queue-done")).toContainText("Nothing left but what you skipped");
  await rp.keyboard.press("Enter");
  await expect.poll(itemId).toBe(skipped);
  await rp.keyboard.press("ArrowUp");
  await expect(progress).toContainText("5 / 5");
  await expect(rp.getByTestId("queue-done")).toContainText("Every item has all the reviews it needs");
  await expect(rp.getByTestId("mine-today")).toHaveText("5");
  await snap(rp, "reviews-done");

  // Progress shows in the reviewer's list, results on the owner's results page.
  await rp.goto(`/w/${ws}/reviews`);
  await expect(rp.getByTestId("queue-row").filter({ hasText: queueName }).getByTestId("queue-progress")).toHaveText("5 / 5 reviews · 5 items");
  await page.goto(`/w/${ws}/reviews/${queueId}/results`);
  await expect(page.getByTestId("reviews-done")).toHaveText("5 / 5");
  await expect(page.getByTestId("items-complete")).toHaveText("5 / 5");
  await expect(page.getByTestId("verdicts")).toHaveText("3 up · 2 down");
  const versionRow = page.getByTestId("rates-version").getByTestId("rate-row").filter({ hasText: `${prompt} v1` });
  await expect(versionRow).toContainText("60.0%");
  await expect(page.getByTestId("rates-model").getByTestId("rate-row").filter({ hasText: `${connection}/echo` })).toContainText("60.0%");
  await expect(page.getByTestId("reviewers")).toContainText("Rita Reviewer");
  await expect(page.getByTestId("label-counts")).toContainText("neutral");
  await snap(page, "reviews-results");

  // The CSV export has a header and the five reviews.
  const csv = await page.request.get(`/w/${ws}/reviews/${queueId}/export`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trimEnd().split("\r\n");
  expect(lines[0]).toContain("review_id,created_at,reviewer_email");
  expect(lines).toHaveLength(6);
  expect(lines.some((l) => l.includes("Clear and short."))).toBe(true);
  await reviewer.context.close();
});
