import { useState, type FormEvent } from 'react';
import { AuthResponse, LoginRequest, SignupRequest } from '@scalemart/contracts';
import { ApiError, apiRequest } from '../../lib/api.js';
import { Field } from '../../lib/Field.js';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../../lib/fieldErrors.js';

type Mode = 'login' | 'signup';

function authMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.code === 'invalid_credentials') return 'Wrong email or password.';
  if (error.code === 'email_taken') return 'An account with this email exists. Log in instead.';
  if (error.code === 'rate_limited')
    return `Too many attempts. Try again in ${error.retryAfterSeconds ?? 'a few'} seconds.`;
  if (error.code === 'unavailable') return 'The shop cannot be reached. Check your connection.';
  return error.problem.detail ?? error.problem.title;
}

/** Sign up or log in; fields are checked with the contracts' schemas before anything is sent. */
export function AuthForm({ onSignedIn }: { onSignedIn: (session: AuthResponse) => void }) {
  const [mode, setMode] = useState<Mode>('signup');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const body =
      mode === 'signup'
        ? { email: form.email, password: form.password, ...(form.name ? { name: form.name } : {}) }
        : { email: form.email, password: form.password };
    const parsed = (mode === 'signup' ? SignupRequest : LoginRequest).safeParse(body);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setBusy(true);
    setErrors({});
    try {
      onSignedIn(
        await apiRequest(`/api/auth/${mode}`, {
          method: 'POST',
          body: parsed.data,
          schema: AuthResponse,
        }),
      );
    } catch (error) {
      setErrors(apiFieldErrors(error, authMessage));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="auth" aria-labelledby="auth-title">
      <h2 id="auth-title">{mode === 'signup' ? 'Create an account' : 'Log in'}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {mode === 'signup' && (
          <Field name="name" label="Name (optional)" autoComplete="name" error={errors.name} />
        )}
        <Field
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          required
          error={errors.email}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
          required
          error={errors.password}
        />
        {errors.form && (
          <p role="alert" className="form-error">
            {errors.form}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {mode === 'signup' ? 'Sign up' : 'Log in'}
        </button>
      </form>
      <button
        type="button"
        className="link"
        onClick={() => {
          setMode(mode === 'signup' ? 'login' : 'signup');
          setErrors({});
        }}
      >
        {mode === 'signup' ? 'Already have an account? Log in' : 'New here? Create an account'}
      </button>
    </section>
  );
}
