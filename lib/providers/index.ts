export { createProvider } from "./create";
export { updateProvider } from "./update";
export { deleteProvider } from "./delete";
export { listProviders, getProvider } from "./list";
export { listConnectionModels, type ConnectionModels } from "./list-models";
export { testConnection, type ConnectionTestResult } from "./test-connection";
export { getModelSettings, updateModelSettings } from "./settings";
export { encryptSecret, decryptSecret, apiKeyHintOf, maskedHint, SecretDecryptionError } from "./crypto";
export { checkBaseUrl, assertBaseUrl, classifyAddress, systemResolver, type BaseUrlCheck, type BaseUrlProblem, type CheckBaseUrlOptions, type Resolver } from "./ssrf";
export { guardedFetch, type GuardOptions } from "./guarded-fetch";
export { languageModelFor } from "./language-model";
export {
  describeProviderError,
  describeHttpFailure,
  formatSeconds,
  BlockedUrlError,
  CallTimeoutError,
  PROVIDER_FAILURE_KINDS,
  type ProviderFailure,
  type ProviderFailureKind,
  type FailureContext,
} from "./failures";
export {
  getConnectionByName,
  loadModelSettings,
  connectionApiKey,
  effectiveBaseUrl,
  presentConnection,
  DEFAULT_MODEL_SETTINGS,
  type ConnectionView,
  type ModelSettings,
} from "./internal";
export { CreateProviderInput, UpdateProviderInput, ProviderNameInput, TestConnectionInput, UpdateModelSettingsInput, ConnectionNameSchema, MAX_CONCURRENT_RUNS_LIMIT } from "./schemas";
export { PROVIDER_PRESETS, PROVIDER_KINDS, PROVIDER_KIND_LABELS, DEFAULT_BASE_URLS, KEY_REQUIRED, CONNECTION_NAME_RE, type ProviderPreset, type ProviderKind } from "./presets";
