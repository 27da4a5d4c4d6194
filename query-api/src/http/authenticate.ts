import type { TokenClaims } from '@scalemart/contracts';
import { bearerToken, DomainError, type AccessTokens } from '@scalemart/runtime/service';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

declare module 'express-serve-static-core' {
  interface Request {
    /** The verified bearer, when the request carried a valid token. */
    claims?: TokenClaims;
    /** Why the token the request carried was refused (surfaced only by routes that need a user). */
    authError?: DomainError;
  }
}

/**
 * Verifies `Authorization: Bearer` when present. Public routes ignore a stale token (an expired
 * session must not break the product list); routes that need a user answer 401 with its reason.
 */
export function authenticate(tokens: AccessTokens): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) return next();
    try {
      req.claims = tokens.verify(token);
    } catch (error) {
      req.authError =
        error instanceof DomainError
          ? error
          : new DomainError('unauthorized', 'The token is not valid');
    }
    next();
  };
}

/** The caller's claims, or 401 when the request is anonymous or its token was refused. */
export function requireClaims(req: Request): TokenClaims {
  if (req.authError) throw req.authError;
  if (!req.claims) throw new DomainError('unauthorized', 'Sign in to see this');
  return req.claims;
}

/** 401 for anonymous callers, 403 for shoppers: admin routes only. */
export const requireAdmin: RequestHandler = (req, _res, next) => {
  const claims = requireClaims(req);
  if (claims.role !== 'admin') throw new DomainError('forbidden', 'Only admins can see this');
  next();
};
