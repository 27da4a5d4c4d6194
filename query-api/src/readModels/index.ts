export { readModels, toView, type ReadModels, type Stored, type SalesDoc } from './readModels.js';
export { ensureIndexes } from './ensureIndexes.js';
