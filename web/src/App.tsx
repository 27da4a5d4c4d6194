import { lazy, Suspense, useEffect, useState } from 'react';
import type { AuthResponse } from '@scalemart/contracts';
import { ConnectionBadge } from './lib/ConnectionBadge.js';
import { LiveProvider } from './lib/LiveContext.js';
import { loadSession, saveSession } from './lib/session.js';
import { AuthForm } from './features/auth/AuthForm.js';
import { OrdersList } from './features/orders/OrdersPage.js';
import { useOrders } from './features/orders/useOrders.js';
import { ShopPage } from './features/shop/ShopPage.js';
import { useProducts } from './features/shop/useProducts.js';

// Shoppers never download the admin floor (and uPlot with it): it is its own chunk.
const AdminPage = lazy(() =>
  import('./features/admin/AdminPage.js').then((m) => ({ default: m.AdminPage })),
);

type View = 'shop' | 'orders' | 'admin';
const viewFromHash = (): View => {
  const hash = window.location.hash.replace('#/', '');
  return hash === 'orders' || hash === 'admin' ? hash : 'shop';
};

function Shopper({ session, ordersFirst }: { session: AuthResponse | null; ordersFirst: boolean }) {
  const token = session?.token ?? null;
  const shop = useProducts();
  const mine = useOrders(token);
  const names = new Map(shop.products?.map((p) => [p.productId, p.name]));
  const orders = session && <OrdersList orders={mine.orders} error={mine.error} names={names} />;
  return (
    <div className="shopper">
      {ordersFirst && orders}
      <ShopPage products={shop.products} error={shop.error} token={token} />
      {!ordersFirst && orders}
    </div>
  );
}

/** Shell: header with navigation and the live indicator, one view at a time (hash routes). */
export function App() {
  const [session, setSession] = useState<AuthResponse | null>(() => loadSession());
  const [view, setView] = useState<View>(viewFromHash);
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
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
          <Shopper session={session} ordersFirst={view === 'orders'} />
        )}
      </main>
    </LiveProvider>
  );
}
