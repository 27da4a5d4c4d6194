import { LoginRequest, SignupRequest, type AuthResponse } from '@scalemart/contracts';
import { DomainError, parseWith, type AccessTokens } from '@scalemart/runtime/service';
import { Router, type RequestHandler } from 'express';
import type { LoginGuard } from './loginGuard.js';
import type { Passwords } from './passwords.js';
import { toPublicUser, type Account, type AccountStore } from './accountStore.js';

export interface AuthRoutesDeps {
  accounts: AccountStore;
  passwords: Passwords;
  tokens: AccessTokens;
  /** Sign-ups per client address. */
  signupLimiter: RequestHandler;
  /** Login limits per account, client and address (issues 19 and 25). */
  loginGuard: LoginGuard;
  json: RequestHandler;
}

/** One message for an unknown email and a wrong password: a login never says which. */
const BAD_CREDENTIALS = 'The email or password is not correct';

/** POST /api/auth/signup and /api/auth/login. Signup always makes a shopper. */
export function authRoutes(deps: AuthRoutesDeps): Router {
  const router = Router();
  // A token must never sit in a shared cache.
  router.use('/api/auth', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const answer = (user: Account): AuthResponse => ({
    ...deps.tokens.sign({ sub: user.id, role: user.role }),
    user: toPublicUser(user),
  });

  router.post('/api/auth/signup', deps.signupLimiter, deps.json, async (req, res) => {
    const body = parseWith(SignupRequest, req.body);
    const user = await deps.accounts.create({
      email: body.email,
      role: 'shopper',
      passwordHash: await deps.passwords.hash(body.password),
      ...(body.name ? { name: body.name } : {}),
    });
    res.locals.outcome = 'created';
    res.status(201).json(answer(user));
  });

  // The body comes first here: the account's count needs the email.
  router.post('/api/auth/login', deps.json, async (req, res) => {
    const body = parseWith(LoginRequest, req.body);
    const attempt = await deps.loginGuard.begin(req, res, body.email);
    const user = await deps.accounts.findByEmail(body.email);
    const ok = await deps.passwords.verifyOrBurn(body.password, user?.passwordHash);
    if (!user || !ok) {
      await attempt.failed();
      throw new DomainError('invalid_credentials', BAD_CREDENTIALS);
    }
    await attempt.succeeded();
    res.locals.outcome = 'ok';
    res.json(answer(user));
  });

  return router;
}
