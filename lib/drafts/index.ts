export { issueDraftToken } from "./token";
export { commitDraft, readLiveDraft } from "./commit";
export { resetDraftToVersion } from "./reset";
