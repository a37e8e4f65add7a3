export * from "./users";
export * from "./workspaces";
export * from "./api-keys";
export * from "./prompts";
export * from "./audit";
export * from "./drafts";
export * from "./models";
export * from "./reviews";
