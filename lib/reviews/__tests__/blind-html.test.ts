import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";

// The screen's server actions and Next's Link are not under test here: what the page hands the client component is.
vi.mock("@/app/w/[slug]/reviews/actions", () => ({ nextItemAction: vi.fn(), submitReviewAction: vi.fn(), undoReviewAction: vi.fn() }));
vi.mock("next/link", () => ({ default: ({ href, children }: { href: string; children: ReactNode }) => createElement("a", { href }, children) }));

import type { Database } from "@/db/client";
import { ReviewScreen } from "@/components/reviews/review-screen";
import { createQueue, getReviewerQueue, nextItem } from "@/lib/reviews";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { makeGeneration, reviewWorkspace } from "./helpers";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/**
 * The review page renders <ReviewScreen queue={getReviewerQueue()} initial={nextItem()} />: those props are the page's
 * RSC payload (JSON) and the component's HTML is what the browser gets. Neither may name the version or the model.
 */
describe(`blind review screen HTML (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("renders the outputs and variables, but no version number, label or model name", async () => {
    const w = await reviewWorkspace(database);
    const modelA = "llama-3.3-70b-secret";
    const modelB = "qwen2.5-32b-hidden";
    const vars = { question: "Is the sky blue?" };
    const input = [{ role: "user", content: "Answer Is the sky blue? briefly" }];
    const a = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v1.id, model: modelA, variables: vars, input, output: "**Yes**, mostly." });
    const b = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id, model: modelB, variables: vars, input, output: "Yes, because of Rayleigh scattering." });
    // Anywhere in the markup (attributes included) and in the props payload:
    const secrets = [modelA, modelB, w.prompt.slug, w.v1.id, w.v2.id, a.id, b.id, w.v1.semver, w.v2.semver, "production", "latest", "staging"];
    // In the text a person reads ("v1"/"v2" also occur inside SVG path data, so attributes are left out here):
    const textOf = (html: string) => html.replace(/<[^>]*>/g, " ");

    for (const [blind, mode] of [
      [true, "pairwise"],
      [true, "single"],
    ] as const) {
      const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Blind check", mode, blind, generationIds: mode === "pairwise" ? [a.id, b.id] : [a.id] } });
      const props = {
        ws: w.ctx.workspace.slug,
        queue: await getReviewerQueue({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } }),
        initial: await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } }),
        resultsHref: `/w/${w.ctx.workspace.slug}/reviews/${queue.id}/results`,
      };
      const html = renderToString(createElement(ReviewScreen, props));
      const payload = JSON.stringify(props);
      expect(html).toContain("<strong>Yes</strong>, mostly.");
      expect(html).toContain("Is the sky blue?");
      if (mode === "pairwise") expect(html).toContain("Rayleigh scattering");
      for (const s of secrets) {
        expect(html, `${mode}: HTML names ${s}`).not.toContain(s);
        expect(payload, `${mode}: payload names ${s}`).not.toContain(s);
      }
      expect(textOf(html)).not.toMatch(/\bv[12]\b|version/i);
      expect(payload).not.toMatch(/"v[12]"|"version"|"model"|"provider"|"promptVersionId"|"generationId"/);
    }

    // The same screen for a queue that is not blind does show where an output came from (so the check above bites).
    const { queue: open } = await createQueue({ ctx: w.ctx, input: { name: "Open", generationIds: [a.id] } });
    const html = renderToString(
      createElement(ReviewScreen, {
        ws: w.ctx.workspace.slug,
        queue: await getReviewerQueue({ ctx: w.reviewer2.ctx, input: { queueId: open.id } }),
        initial: await nextItem({ ctx: w.reviewer2.ctx, input: { queueId: open.id } }),
        resultsHref: null,
      }),
    );
    expect(html).toContain(modelA);
    expect(html).toContain(`${w.prompt.slug}<!-- --> <!-- -->v1`);
  });
});
