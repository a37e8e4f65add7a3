/**
 * Realtime co-editing (Yjs over y-websocket). For server.ts and tests. Next code imports the narrow modules
 * instead, to keep ws/y-protocols out of its bundle and to share the running server through lib/runtime:
 *   "@/lib/realtime/token"       mintRealtimeToken, realtimeSecret, promptDocName   (the token route)
 *   "@/lib/realtime/registry"    invalidateMembership, withLoadedDoc                (lib/members, commit)
 *   "@/lib/realtime/draft-model" initDraft, readDraft, rebaseDraft, draftParts      (browser editor; pure)
 */
export { createRealtimeServer, type RealtimeServer, type RealtimeServerOptions, type ChangeHook } from "./server";
export { createAppRealtimeServer, createPromptSeed, createPromptWorkspaceResolver } from "./prompt-docs";
export {
  canWrite,
  createMembershipLookup,
  createMembershipLookupMany,
  createTokenAuthenticator,
  MembershipCache,
  parseRealtimeUrl,
  RealtimeAuthError,
  WRITE_ROLES,
  type AuthenticateHook,
  type AuthorizeWriteHook,
  type AuthorizeWriteManyHook,
  type MemberRef,
  type RealtimeSession,
} from "./auth";
export {
  createPgPersistence,
  DocumentNotFoundError,
  encodeSeed,
  type CompactHook,
  type CompactInput,
  type CompactResult,
  type DocRef,
  type LoadedState,
  type LoadHook,
  type SeedHook,
  type StoreHook,
} from "./persistence";
export { UpdateQueue, type QueueOptions } from "./update-queue";
export { CLOSE } from "./connection";
export {
  mintRealtimeToken,
  verifyRealtimeToken,
  realtimeSecret,
  RealtimeTokenError,
  promptDocName,
  parsePromptDocName,
  realtimePath,
  REALTIME_PATH_PREFIX,
  type RealtimeTokenPayload,
  type RealtimeTokenFailure,
  type MintInput,
} from "./token";
export { invalidateMembership, withLoadedDoc, getRealtimeServer, type LiveDraft, type RealtimeHandle } from "./registry";
export { probeUpdate } from "./guard-update";
export { initDraft, readDraft, rebaseDraft, resetDraft, checkDraftShape, draftParts, createMessage, type Draft, type DraftInit, type DraftConfig, type DraftMessage, type DraftType } from "./draft-model";
