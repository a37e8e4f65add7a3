/** Shared by the benchmark orchestrator and its server process. */
export const PROMPT_TEXT =
  "You are a support assistant for {{product}}. Answer the customer's question in at most {{limit}} words, " +
  "cite the relevant help-center article, and never promise refunds. If you are unsure, say so and offer to " +
  "hand over to a human agent.\n\nQuestion: {{question}}";

export interface BenchDoc {
  doc: string;
  token: string;
}
export interface ReadyMessage {
  type: "ready";
  port: number;
  hot: { doc: string; tokens: string[] };
  idle: BenchDoc[];
  warm: BenchDoc[];
}
