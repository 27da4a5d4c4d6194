import { createHmac, createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TokenRefused, hs256Verifier } from './hs256.js';

const secret = 's'.repeat(32);
const key = createSecretKey(Buffer.from(secret));
const expected = { issuer: 'scalemart', audience: 'scalemart' };
const verify = hs256Verifier(key, expected);
const sign = (payload: Record<string, unknown>, options: jwt.SignOptions = {}) =>
  jwt.sign(payload, secret, {
    issuer: 'scalemart',
    audience: 'scalemart',
    subject: 'u-1',
    // A payload that brings its own exp must not get another one.
    ...('exp' in payload ? {} : { expiresIn: 60 }),
    ...options,
  });
/** Signed by hand: jsonwebtoken's sign refuses to write some of the claims tested here. */
const handmade = (payload: object) => {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
};

const reason = (token: string) => {
  try {
    verify(token);
  } catch (error) {
    return (error as TokenRefused).reason;
  }
  return 'accepted';
};

/** What jsonwebtoken's verify, the reference, says of the same token. */
const reference = (token: string) => {
  try {
    jwt.verify(token, key, { algorithms: ['HS256'], ...expected });
    return 'accepted';
  } catch {
    return 'refused';
  }
};

describe('hs256Verifier', () => {
  const now = Math.floor(Date.now() / 1000);
  it.each([
    ['a good token', sign({ role: 'shopper' }), 'accepted'],
    [
      'an audience list holding ours',
      sign({ role: 'shopper' }, { audience: ['other', 'scalemart'] }),
      'accepted',
    ],
    ['HS512', sign({}, { algorithm: 'HS512' }), 'algorithm'],
    [
      'alg none',
      jwt.sign({ iss: 'scalemart', aud: 'scalemart' }, null, { algorithm: 'none' }),
      'malformed',
    ],
    [
      'another secret',
      jwt.sign({ role: 'x' }, 't'.repeat(32), { issuer: 'scalemart', audience: 'scalemart' }),
      'signature',
    ],
    ['expired', sign({ exp: now - 1 }), 'expired'],
    ['expiring this second', sign({ exp: now }), 'expired'],
    ['not valid yet', sign({ nbf: now + 30 }), 'not_yet'],
    ['a string exp', handmade({ exp: 'soon', iss: 'scalemart', aud: 'scalemart' }), 'claims'],
    ['an array payload', handmade([1]), 'claims'],
    ['another issuer', sign({}, { issuer: 'elsewhere' }), 'claims'],
    ['another audience', sign({}, { audience: 'elsewhere' }), 'claims'],
    ['no audience', jwt.sign({ iss: 'scalemart' }, secret), 'claims'],
    ['garbage', 'not-a-token', 'malformed'],
    ['a bad signature encoding', `${sign({}).slice(0, -4)}`, 'signature'],
  ])('%s: %s', (_name, token, outcome) => {
    expect(reason(token)).toBe(outcome);
    // The same verdict as jsonwebtoken's verify.
    expect(reference(token)).toBe(outcome === 'accepted' ? 'accepted' : 'refused');
  });

  it('refuses a tampered payload under a header it has seen', () => {
    const [head, , signature] = sign({ role: 'shopper' }).split('.');
    const forged = Buffer.from(
      JSON.stringify({ role: 'admin', iss: 'scalemart', aud: 'scalemart' }),
    ).toString('base64url');
    expect(reason(`${head}.${forged}.${signature}`)).toBe('signature');
  });
});
