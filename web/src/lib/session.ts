import { AuthResponse } from '@scalemart/contracts';

const KEY = 'scalemart.session';

/** The signed-in user, kept in localStorage so a reload keeps the session until the token expires. */
export function loadSession(now = Date.now()): AuthResponse | null {
  try {
    const parsed = AuthResponse.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
    if (!parsed.success || Date.parse(parsed.data.expiresAt) <= now) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

export function saveSession(session: AuthResponse | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
}
