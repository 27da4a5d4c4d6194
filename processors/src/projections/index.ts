import { ordersProjection } from './ordersProjection.js';
import { productsProjection } from './productsProjection.js';
import type { Projection, ReadModelDoc } from './projection.js';
import { salesProjection } from './salesProjection.js';

/** Every read model the processors keep. */
export const PROJECTIONS = [
  productsProjection,
  ordersProjection,
  salesProjection,
] as unknown as readonly Projection<ReadModelDoc>[];
