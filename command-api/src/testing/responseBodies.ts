import { AuthResponse, PlaceOrderResponse, ProblemDetails } from '@scalemart/contracts';
import { z } from 'zod';

// Test responses carry `body: unknown`: a spec reads a field through the contract it asserts, so a
// body of the wrong shape fails the test instead of passing an `undefined` along.

interface WithBody {
  body: unknown;
}

/** The problem's `code`, or undefined when the body is not problem+json (shown beside the status). */
export function problemCode(res: WithBody): ProblemDetails['code'] | undefined {
  return ProblemDetails.safeParse(res.body).data?.code;
}

/** The body as problem details; throws when it is not one. */
export function problemOf(res: WithBody): ProblemDetails {
  return ProblemDetails.parse(res.body);
}

/** The id of an accepted purchase (a 202 body). */
export function orderIdOf(res: WithBody): string {
  return PlaceOrderResponse.parse(res.body).orderId;
}

/** The body of a sign-up or sign-in. */
export function authOf(res: WithBody): AuthResponse {
  return AuthResponse.parse(res.body);
}

const AdminAnswer = z.looseObject({ eventId: z.string().min(1), productId: z.string().min(1) });

/** The event id and product id every admin command answers with. */
export function adminAnswerOf(res: WithBody): z.infer<typeof AdminAnswer> {
  return AdminAnswer.parse(res.body);
}

/**
 * `expect.any(String)`, typed `unknown`: jest types its asymmetric matchers `any`, which would
 * make every object literal holding one an unchecked `any`.
 */
export const anyString: unknown = expect.any(String);
