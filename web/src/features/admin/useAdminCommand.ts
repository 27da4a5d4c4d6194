import { useState } from 'react';
import type { z } from 'zod';
import { apiRequest } from '../../lib/api.js';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../../lib/fieldErrors.js';
import { refusalMessage } from '../shop/refusalMessage.js';

/** Validate with the contracts' schema, then POST; field errors come from zod or the API's issues. */
export function useAdminCommand(token: string) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send<S extends z.ZodType>(
    path: string,
    schema: S | null,
    body: unknown,
    success: string,
  ): Promise<boolean> {
    setDone(null);
    const parsed = schema ? schema.safeParse(body) : { success: true as const, data: undefined };
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return false;
    }
    setErrors({});
    setBusy(true);
    try {
      await apiRequest(path, { method: 'POST', token, body: parsed.data });
      setDone(success);
      return true;
    } catch (error) {
      setErrors(apiFieldErrors(error, refusalMessage));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { errors, done, busy, send };
}
