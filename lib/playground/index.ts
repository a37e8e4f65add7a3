export { savePlaygroundSession, loadPlaygroundSession, PlaygroundState } from "./sessions";
