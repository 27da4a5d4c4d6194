import { StaleNote } from '../../lib/StaleNote.js';
import { formatCents } from '../../lib/money.js';
import { useNow } from '../shop/Countdown.js';
import { useProducts } from '../shop/useProducts.js';
import { minuteSeries } from './minuteSeries.js';
import { LowStockAlerts } from './LowStockAlerts.js';
import { ProductStockList } from './ProductStockList.js';
import { CreateProductForm, SaleForms } from './ProductForms.js';
import { SalesByMinuteChart } from './SalesByMinuteChart.js';
import { useSalesFloor } from './useSalesFloor.js';

/** The live sales floor: velocity, stock burn-down, queue depth, alerts, dead letters, and commands. */
export function AdminPage({ token }: { token: string }) {
  const floor = useSalesFloor(token);
  const { products, receivedAt, error: productsError, reload } = useProducts();
  const now = useNow();
  const lowStock = new Set([
    ...(floor.stats?.lowStock ?? []),
    ...floor.alerts.map((a) => a.productId),
  ]);
  return (
    <section aria-labelledby="admin-title" className="admin">
      <h2 id="admin-title">Sales floor</h2>
      {floor.error && <p role="alert">{floor.error}</p>}
      <StaleNote what="the figures below" />
      <dl className="kpis">
        <div>
          <dt>Orders (60 min)</dt>
          <dd data-testid="kpi-orders">{floor.stats?.totals.orders ?? '–'}</dd>
        </div>
        <div>
          <dt>Revenue (60 min)</dt>
          <dd data-testid="kpi-revenue">
            {floor.stats ? formatCents(floor.stats.totals.revenueCents) : '–'}
          </dd>
        </div>
        <div>
          <dt>Pending queue</dt>
          <dd data-testid="kpi-pending">{floor.pendingOrders ?? '–'}</dd>
        </div>
        <div>
          <dt>Orders/min now</dt>
          <dd data-testid="kpi-velocity">{floor.velocity?.ordersPerMinute.toFixed(1) ?? '–'}</dd>
        </div>
      </dl>
      <SalesByMinuteChart points={minuteSeries(floor.minutes, now)} />
      <h3>Low-stock alerts</h3>
      <LowStockAlerts ids={lowStock} products={products} />
      <ProductStockList
        products={products}
        receivedAt={receivedAt}
        error={productsError}
        now={now}
      />
      <h3>Dead letters</h3>
      {floor.deadLetters.length === 0 ? (
        <p>None — every event was handled.</p>
      ) : (
        <ul className="dead-letters">
          {floor.deadLetters.map((d) => (
            <li key={d.id}>
              <strong>{d.consumer}</strong> #{d.streamSequence} {d.subject}: {d.reason}
            </li>
          ))}
        </ul>
      )}
      <h3>Commands</h3>
      <div className="forms">
        <CreateProductForm token={token} onDone={() => void reload()} />
        <SaleForms token={token} products={products ?? []} onDone={() => void reload()} />
      </div>
    </section>
  );
}
