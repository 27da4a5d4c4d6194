import { saleState, type ProductView } from '@scalemart/contracts';
import { discountLabel, formatCents } from '../../lib/money.js';
import { BuyButton } from './BuyButton.js';
import { Countdown } from './Countdown.js';
import { productHref } from '../../lib/route.js';

export interface ProductCardProps {
  product: ProductView;
  now: Date;
  token: string | null;
  onPlaced?: (orderId: string) => void;
}

/** One product of the sale: price, discount, countdown, live stock and the Buy button. */
export function ProductCard({ product, now, token, onPlaced }: ProductCardProps) {
  const state = saleState(product.sale, now);
  const soldOut = product.available === 0;
  const price = state === 'live' && product.sale ? product.sale.salePriceCents : product.priceCents;
  const discount = product.sale
    ? discountLabel(product.priceCents, product.sale.salePriceCents)
    : '';
  const disabledReason = !token
    ? 'Log in to buy'
    : soldOut
      ? 'Sold out'
      : state === 'scheduled'
        ? 'Not started'
        : state !== 'live'
          ? 'Not on sale'
          : undefined;
  return (
    <article
      className={`card${soldOut ? ' sold-out' : ''}`}
      aria-labelledby={`name-${product.productId}`}
      data-testid={`card-${product.productId}`}
    >
      <h3 id={`name-${product.productId}`}>
        <a href={productHref(product.productId)}>{product.name}</a>
      </h3>
      {product.description && <p className="description">{product.description}</p>}
      <p className="price">
        <strong>{formatCents(price, product.currency)}</strong>
        {state === 'live' && discount && (
          <>
            {' '}
            <s aria-label="list price">{formatCents(product.priceCents, product.currency)}</s>{' '}
            <span className="discount">{discount}</span>
          </>
        )}
      </p>
      {product.sale && state === 'scheduled' && (
        <Countdown label="Starts in" until={product.sale.startsAt} now={now} />
      )}
      {product.sale && state === 'live' && (
        <Countdown label="Ends in" until={product.sale.endsAt} now={now} />
      )}
      {state === 'ended' && <p className="countdown">Sale ended</p>}
      <p
        className={`stock${product.lowStock && !soldOut ? ' low' : ''}`}
        data-testid={`stock-${product.productId}`}
        data-available={product.available}
      >
        {soldOut ? 'Sold out' : `${product.available} left`}
        {product.lowStock && !soldOut && <span className="visually-hidden"> — almost gone</span>}
      </p>
      {product.sale && state === 'live' && (
        <p className="limit">Limit {product.sale.perUserLimit} per shopper</p>
      )}
      <BuyButton
        productId={product.productId}
        productName={product.name}
        token={token}
        disabledReason={disabledReason}
        {...(onPlaced ? { onPlaced } : {})}
      />
    </article>
  );
}
