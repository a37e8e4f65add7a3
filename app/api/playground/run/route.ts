import { z } from "zod";
import { sessionWorkspace } from "@/lib/auth/session";
import { authorize } from "@/lib/context";
import { readLiveDraft } from "@/lib/drafts";
import { invalidInput } from "@/lib/errors";
import { readJson, route } from "@/lib/http";
import { toActionError } from "@/lib/http/errors";
import { presentRun, runPrompt } from "@/lib/runs";

export const dynamic = "force-dynamic";

const Body = z.object({
  workspace: z.string().min(1).max(40),
  /** Absent for a free-form run. */
  prompt: z.string().min(1).max(200).optional(),
  source: z.union([
    z.object({ kind: z.literal("freeform"), type: z.enum(["text", "chat"]), content: z.unknown() }),
    z.object({ kind: z.literal("version"), version: z.number().int().min(1) }),
    z.object({ kind: z.literal("label"), label: z.string().min(1).max(36) }),
    z.object({ kind: z.literal("draft") }),
  ]),
  model: z.string().min(3).max(200),
  variables: z.record(z.string(), z.unknown()).default({}),
  params: z.object({ temperature: z.number().optional(), maxTokens: z.number().int().optional() }).default({}),
  runGroupId: z.uuid().optional(),
});

const encoder = new TextEncoder();
const sse = (event: string, data: unknown) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * One playground column: streams the output as Server-Sent Events (`delta`, then `done` with the stored run,
 * or `error`). Request problems (missing variable, no access) are answered as JSON errors before streaming.
 */
export const POST = route(async (req) => {
  const body = await readJson(req, Body, 256 * 1024);
  const { ctx } = await sessionWorkspace(body.workspace);
  // Before the stream opens: a refusal is a 403 JSON error, not a 200 stream that carries an error event.
  authorize(ctx, "runs:create");
  if (body.source.kind !== "freeform" && !body.prompt) throw invalidInput("prompt: give the prompt's slug (or run a freeform template).");
  const selector =
    body.source.kind === "freeform"
      ? { freeform: { type: body.source.type, content: body.source.content } }
      : body.source.kind === "version"
      ? { version: body.source.version }
      : body.source.kind === "label"
        ? { label: body.source.label }
        : { draft: await readLiveDraft({ ctx, input: { slug: body.prompt! } }).then((d) => ({ content: d.content, config: d.config })) };
  const params = Object.fromEntries(Object.entries(body.params).filter(([, v]) => v !== undefined));

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => {
        try {
          controller.enqueue(sse(event, data));
        } catch {
          // The client went away; the run still finishes and is stored.
        }
      };
      try {
        const result = await runPrompt({
          ctx,
          input: { prompt: body.source.kind === "freeform" ? undefined : body.prompt, ...selector, model: body.model, variables: body.variables, params, source: "playground", runGroupId: body.runGroupId, signal: req.signal },
          onDelta: (text) => send("delta", { text }),
        });
        send(result.status === "success" ? "done" : "error", result.status === "success" ? presentRun(result) : { message: result.error, run: presentRun(result) });
      } catch (e) {
        send("error", { message: toActionError(e).message });
      } finally {
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Accel-Buffering": "no" } });
});
