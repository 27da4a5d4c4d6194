/** Integer cents to a localized price; floats never hold money, only this display string does. */
export function formatCents(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
}

/** "-25%" for a sale price against the list price; empty when there is no discount. */
export function discountLabel(priceCents: number, saleCents: number): string {
  if (saleCents >= priceCents || priceCents === 0) return '';
  return `-${Math.round((1 - saleCents / priceCents) * 100)}%`;
}
