import { createSecretKey, type KeyObject } from 'node:crypto';
import { TokenClaims, type Role } from '@scalemart/contracts';
import jwt from 'jsonwebtoken';
import { DomainError } from './domainError.js';
import { TokenRefused, hs256Verifier } from './hs256.js';

export interface AccessTokenOptions {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface AccessTokens {
  sign(claims: { sub: string; role: Role }): { token: string; expiresAt: string };
  /** Returns the claims, or throws DomainError('unauthorized') for any bad, expired or forged token. */
  verify(token: string): TokenClaims;
}

/**
 * JWT access tokens (HS256), signed with jsonwebtoken and verified by hs256Verifier: every
 * purchase verifies one, and jsonwebtoken's general verify (any algorithm, PEM keys, callbacks)
 * was a fifth of a refusal's cost. The algorithm is pinned on verify, so `alg: none` and RS/HS
 * confusion are refused.
 */
export function createAccessTokens(options: AccessTokenOptions): AccessTokens {
  const key: KeyObject = createSecretKey(Buffer.from(options.secret, 'utf8'));
  const verifyHs256 = hs256Verifier(key, options);
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
      let payload: unknown;
      try {
        payload = verifyHs256(token);
      } catch (cause) {
        const expired = cause instanceof TokenRefused && cause.reason === 'expired';
        throw new DomainError(
          'unauthorized',
          expired ? 'The token has expired' : 'The token is not valid',
          { cause },
        );
      }
      const claims = TokenClaims.safeParse(payload);
      if (!claims.success) throw new DomainError('unauthorized', 'The token is not valid');
      return claims.data;
    },
  };
}

/** Reads `Authorization: Bearer <token>`; undefined when absent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header?.startsWith('Bearer ')) return undefined;
  return header.slice(7).trim() || undefined;
}
