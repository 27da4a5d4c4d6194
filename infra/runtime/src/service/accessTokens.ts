import { createSecretKey, type KeyObject } from 'node:crypto';
import { TokenClaims, type Role } from '@scalemart/contracts';
import jwt from 'jsonwebtoken';
import { DomainError } from './domainError.js';

export interface AccessTokenOptions {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** The claims of a verified token, with its expiry (seconds since the epoch; always present). */
export type VerifiedClaims = TokenClaims & { exp: number };

export interface AccessTokens {
  sign(claims: { sub: string; role: Role }): { token: string; expiresAt: string };
  /** Returns the claims, or throws DomainError('unauthorized') for any bad, expired or forged token. */
  verify(token: string): VerifiedClaims;
}

const refused = (message: string, cause?: unknown) =>
  new DomainError('unauthorized', message, cause === undefined ? {} : { cause });

/**
 * JWT access tokens (HS256), signed and verified by jsonwebtoken (issue 25: a maintained verifier
 * replaced a hand-written one that accepted non-canonical signature encodings and tokens without
 * `exp`). The algorithm is pinned, so `alg: none` and RS/HS confusion are refused; issuer and
 * audience are checked, and a token without `exp` is refused: every token we sign expires.
 */
export function createAccessTokens(options: AccessTokenOptions): AccessTokens {
  // One KeyObject for the process: jsonwebtoken would otherwise make one per call from a string.
  const key: KeyObject = createSecretKey(Buffer.from(options.secret, 'utf8'));
  const verifyOptions: jwt.VerifyOptions & { complete?: false } = {
    algorithms: ['HS256'],
    issuer: options.issuer,
    audience: options.audience,
  };
  return {
    sign(claims) {
      const expiresAt = new Date(Date.now() + options.ttlSeconds * 1000);
      const token = jwt.sign({ role: claims.role }, key, {
        algorithm: 'HS256',
        subject: claims.sub,
        issuer: options.issuer,
        audience: options.audience,
        expiresIn: options.ttlSeconds,
      });
      return { token, expiresAt: expiresAt.toISOString() };
    },
    verify(token) {
      let payload: string | jwt.JwtPayload;
      try {
        payload = jwt.verify(token, key, verifyOptions);
      } catch (cause) {
        const expired = cause instanceof jwt.TokenExpiredError;
        throw refused(expired ? 'The token has expired' : 'The token is not valid', cause);
      }
      if (typeof payload === 'string' || typeof payload.exp !== 'number') {
        throw refused('The token is not valid');
      }
      const claims = TokenClaims.safeParse(payload);
      if (!claims.success) throw refused('The token is not valid');
      return { ...claims.data, exp: payload.exp };
    },
  };
}

/** Reads `Authorization: Bearer <token>`; undefined when absent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header?.startsWith('Bearer ')) return undefined;
  return header.slice(7).trim() || undefined;
}
