export { moveLabel, rollbackLabel, MoveLabelInput, type MoveResult } from "./move";
export { labelHistory, labelsAt } from "./history";
export { getLabelPolicy, listLabelPolicies, setLabelPolicy, defaultPolicy, assertPolicyAllows, type EffectivePolicy } from "./policy";
