export { listModelPrices, type ModelPriceView } from "./list";
export { setModelPrice } from "./set";
export { deleteModelPrice } from "./delete";
export { priceForModel, pricesForModels, ensurePricesSeeded } from "./internal";
export { costUsd, findPrice, priceKeyCandidates, type Price, type TokenUsage } from "./cost";
export { LIST_PRICES, PRICES_TAKEN_ON, type ListPrice } from "./prices";
export { SetModelPriceInput, DeleteModelPriceInput, ModelIdSchema } from "./schemas";
