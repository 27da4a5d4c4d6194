import { z } from 'zod';
import type { ApiOperation } from './apiOperation.js';
import { HealthResponse, Readiness } from './apiSchemas.js';

const both = ['command-api', 'query-api'] as const;

/**
 * Health and metrics, served by each API on its own port (not through the one origin, which
 * serves only /api and the web app). Same path and shape on both.
 */
const servers = [
  { url: 'http://localhost:3001', description: 'command-api' },
  { url: 'http://localhost:3002', description: 'query-api' },
] as const;

export const operationalOperations: readonly ApiOperation[] = [
  {
    operationId: 'health',
    services: both,
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    access: 'public',
    success: { status: 200, description: 'Alive', schema: HealthResponse },
    refusals: [],
    servers,
  },
  {
    operationId: 'readiness',
    services: both,
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: every server the API needs answers within a second',
    access: 'public',
    success: { status: 200, description: 'Ready', schema: Readiness },
    alternative: { status: 503, description: 'A dependency does not answer', schema: Readiness },
    refusals: [],
    servers,
  },
  {
    operationId: 'metrics',
    services: both,
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    description:
      'Answers a peer on the same machine, or, when the API has a METRICS_TOKEN, whoever sends ' +
      '`Authorization: Bearer <METRICS_TOKEN>`; anyone else gets 401.',
    access: 'public',
    success: {
      status: 200,
      description: 'Prometheus text exposition format',
      schema: z.string(),
      contentType: 'text/plain',
    },
    refusals: ['metrics_token_required'],
    servers,
  },
];
