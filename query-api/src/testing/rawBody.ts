// Test helper (excluded from the build): a body as sent, before a contract's parse drops what it
// does not know, for tests that prove no bookkeeping field leaks out.
import { z } from 'zod';

const Fields = z.record(z.string(), z.unknown());

/** The first item of the body's `list` (`products`, `orders`), with every field it was sent with. */
export function firstRawItem(body: unknown, list: string): Record<string, unknown> {
  const [first] = z.array(Fields).min(1).parse(Fields.parse(body)[list]);
  return first!;
}
