// The version hash lives in lib/hash (server only: node:crypto); re-exported here because lib/prompts/commit.ts imports
// it from "./pure". That makes lib/prompts/pure/index.ts server-only: browser code imports pure/<file> directly.
// TODO: commit.ts imports hashVersion from "@/lib/hash", then this file goes.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the one server-only re-export in a pure folder (see above)
export { hashVersion } from "@/lib/hash";
