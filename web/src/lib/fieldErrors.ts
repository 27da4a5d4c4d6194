import type { z } from 'zod';
import { ApiError } from './api.js';

export type FieldErrors = Record<string, string>;

/** First message per field from a zod error: the same schemas the APIs validate with. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'form';
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Field messages from an API refusal (problem `issues`), or one form-level message. */
export function apiFieldErrors(error: unknown, fallback: (error: unknown) => string): FieldErrors {
  if (error instanceof ApiError && error.problem.issues?.length) {
    const errors: FieldErrors = {};
    for (const issue of error.problem.issues) errors[issue.path || 'form'] ??= issue.message;
    return errors;
  }
  return { form: fallback(error) };
}
