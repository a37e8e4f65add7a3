import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { promptVersions, prompts, reviewItems, reviewQueues, reviews, workspaces, type Role } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { recordGenerations, type GenerationRecord } from "@/lib/generations";
import { resolveIncludes } from "@/lib/prompts";
import { createQueue } from "@/lib/reviews";
import { renderContent } from "@/lib/templates";

const SINGLE_QUEUE = "Support replies: weekly quality sample";
const PAIR_QUEUE = "Support reply: which would you send? (blind)";

type Ticket = { customer: string; body: string; order?: { id: string; date: string; status: string }; v3: string; v4: string };

const TICKETS: Ticket[] = [
  {
    customer: "Lena Fischer",
    body: "My order arrived with a cracked lid on the blender jar. Can I get a replacement jar without sending the whole blender back?",
    order: { id: "A-10482", date: "2025-03-02", status: "delivered" },
    v3: "Hi Lena,\n\nI'm sorry your blender jar arrived cracked. You don't need to return the whole blender: we'll send a replacement jar for order A-10482 free of charge.\n\nPlease reply with a photo of the crack so we can file it with the carrier. Your new jar ships within 2 business days of receiving it.",
    v4: "Hi Lena,\n\nSorry about the cracked jar, that's not the welcome we want for your blender. Keep the blender; we'll ship a new jar for order A-10482 at no cost.\n\n**Next step:** reply with one photo of the crack and the new jar leaves our warehouse within 2 business days.",
  },
  {
    customer: "Tomás Ortega",
    body: "I was charged twice for the same subscription this month. Please refund one of the charges.",
    v3: "Hi Tomás,\n\nThank you for letting us know. I can see two charges for your subscription on the 3rd of this month. I've refunded the duplicate charge; it will appear on your statement within 5-7 business days.\n\nIf it doesn't show up by then, reply here and we'll look into it.",
    v4: "Hi Tomás,\n\nYou're right, you were charged twice on the 3rd. I've refunded the duplicate; banks usually show it within 5-7 business days.\n\n**Next step:** nothing for you to do. If the refund isn't visible by the 12th, reply to this email and I'll chase it.",
  },
  {
    customer: "Aiko Tanaka",
    body: "Where is my package? Tracking hasn't updated in 6 days.",
    order: { id: "A-10511", date: "2025-02-26", status: "in transit" },
    v3: "Hi Aiko,\n\nI'm sorry for the wait. Order A-10511 is still marked as in transit and the carrier hasn't scanned it for 6 days, which is longer than usual.\n\nI've opened a trace with the carrier. If the package doesn't move within 48 hours, we'll ship a replacement at no cost.",
    v4: "Hi Aiko,\n\nSix days without a tracking update is too long, I'm sorry. I've asked the carrier to trace order A-10511.\n\n**Next step:** if it hasn't moved by Thursday, we'll send a replacement automatically and you don't need to contact us again.",
  },
  {
    customer: "Priyanka Shah",
    body: "Is the Aero 2 kettle safe to use for baby formula? The manual doesn't say.",
    v3: "Hi Priyanka,\n\nThe Aero 2 heats water to a full boil, which is what most formula instructions ask for. For medical or infant-feeding advice, though, please check with your pediatrician, as we can't advise on that.\n\nLet me know if you have other questions about the kettle.",
    v4: "Hi Priyanka,\n\nThe Aero 2 brings water to a full rolling boil and has a 70 °C keep-warm setting. We can't give advice on infant feeding, so please follow your formula's instructions or ask your pediatrician.\n\n**Next step:** if you'd like, I can send the kettle's temperature guide as a PDF.",
  },
  {
    customer: "Jonas Berg",
    body: "I want to cancel my account and have all my data deleted.",
    v3: "Hi Jonas,\n\nI've started closing your account. Under our privacy policy we'll delete your personal data within 30 days, except what we must keep for tax records.\n\nYou'll get a confirmation email once it's done.",
    v4: "Hi Jonas,\n\nUnderstood. Your account is scheduled for closure and your personal data will be deleted within 30 days (invoices are kept for 7 years, as tax law requires).\n\n**Next step:** confirm by clicking the link in the email we just sent; nothing is deleted until you do.",
  },
  {
    customer: "Sofia Russo",
    body: "The discount code SPRING20 didn't work at checkout. Can you apply it to my order?",
    order: { id: "A-10533", date: "2025-03-04", status: "processing" },
    v3: "Hi Sofia!!\n\nSo sorry about that!!! SPRING20 only works on full-price items, but I've gone ahead and applied a 20% refund to order A-10533 anyway as a one-time courtesy!",
    v4: "Hi Sofia,\n\nSPRING20 applies to full-price items only, and two items in order A-10533 were already reduced. I've refunded 20% of the full-price item, €8.40, as the code intended.\n\n**Next step:** the refund reaches your card in 5-7 business days.",
  },
  {
    customer: "Marcus Lee",
    body: "Do you ship to Norway? And are there customs fees?",
    v3: "Hi Marcus,\n\nYes, we ship to Norway. Orders above 3,000 NOK may be subject to import VAT and a customs fee collected by the carrier on delivery.\n\nHappy to help with anything else.",
    v4: "Hi Marcus,\n\nWe do ship to Norway, usually in 4-6 business days. Import VAT (25%) and a small handling fee are collected by the carrier on delivery; we can't prepay them.\n\n**Next step:** you can see the estimated fees at checkout before you pay.",
  },
  {
    customer: "Elif Demir",
    body: "My coffee grinder makes a loud grinding noise and stopped working after 2 months.",
    order: { id: "A-10398", date: "2025-01-05", status: "delivered" },
    v3: "Hi Elif,\n\nI'm sorry your grinder stopped working. It's covered by our 2-year warranty. Please send it back using the prepaid label I've attached and we'll repair or replace it.",
    v4: "Hi Elif,\n\nA grinder shouldn't give up after two months, I'm sorry. It's under our 2-year warranty, so the repair or replacement is free.\n\n**Next step:** print the prepaid label attached to this email and drop the grinder at any post office; we'll email you when it arrives.",
  },
];

