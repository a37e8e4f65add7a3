import { expect } from "vitest";
import { z } from "zod";
import { isAppError, type AppError, type ErrorCode } from "@/lib/errors";

async function settle(run: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof run === "function" ? run() : run);
  } catch (e) {
    return e;
  }
  throw new Error("Expected an error to be thrown, but the call succeeded.");
}

/** Awaits (or calls) `run`, asserts it fails with an AppError of `code` (and a message matching `message`), returns it. */
export async function expectAppError(run: Promise<unknown> | (() => unknown), code: ErrorCode, message?: RegExp | string): Promise<AppError> {
  const e = await settle(run);
  expect(isAppError(e), `expected an AppError(${code}), got: ${String(e)}`).toBe(true);
  const err = e as AppError;
  expect(err.code, `message: ${err.message}`).toBe(code);
  if (message !== undefined) expect(err.message).toMatch(message);
  return err;
}

/** Asserts `run` fails with a z.ZodError whose issue messages match `message`. */
export async function expectZodError(run: Promise<unknown> | (() => unknown), message: RegExp | string): Promise<z.ZodError> {
  const e = await settle(run);
  expect(e, `expected a ZodError, got: ${String(e)}`).toBeInstanceOf(z.ZodError);
  const err = e as z.ZodError;
  expect(err.issues.map((i) => i.message).join("\n")).toMatch(message);
  return err;
}
