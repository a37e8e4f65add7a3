// The canonical JSON lives in lib/hash (one RFC 8785 form for version hashes and the audit chain); re-exported here
// for the prompts domain's pure helpers (diff summaries).
export { canonicalJson } from "@/lib/hash/pure";
