export { extractFromContent, extractIncludes, extractSections, extractVariables } from "./extract";
export { validateTemplate } from "./validate";
export { renderContent, type RenderInput } from "./render";
export {
  resolveComponents,
  type LoadedComponent,
  type ResolveComponentsInput,
  type ResolvedComponent,
  type ResolvedComponents,
} from "./resolve-components";
export { LABEL_MAX_LENGTH, SLUG_MAX_LENGTH, labelProblem, parseInclude, slugProblem } from "./names";
export type { ChatMessage, ChatRole, Components, Include, PromptContent } from "./types";
