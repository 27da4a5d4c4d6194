import jwt from 'jsonwebtoken';
import { createAccessTokens } from './accessTokens.js';
import { DomainError } from './domainError.js';

const options = {
  secret: 'a'.repeat(32),
  issuer: 'scalemart',
  audience: 'scalemart',
  ttlSeconds: 60,
};
const tokens = createAccessTokens(options);

const refusal = (token: string) => {
  try {
    tokens.verify(token);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the token to be refused');
};

describe('access tokens', () => {
  it('round-trips subject and role', () => {
    const { token, expiresAt } = tokens.sign({ sub: 'u-1', role: 'admin' });
    expect(tokens.verify(token)).toMatchObject({ sub: 'u-1', role: 'admin' });
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
  });

  it('refuses alg none', () => {
    const unsigned = jwt.sign({ role: 'admin' }, null, {
      algorithm: 'none',
      subject: 'u-1',
      issuer: options.issuer,
      audience: options.audience,
    });
    expect(refusal(unsigned)).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('refuses a tampered payload', () => {
    const [head, , signature] = tokens.sign({ sub: 'u-1', role: 'shopper' }).token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'u-1', role: 'admin', iss: 'scalemart', aud: 'scalemart' }),
    ).toString('base64url');
    expect(refusal(`${head}.${forged}.${signature}`).code).toBe('unauthorized');
  });

  it('refuses an expired token and says so', () => {
    const expired = jwt.sign(
      { role: 'shopper', exp: Math.floor(Date.now() / 1000) - 10 },
      options.secret,
      {
        subject: 'u-1',
        issuer: options.issuer,
        audience: options.audience,
      },
    );
    expect(refusal(expired).message).toMatch(/expired/);
  });

  it('refuses another audience, another secret, and a token without a role', () => {
    const other = createAccessTokens({ ...options, audience: 'elsewhere' });
    expect(refusal(other.sign({ sub: 'u-1', role: 'shopper' }).token).code).toBe('unauthorized');
    const stranger = createAccessTokens({ ...options, secret: 'b'.repeat(32) });
    expect(refusal(stranger.sign({ sub: 'u-1', role: 'shopper' }).token).code).toBe('unauthorized');
    const roleless = jwt.sign({}, options.secret, {
      subject: 'u-1',
      issuer: 'scalemart',
      audience: 'scalemart',
    });
    expect(refusal(roleless).code).toBe('unauthorized');
  });

  it('returns the expiry with the claims', () => {
    const { token, expiresAt } = tokens.sign({ sub: 'u-1', role: 'shopper' });
    expect(tokens.verify(token).exp).toBe(Math.floor(Date.parse(expiresAt) / 1000));
  });

  // Issue 25: the hand-written verifier accepted both of these.
  it('refuses a signature re-encoded with the same bytes (non-canonical base64url)', () => {
    const token = tokens.sign({ sub: 'u-1', role: 'admin' }).token;
    const reencoded = siblingEncoding(token);
    expect(reencoded).not.toBe(token);
    const signatureBytes = (t: string) => Buffer.from(t.split('.')[2]!, 'base64url');
    expect(signatureBytes(reencoded).equals(signatureBytes(token))).toBe(true);
    expect(refusal(reencoded)).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('refuses a token without exp', () => {
    const forever = jwt.sign({ role: 'admin' }, options.secret, {
      subject: 'u-1',
      issuer: options.issuer,
      audience: options.audience,
    });
    expect(refusal(forever).code).toBe('unauthorized');
  });

  it('refuses HS512, another issuer, and a token not valid yet', () => {
    const sign = (extra: jwt.SignOptions, payload: object = { role: 'shopper' }) =>
      jwt.sign(payload, options.secret, {
        subject: 'u-1',
        issuer: options.issuer,
        audience: options.audience,
        expiresIn: 60,
        ...extra,
      });
    expect(refusal(sign({ algorithm: 'HS512' })).code).toBe('unauthorized');
    expect(refusal(sign({ issuer: 'elsewhere' })).code).toBe('unauthorized');
    expect(refusal(sign({ notBefore: 30 })).code).toBe('unauthorized');
  });
});

/**
 * The same token with its signature's last base64url character swapped for a sibling: an
 * HMAC-SHA256 is 32 bytes, 43 characters, and the last one carries 2 unused low bits, so the
 * sibling decodes to the same bytes.
 */
function siblingEncoding(token: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(token.at(-1)!);
  return token.slice(0, -1) + alphabet[last ^ 1];
}
