import { ordersProjection } from './ordersProjection.js';
import { productsProjection } from './productsProjection.js';
import type { Projection } from './projection.js';
import { salesProjection } from './salesProjection.js';

/** Every read model the processors keep, in the order a rebuild runs them. */
export const PROJECTIONS: readonly Projection[] = [
  productsProjection,
  ordersProjection,
  salesProjection,
];
