import type { ShopEvent } from '@scalemart/contracts';

/**
 * One decoded message of the stream: what the consumers hand to their handlers, what the
 * projections fold and what a replay reads. `streamSequence` is the position a read model keeps.
 */
export interface Delivery {
  event: ShopEvent;
  streamSequence: number;
  deliveries: number;
  subject: string;
}
