import type { z } from "zod";

/** "content.2.role: Invalid option" -> a message that names the field, prefixed by where it came from. */
export function describeZodIssue(root: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `${root} is invalid.`;
  const path = [root, ...issue.path.map(String)].join(".");
  return `${path}: ${issue.message}`;
}
