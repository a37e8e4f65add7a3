export { recordGenerations, type RecordGenerationsInput, type RecordGenerationsResult } from "./record";
export { GenerationRecord, type ParsedGenerationRecord, MAX_GENERATIONS_PER_BATCH, MAX_COST_USD, FIELD_LIMITS } from "./schemas";
