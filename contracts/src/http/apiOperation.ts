import type { z } from 'zod';
import type { ErrorCode } from '../errors.js';

/** The two Express apps; the one origin sends GET/HEAD /api/* to query-api, other /api/* to command-api. */
export type ApiService = 'command-api' | 'query-api';

/** Who may call: anyone, any signed-in user (bearer token), or role admin only. */
export type ApiAccess = 'public' | 'user' | 'admin';

type ObjectSchema = z.ZodObject;

/** A follow-up call that takes a value from this operation's success body (OpenAPI link). */
export interface ApiLink {
  operationId: string;
  /** Parameter name of the target -> runtime expression, e.g. `$response.body#/productId`. */
  parameters?: Record<string, string>;
  /** Request body of the target, built from runtime expressions. */
  requestBody?: unknown;
}

/**
 * One route of one (or both) of the APIs, described by contracts' zod schemas. The OpenAPI
 * document is generated from these, and each app's test compares them with its Express routes.
 */
export interface ApiOperation {
  operationId: string;
  services: readonly ApiService[];
  method: 'get' | 'post';
  /** OpenAPI path template (`/api/products/{id}`). */
  path: string;
  summary: string;
  description?: string;
  access: ApiAccess;
  params?: ObjectSchema;
  query?: ObjectSchema;
  headers?: ObjectSchema;
  /** JSON request body. */
  body?: z.ZodType;
  /** Whether a JSON body parser runs (a bad JSON body is 400, a huge one 413) even without `body`. */
  parsesJson?: boolean;
  success: {
    status: number;
    description: string;
    schema: z.ZodType;
    /** Default application/json. */
    contentType?: string;
    headers?: ObjectSchema;
    links?: Record<string, ApiLink>;
  };
  /** The domain refusals the route itself gives; auth and validation refusals are added from the fields above. */
  refusals: readonly ErrorCode[];
  /** Another non-problem answer, e.g. /readyz's 503 with the failing checks. */
  alternative?: { status: number; description: string; schema: z.ZodType };
  /** Where the route is served when it is not on the one origin (operational endpoints of both apps). */
  servers?: readonly { url: string; description: string }[];
}

/** Every refusal an operation can give: its own, plus those implied by its auth and inputs. */
export function refusalsOf(operation: ApiOperation): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (operation.access !== 'public') codes.add('unauthorized');
  if (operation.access === 'admin') codes.add('forbidden');
  if (operation.body || operation.parsesJson) {
    codes.add('malformed_json');
    codes.add('payload_too_large');
  }
  if (operation.body || operation.params || operation.query || operation.headers) {
    codes.add('invalid_request');
  }
  for (const code of operation.refusals) codes.add(code);
  return [...codes];
}
