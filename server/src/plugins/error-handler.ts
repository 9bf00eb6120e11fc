/**
 * The one error handler. Known errors carry their status and a stable code; schema validation
 * failures name the field and the rule; anything else is a bug, logged in full and answered
 * with a 500 that leaks nothing.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { FILTER_VALUE_PATTERN, FILTER_VALUE_RULE } from '../routes/filter-value.js';

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

interface CodedError {
  code: string;
  statusCode: number;
  message: string;
  field?: string;
}

function isCoded(error: unknown): error is CodedError {
  const e = error as Partial<CodedError>;
  return typeof e?.code === 'string' && typeof e.statusCode === 'number' && typeof e.message === 'string';
}

type ValidationIssue = NonNullable<FastifyError['validation']>[number];

/**
 * The first rule broken, said so that a person can fix the request: a choice among fixed values
 * (a union of literals fails once per value, "must be equal to constant") lists the values, an
 * unknown field is named, and a filter value's rule is said in words.
 */
function validationMessage(issues: ValidationIssue[]): string {
  const first = issues[0] as ValidationIssue;
  if (first.keyword === 'const') {
    const allowed = issues
      .filter((i) => i.keyword === 'const' && i.instancePath === first.instancePath)
      .map((i) => JSON.stringify(i.params?.allowedValue));
    return `must be one of ${allowed.join(', ')}`;
  }
  if (first.keyword === 'enum' && Array.isArray(first.params?.allowedValues))
    return `must be one of ${(first.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (first.keyword === 'additionalProperties') return `unknown field "${String(first.params?.additionalProperty)}"`;
  if (first.keyword === 'pattern' && first.params?.pattern === FILTER_VALUE_PATTERN) return FILTER_VALUE_RULE;
  return first.message ?? 'is invalid';
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const first = error.validation[0];
      const field = first
        ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(first.params?.missingProperty ?? '')
        : undefined;
      const where = error.validationContext ?? 'request';
      const body: ErrorBody = {
        error: {
          code: 'VALIDATION_FAILED',
          message: `Invalid ${where}${field ? ` field "${field}"` : ''}: ${first ? validationMessage(error.validation) : error.message}`,
          ...(field ? { field } : {}),
        },
      };
      return reply.status(400).send(body);
    }
    if (isCoded(error) && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } });
    }
    if (isCoded(error) && error.statusCode >= 500 && error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') {
      request.log.error({ err: error }, 'request failed');
      const expose = ['QUERY_TIMEOUT', 'STORE_BUSY', 'WAREHOUSE_UNAVAILABLE'].includes(error.code);
      return reply
        .status(error.statusCode)
        .send({ error: { code: error.code, message: expose ? error.message : 'Internal error; the server log has the details.' } });
    }
    if (typeof error.statusCode === 'number' && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: error.code ?? 'BAD_REQUEST', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal error; the server log has the details.' } });
  });
}

const NOT_DASHBOARD = /^\/(api|docs|openapi\.json|metrics|healthz)(\/|$|\?)/;

/**
 * One not-found handler: JSON 404s for API-like paths, and, when the dashboard is served,
 * index.html for client-side routes (GET, no file extension) so deep links work.
 */
export function registerNotFound(app: FastifyInstance, options: { dashboard: boolean }): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (options.dashboard && request.method === 'GET' && !NOT_DASHBOARD.test(request.url) && !/\.\w+$/.test(path)) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${path}` } });
  });
}
