import { Validator } from '@seriousme/openapi-schema-validator';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';
import { apiOperations, openApiDocument } from './openApiDocument.js';

const document = openApiDocument();
type Operation = {
  operationId: string;
  security?: unknown[];
  'x-scalemart-access': string;
  responses: Record<
    string,
    { content?: Record<string, { schema: { properties?: { code?: { enum: string[] } } } }> }
  >;
};
const operations = Object.values(document.paths ?? {}).flatMap((item) =>
  (['get', 'post'] as const).flatMap((method) =>
    item[method] ? [item[method] as unknown as Operation] : [],
  ),
);
const problemCodes = (operation: Operation, status: string) =>
  operation.responses[status]?.content?.['application/problem+json']?.schema.properties?.code
    ?.enum ?? [];

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    const result = await new Validator().validate(
      JSON.parse(JSON.stringify(document)) as Record<string, unknown>,
    );
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('has one operation per described route, each with a unique id', () => {
    expect(operations).toHaveLength(apiOperations.length);
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(apiOperations.length);
  });

  it('files every problem code under its status from the one table', () => {
    for (const operation of operations) {
      for (const status of Object.keys(operation.responses)) {
        for (const code of problemCodes(operation, status)) {
          expect([operation.operationId, ERROR_STATUS[code as ErrorCode]]).toEqual([
            operation.operationId,
            Number(status),
          ]);
        }
      }
    }
  });

  it('marks the bearer scheme on signed-in routes, and 403 forbidden on admin routes only', () => {
    expect(document.components?.securitySchemes?.bearerAuth).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    for (const operation of operations) {
      const access = operation['x-scalemart-access'];
      expect([operation.operationId, Boolean(operation.security)]).toEqual([
        operation.operationId,
        access !== 'public',
      ]);
      expect([
        operation.operationId,
        problemCodes(operation, '401').includes('unauthorized'),
      ]).toEqual([operation.operationId, access !== 'public']);
      expect([operation.operationId, problemCodes(operation, '403').includes('forbidden')]).toEqual(
        [operation.operationId, access === 'admin'],
      );
    }
  });

  it('lists the refusals of a purchase, each under its status', () => {
    const placeOrder = operations.find((op) => op.operationId === 'placeOrder')!;
    expect(problemCodes(placeOrder, '409').sort()).toEqual([
      'idempotency_conflict',
      'limit_reached',
      'sold_out',
    ]);
    expect(problemCodes(placeOrder, '403')).toEqual(['sale_not_open']);
    expect(problemCodes(placeOrder, '404')).toEqual(['unknown_product']);
    expect(Object.keys(placeOrder.responses).sort()).toEqual([
      '202',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '422',
      '429',
      '503',
    ]);
  });
});
