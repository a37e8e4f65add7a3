export { previewRunInput, runPrompt, type RunOptions, type RunResult } from "./run";
export { listRuns, getRun, type RunRow } from "./list";
export { getRunDetail, type RunDetail, type RunFeedback } from "./detail";
export { rateGeneration } from "./rate";
export { presentRun, type RunView } from "./present";
export { callModel, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type CallModelInput, type CallOutcome, type ModelParams, type RetryPolicy } from "./call-model";
export { getRunLimiter, setRunLimiter, InProcessRunLimiter, type RunLimiter } from "./limiter";
export { outputMatchesSchema, stripJsonFence } from "./schema-check";
export { RunPromptInput, RunParams, ModelRefSchema, ListRunsInput, RateGenerationInput, RUN_SOURCES, RUNS_PAGE_MAX } from "./schemas";
