import { z } from "zod";

const perMillion = (field: string) =>
  z.number({ error: `${field} must be a number (USD per 1M tokens).` }).min(0, `${field} must be 0 or more.`).max(10_000, `${field} must be at most 10000 USD per 1M tokens.`);

export const ModelIdSchema = z.string({ error: "model must be a string." }).trim().min(1, "model must not be empty.").max(200, "model must be at most 200 characters.");

export const SetModelPriceInput = z.object({
  /** The model id as the provider names it, e.g. gpt-4o-mini. */
  model: ModelIdSchema,
  inputPerMillion: perMillion("inputPerMillion"),
  outputPerMillion: perMillion("outputPerMillion"),
});
export type SetModelPriceInput = z.input<typeof SetModelPriceInput>;

export const DeleteModelPriceInput = z.object({ model: ModelIdSchema });
export type DeleteModelPriceInput = z.input<typeof DeleteModelPriceInput>;
