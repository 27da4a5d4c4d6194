/** A token from command-api's /api/auth/login or /api/auth/signup (a shopper); fails with its answer. */
export async function authToken(
  commandApiUrl: string,
  route: 'login' | 'signup',
  credentials: { email: string; password: string },
): Promise<string> {
  const res = await fetch(`${commandApiUrl}/api/auth/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!res.ok) throw new Error(`/api/auth/${route} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
