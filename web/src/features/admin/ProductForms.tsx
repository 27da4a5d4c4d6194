import type { FormEvent } from 'react';
import {
  CreateProductRequest,
  RestockRequest,
  ScheduleSaleRequest,
  type ProductView,
} from '@scalemart/contracts';
import { Field } from '../../lib/Field.js';
import { cents, isoFromLocal, localInputValue, number, text } from './formValues.js';
import { useAdminCommand } from './useAdminCommand.js';

type FormProps = { token: string; onDone: () => void };

function Outcome({ errors, done }: { errors: Record<string, string>; done: string | null }) {
  return (
    <>
      {errors.form && (
        <p role="alert" className="form-error">
          {errors.form}
        </p>
      )}
      {done && (
        <p role="status" className="form-done">
          {done}
        </p>
      )}
    </>
  );
}

/** Create a product (POST /api/admin/products). */
export function CreateProductForm({ token, onDone }: FormProps) {
  const { errors, done, busy, send } = useAdminCommand(token);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const body = {
      ...(text(form, 'productId') ? { productId: text(form, 'productId') } : {}),
      name: text(form, 'name'),
      description: text(form, 'description'),
      priceCents: cents(form, 'priceCents'),
      initialStock: number(form, 'initialStock'),
    };
    if (await send('/api/admin/products', CreateProductRequest, body, `Created ${body.name}.`)) {
      element.reset();
      onDone();
    }
  }
  return (
    <form
      className="admin-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="create-title"
    >
      <h3 id="create-title">Create a product</h3>
      <Field
        name="productId"
        id="create-productId"
        label="Id (optional)"
        error={errors.productId}
      />
      <Field name="name" id="create-name" label="Name" required error={errors.name} />
      <Field
        name="description"
        id="create-description"
        label="Description"
        error={errors.description}
      />
      <Field
        name="priceCents"
        id="create-price"
        label="Price (€)"
        type="number"
        step="0.01"
        min="0"
        inputMode="decimal"
        error={errors.priceCents}
      />
      <Field
        name="initialStock"
        id="create-stock"
        label="Initial stock"
        type="number"
        min="0"
        step="1"
        error={errors.initialStock}
      />
      <Outcome errors={errors} done={done} />
      <button type="submit" disabled={busy}>
        Create product
      </button>
    </form>
  );
}

function ProductSelect({ id, products }: { id: string; products: ProductView[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>Product</label>
      <select id={id} name="productId" required>
        {products.map((p) => (
          <option key={p.productId} value={p.productId}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Schedule a sale, restock, or end a sale for one product. */
export function SaleForms({ token, products, onDone }: FormProps & { products: ProductView[] }) {
  const sale = useAdminCommand(token);
  const stock = useAdminCommand(token);
  const end = useAdminCommand(token);
  const now = new Date();
  const path = (form: FormData) =>
    `/api/admin/products/${encodeURIComponent(text(form, 'productId'))}`;

  async function schedule(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      startsAt: isoFromLocal(form, 'startsAt'),
      endsAt: isoFromLocal(form, 'endsAt'),
      perUserLimit: number(form, 'perUserLimit'),
      salePriceCents: cents(form, 'salePriceCents'),
    };
    if (await sale.send(`${path(form)}/sale`, ScheduleSaleRequest, body, 'Sale scheduled.'))
      onDone();
  }
  async function restock(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { quantity: number(form, 'quantity') };
    if (await stock.send(`${path(form)}/restock`, RestockRequest, body, 'Restocked.')) onDone();
  }
  async function endSale(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (await end.send(`${path(form)}/sale/end`, null, undefined, 'Sale ended.')) onDone();
  }
  if (products.length === 0) return <p>Create a product first.</p>;
  return (
    <>
      <form
        className="admin-form"
        onSubmit={(e) => void schedule(e)}
        noValidate
        aria-labelledby="sale-title"
      >
        <h3 id="sale-title">Schedule a sale</h3>
        <ProductSelect id="sale-product" products={products} />
        <Field
          name="startsAt"
          id="sale-starts"
          label="Starts"
          type="datetime-local"
          defaultValue={localInputValue(now)}
          error={sale.errors.startsAt}
        />
        <Field
          name="endsAt"
          id="sale-ends"
          label="Ends"
          type="datetime-local"
          defaultValue={localInputValue(new Date(now.getTime() + 3_600_000))}
          error={sale.errors.endsAt}
        />
        <Field
          name="perUserLimit"
          id="sale-limit"
          label="Limit per shopper"
          type="number"
          min="1"
          max="100"
          defaultValue="2"
          error={sale.errors.perUserLimit}
        />
        <Field
          name="salePriceCents"
          id="sale-price"
          label="Sale price (€)"
          type="number"
          step="0.01"
          min="0"
          inputMode="decimal"
          error={sale.errors.salePriceCents}
        />
        <Outcome errors={sale.errors} done={sale.done} />
        <button type="submit" disabled={sale.busy}>
          Schedule sale
        </button>
      </form>
      <form
        className="admin-form"
        onSubmit={(e) => void restock(e)}
        noValidate
        aria-labelledby="restock-title"
      >
        <h3 id="restock-title">Restock</h3>
        <ProductSelect id="restock-product" products={products} />
        <Field
          name="quantity"
          id="restock-quantity"
          label="Units to add"
          type="number"
          min="1"
          step="1"
          error={stock.errors.quantity}
        />
        <Outcome errors={stock.errors} done={stock.done} />
        <button type="submit" disabled={stock.busy}>
          Restock
        </button>
      </form>
      <form
        className="admin-form"
        onSubmit={(e) => void endSale(e)}
        noValidate
        aria-labelledby="end-title"
      >
        <h3 id="end-title">End a sale</h3>
        <ProductSelect id="end-product" products={products} />
        <Outcome errors={end.errors} done={end.done} />
        <button type="submit" className="danger" disabled={end.busy}>
          End sale now
        </button>
      </form>
    </>
  );
}
