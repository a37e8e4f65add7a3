// The version hash lives in lib/hash (server only: node:crypto); re-exported for the prompts domain.
export { hashVersion } from "@/lib/hash";
