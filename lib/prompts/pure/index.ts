export { canonicalJson } from "./canonical-json";
export { hashVersion } from "./hash-version";
export { suggestBump } from "./suggest-bump";
export { diffSummary, type DiffSummary } from "./diff-summary";
export { checkAuthorSemver, compareSemver, nextSemver, parseSemver, type Bump, type Semver } from "./semver";
export { assertNoSecrets, scanForSecrets, type SecretFinding, type SecretKind } from "./scan-secrets";
export { validateResponseSchema } from "./validate-response-schema";
export { LabelNameSchema, PromptConfigSchema, PromptContentSchema, SlugSchema } from "./schemas";
export type { ChatMessage, PromptConfig, PromptContent, VersionShape } from "./types";
