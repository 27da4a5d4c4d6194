import {
  createDocument,
  type oas32,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from 'zod-openapi';
import { ERROR_STATUS, ProblemDetails, type ErrorCode } from '../errors.js';
import { refusalsOf, type ApiOperation } from './apiOperation.js';
import { commandApiOperations } from './commandApiOperations.js';
import { operationalOperations } from './operationalOperations.js';
import { queryApiOperations } from './queryApiOperations.js';
import { problemResponse } from './problemResponse.js';

/** Every route of both APIs. */
export const apiOperations: readonly ApiOperation[] = [
  ...commandApiOperations,
  ...queryApiOperations,
  ...operationalOperations,
];

const ACCESS_NOTE = {
  public: 'Public.',
  user: 'Needs a bearer token (any role).',
  admin: 'Needs a bearer token with role **admin** (a shopper gets 403 `forbidden`).',
} as const;

function successResponse(operation: ApiOperation) {
  const { success } = operation;
  return {
    description: success.description,
    ...(success.headers ? { headers: success.headers } : {}),
    content: { [success.contentType ?? 'application/json']: { schema: success.schema } },
    ...(success.links ? { links: success.links } : {}),
  };
}

/** Problem responses grouped by status, each listing exactly the codes that status carries. */
function refusalResponses(operation: ApiOperation) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of refusalsOf(operation)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [String(status), problemResponse(codes)]),
  );
}

function toOperation(operation: ApiOperation): ZodOpenApiOperationObject {
  const { params, query, headers, body, alternative } = operation;
  const requestParams = {
    ...(params ? { path: params } : {}),
    ...(query ? { query } : {}),
    ...(headers ? { header: headers } : {}),
  };
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: [operation.description, ACCESS_NOTE[operation.access]]
      .filter(Boolean)
      .join('\n\n'),
    tags: [...operation.services],
    ...(operation.access === 'public' ? {} : { security: [{ bearerAuth: [] }] }),
    'x-scalemart-access': operation.access,
    ...(Object.keys(requestParams).length > 0 ? { requestParams } : {}),
    ...(body
      ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } }
      : {}),
    responses: {
      [String(operation.success.status)]: successResponse(operation),
      ...(alternative
        ? {
            [String(alternative.status)]: {
              description: alternative.description,
              content: { 'application/json': { schema: alternative.schema } },
            },
          }
        : {}),
      ...refusalResponses(operation),
    },
  };
}

function paths(operations: readonly ApiOperation[]): ZodOpenApiPathsObject {
  const result: ZodOpenApiPathsObject = {};
  for (const operation of operations) {
    const item = (result[operation.path] ??= {});
    if (operation.servers) item.servers = operation.servers.map((server) => ({ ...server }));
    item[operation.method] = toOperation(operation);
  }
  return result;
}

/** The OpenAPI 3.1 document of both APIs, generated from the zod contracts (zod-openapi). */
export function openApiDocument(options: { version?: string } = {}): OpenApiDocument {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'ScaleMart API',
      version: options.version ?? '0.1.0',
      description:
        'The flash-sale engine: commands (command-api) and reads (query-api) on one origin. ' +
        'Every refusal is `application/problem+json` with a machine-readable `code`.',
    },
    servers: [{ url: '/', description: 'The one origin (npm start: http://localhost:8080)' }],
    tags: [
      { name: 'command-api', description: 'The write side: accounts, purchases, admin commands' },
      { name: 'query-api', description: 'The read side: products, orders, admin stats' },
    ],
    paths: paths(apiOperations),
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
      schemas: { ProblemDetails },
    },
  });
}

/** The 3.1 document (zod-openapi types it with the 3.2 superset). */
export type OpenApiDocument = oas32.OpenAPIObject;
