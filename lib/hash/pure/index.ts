/** The client-safe part of lib/hash (no Node APIs): canonical JSON for dirty checks in the browser. */
export { canonicalJson, toJsonValue } from "./canonical-json";
