import { lazy, Suspense, useEffect, useState } from 'react';
import type { AuthResponse } from '@scalemart/contracts';
import { ConnectionBadge } from './lib/ConnectionBadge.js';
import { LiveProvider } from './lib/LiveContext.js';
import { routeFromHash, type Route } from './lib/route.js';
import { loadSession, saveSession } from './lib/session.js';
import { AuthForm } from './features/auth/AuthForm.js';
import { OrdersList } from './features/orders/OrdersPage.js';
import { useOrders } from './features/orders/useOrders.js';
import { ProductPage } from './features/shop/ProductPage.js';
import { ShopPage } from './features/shop/ShopPage.js';
import { useProducts } from './features/shop/useProducts.js';

// Shoppers never download the admin floor (and uPlot with it): it is its own chunk.
const AdminPage = lazy(() =>
  import('./features/admin/AdminPage.js').then((m) => ({ default: m.AdminPage })),
);

const currentRoute = () => routeFromHash(window.location.hash);

function Shopper({ session, route }: { session: AuthResponse | null; route: Route }) {
  const token = session?.token ?? null;
  const shop = useProducts();
  const mine = useOrders(token);
  // Every product, ended sales included: an order names its product long after the sale.
  const names = new Map(shop.products?.map((p) => [p.productId, p.name]));
  const orders = session && <OrdersList orders={mine.orders} error={mine.error} names={names} />;
  const list = {
    products: shop.products,
    error: shop.error,
    token,
    onRetry: () => void shop.reload(),
  };
  return (
    <div className="shopper">
      {route.view === 'orders' && orders}
      {route.view === 'product' ? (
        <ProductPage productId={route.productId} {...list} />
      ) : (
        <ShopPage {...list} />
      )}
      {route.view !== 'orders' && orders}
    </div>
  );
}

/** Shell: header with navigation and the live indicator, one view at a time (hash routes). */
export function App() {
  const [session, setSession] = useState<AuthResponse | null>(() => loadSession());
  const [route, setRoute] = useState<Route>(currentRoute);
  const view = route.view;
  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const signIn = (next: AuthResponse | null) => {
    saveSession(next);
    setSession(next);
  };
  const isAdmin = session?.user.role === 'admin';
  return (
    <LiveProvider token={session?.token ?? null} onUnauthorized={() => signIn(null)}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <h1>ScaleMart</h1>
        <nav aria-label="Main">
          <a href="#/shop" aria-current={view === 'shop' ? 'page' : undefined}>
            Shop
          </a>
          {session && (
            <a href="#/orders" aria-current={view === 'orders' ? 'page' : undefined}>
              My orders
            </a>
          )}
          {isAdmin && (
            <a href="#/admin" aria-current={view === 'admin' ? 'page' : undefined}>
              Sales floor
            </a>
          )}
        </nav>
        <ConnectionBadge />
        {session && (
          <button type="button" className="link" onClick={() => signIn(null)}>
            Log out {session.user.name ?? session.user.email}
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {!session && <AuthForm onSignedIn={signIn} />}
        {view === 'admin' && isAdmin ? (
          <Suspense fallback={<p>Loading the sales floor…</p>}>
            <AdminPage token={session.token} />
          </Suspense>
        ) : (
          <Shopper session={session} route={route} />
        )}
      </main>
    </LiveProvider>
  );
}