const INSTRUCTIONS = `Grade the **first reply** our assistant drafted for a real (anonymised) support ticket.

- **Thumbs up** when you would send it as is, or with a typo fixed.
- **Thumbs down** when it is wrong, promises something we don't do, or sounds off-brand.
- **tone**: warm, direct, no jargon, no exclamation marks.
- **next step**: the customer knows exactly what happens next.

Add a comment when you vote down, so the prompt authors know what to fix.`;

/** The demo's review queues: a single-output queue half reviewed by two people, and a blind pairwise v3-vs-v4 queue. */
export async function ensureDemoReviews(db: Db, workspace: WorkspaceCtx["workspace"], people: Record<string, { id: string; role: Role }>, editor: string, reviewersEmails: [string, string]) {
  // Concurrent start-ups (several instances, parallel tests) seed once: the workspace row serialises them.
  await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspace.id)).for("update");
  const [exists] = await db
    .select({ id: reviewQueues.id })
    .from(reviewQueues)
    .where(and(eq(reviewQueues.workspaceId, workspace.id), inArray(reviewQueues.name, [SINGLE_QUEUE, PAIR_QUEUE])));
  if (exists) return;
  const [prompt] = await db.select().from(prompts).where(and(eq(prompts.workspaceId, workspace.id), eq(prompts.slug, "support/reply")));
  if (!prompt) return;
  const versions = await db
    .select()
    .from(promptVersions)
    .where(and(eq(promptVersions.promptId, prompt.id), inArray(promptVersions.number, [3, 4])));
  const v3 = versions.find((v) => v.number === 3);
  const v4 = versions.find((v) => v.number === 4);
  const editorPerson = people[editor];
  const [r1, r2] = reviewersEmails.map((e) => people[e]);
  if (!v3 || !v4 || !editorPerson || !r1 || !r2) return;

  // Stored runs: production traffic on v3 (gpt-4o-mini), an evaluation of v4 (gpt-4o) on the same tickets. Cost comes
  // from the workspace's price table (seeded with the list prices), as for any recorded generation.
  // One timeline that starts when the versions were committed: production traffic on v3, then the v4 evaluation, then
  // the reviews. (Versions are stamped at commit, so runs dated days earlier would have run versions not yet written.)
  const t0 = Math.max(v3.createdAt.getTime(), v4.createdAt.getTime()) + 1000;
  const gen = async (version: typeof v3, model: string, source: "production" | "eval", t: Ticket, i: number, output: string): Promise<GenerationRecord> => {
    const variables: Record<string, unknown> = { customer_name: t.customer, ticket_body: t.body, order: t.order ?? null, tone: "warm" };
    const resolved = await resolveIncludes(db, workspace.id, version.content, prompt.slug);
    const rendered = renderContent({ content: version.content, variables, components: resolved.partials });
    const input = typeof rendered === "string" ? [{ role: "user", content: rendered }] : rendered;
    const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
    const latencyMs = 900 + ((i * 373) % 1400) + (model === "gpt-4o" ? 600 : 0);
    const startedAt = new Date(t0 + i * 1000 + (source === "eval" ? 20_000 : 0));
    const createdAt = new Date(startedAt.getTime() + latencyMs);
    return {
      promptId: prompt.id,
      promptVersionId: version.id,
      provider: "openai",
      model,
      params: { temperature: version.config.temperature ?? 0.2, maxTokens: version.config.maxTokens ?? 400 },
      variables,
      input,
      output,
      inputTokens: Math.round(input.reduce((n, m) => n + words(m.content), 0) * 1.35),
      outputTokens: Math.round(words(output) * 1.35),
      latencyMs,
      timeToFirstTokenMs: 250 + ((i * 97) % 300),
      status: "success",
      source,
      startedAt,
      createdAt,
    };
  };
  const rows: GenerationRecord[] = [];
  for (const [i, t] of TICKETS.entries()) rows.push(await gen(v3, "gpt-4o-mini", "production", t, i, t.v3), await gen(v4, "gpt-4o", "eval", t, i, t.v4));
  const recorded = await recordGenerations({ ctx: { db, actor: { kind: "system" }, workspace }, input: { rows } });
  if (recorded.rejected.length) throw new Error(`demo generations rejected: ${recorded.rejected.map((r) => r.message).join("; ")}`);
  const prod = recorded.inserted.filter((g) => g.source === "production").map((g) => g.id);
  const evals = recorded.inserted.filter((g) => g.source === "eval").map((g) => g.id);

  const as = (p: { id: string; role: Role }): WorkspaceCtx => ({ db, actor: { kind: "user", userId: p.id }, workspace, role: p.role });
  const { queue: single } = await createQueue({
    ctx: as(editorPerson),
    input: {
      name: SINGLE_QUEUE,
      instructions: INSTRUCTIONS,
      mode: "single",
      reviewsPerItem: 2,
      rubric: [
        { name: "tone", options: ["on-brand", "off-brand", "unsure"] },
        { name: "next step", options: ["clear", "missing"] },
      ],
      generationIds: prod,
      filter: { promptId: prompt.id, sources: ["production"] },
      samplingRate: 0.1,
    },
  });
  const { queue: pair } = await createQueue({
    ctx: as(editorPerson),
    input: {
      name: PAIR_QUEUE,
      instructions: "Two replies to the same ticket. Pick the one you would rather send (**A** or **B**), or **tie**. Versions and models are hidden.",
      mode: "pairwise",
      blind: true,
      reviewsPerItem: 1,
      generationIds: [...prod.slice(0, 6), ...evals.slice(0, 6)],
    },
  });

  // Reviews already given: both reviewers on five replies (so agreement shows), one on a sixth; two still open.
  const singleItems = await db.select().from(reviewItems).where(eq(reviewItems.queueId, single.id));
  const itemOf = new Map(singleItems.map((i) => [i.generationId, i]));
  const verdicts: [("up" | "down")[], ("up" | "down")[]] = [
    ["up", "up", "up", "down", "up", "down"],
    ["up", "down", "up", "down", "up"],
  ];
  const labelsFor = (v: "up" | "down", i: number) => ({ tone: v === "up" ? "on-brand" : i === 5 ? "off-brand" : "unsure", "next step": v === "up" && i !== 2 ? "clear" : "missing" });
  const given: (typeof reviews.$inferInsert)[] = [];
  for (const [r, person] of [r1, r2].entries()) {
    verdicts[r]!.forEach((v, i) => {
      const item = itemOf.get(prod[i]!)!;
      const at = new Date(t0 + 60_000 + i * 2000 + r * 500);
      given.push({
        workspaceId: workspace.id,
        generationId: item.generationId,
        queueId: single.id,
        itemId: item.id,
        reviewerId: person.id,
        verdict: v,
        labels: labelsFor(v, i),
        comment: v === "down" ? (i === 5 ? "Exclamation marks, and it promises a refund the code doesn't cover." : "Asks for details we already have; no clear next step.") : null,
        source: "queue",
        createdAt: at,
        updatedAt: at,
      });
    });
  }
  const pairItems = await db.select().from(reviewItems).where(eq(reviewItems.queueId, pair.id));
  const evalSet = new Set(evals);
  pairItems.slice(0, 3).forEach((item, i) => {
    // The reviewer preferred v4's reply (the eval output) on the first two, a tie on the third.
    const v4Side = evalSet.has(item.generationId) ? "A" : "B";
    const verdict = i === 2 ? "tie" : v4Side;
    const at = new Date(t0 + 90_000 + i * 2000);
    given.push({
      workspaceId: workspace.id,
      generationId: verdict === "B" ? item.generationBId! : item.generationId,
      queueId: pair.id,
      itemId: item.id,
      reviewerId: r1.id,
      verdict,
      comment: i === 0 ? "Prefer the reply that ends with a concrete next step." : null,
      source: "queue",
      createdAt: at,
      updatedAt: at,
    });
  });
  await db.insert(reviews).values(given);
}
