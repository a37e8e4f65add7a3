import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : ["true", "1", "yes"].includes(v)));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/** Every environment variable Promptyard reads, parsed once. README "Configuration" mirrors this list. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOSTNAME: z.string().default("0.0.0.0"),
  DATABASE_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://").optional()),
  PROMPTYARD_DATA_DIR: z.string().default("./.data"),
  PROMPTYARD_SECRET: optionalString.pipe(z.string().min(32, "PROMPTYARD_SECRET must be at least 32 characters").optional()),
  AUTH_SECRET: optionalString,
  AUTH_URL: optionalString,
  ALLOW_SIGNUP: bool.transform((v) => v ?? true),
  PROMPTYARD_DEMO: bool,
  PROMPTYARD_INIT_USER_EMAIL: optionalString.pipe(z.email("PROMPTYARD_INIT_USER_EMAIL must be an email address").optional()),
  PROMPTYARD_INIT_USER_PASSWORD: optionalString,
  PROMPTYARD_INIT_WORKSPACE: optionalString,
  PROMPTYARD_INIT_API_KEY: optionalString.pipe(z.string().regex(/^pyk_[A-Za-z0-9_-]{20,}$/, "PROMPTYARD_INIT_API_KEY must look like pyk_ followed by at least 20 characters").optional()),
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
  /** Redis for state shared by several instances (rate limits now; serving-cache fan-out later). */
  REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, "REDIS_URL must start with redis:// or rediss://").optional()),
  /** Proxies whose X-Forwarded-For is believed: comma-separated IPs or CIDRs, or "loopback". Default none. */
  TRUSTED_PROXIES: optionalString,
  /** Requests per minute one API key may make to /api/v1 (429 + Retry-After beyond it); 0 turns the limit off. */
  PROMPTYARD_API_RATE_LIMIT: z.coerce.number({ error: "PROMPTYARD_API_RATE_LIMIT must be a whole number" }).int().min(0).default(6000),
  /** Drift: a deployment with no heartbeat for this many minutes is "silent". */
  PROMPTYARD_DRIFT_SILENT_MINUTES: z.coerce.number({ error: "PROMPTYARD_DRIFT_SILENT_MINUTES must be a number" }).positive().default(60),
  /** Drift: a deployment out of sync for this many minutes emits drift.detected (once per drift). */
  PROMPTYARD_DRIFT_ALERT_MINUTES: z.coerce.number({ error: "PROMPTYARD_DRIFT_ALERT_MINUTES must be a number" }).min(0).default(15),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parses process.env; throws one readable error listing every bad variable. */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  if (source === process.env && cached) return cached;
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

/** Demo content is on for the embedded database, or when asked for explicitly; never silently on a server database. */
export function demoEnabled(env: Env = getEnv()): boolean {
  if (env.PROMPTYARD_DEMO !== undefined) return env.PROMPTYARD_DEMO;
  return !env.DATABASE_URL;
}
