/**
 * Cookies, security headers, CORS (closed unless STORELENS_CORS_ORIGINS lists origins) and rate
 * limiting (only on routes that ask for it in their config: sign-in, ingestion).
 */
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { StorelensConfig } from '../config.js';

export async function registerSecurity(app: FastifyInstance, config: StorelensConfig): Promise<void> {
  await app.register(cookie);
  await app.register(helmet, {
    // The dashboard and the API docs load only their own scripts and styles; ECharts and
    // swagger-ui need inline styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(cors, {
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    credentials: true,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: { code: 'RATE_LIMITED', message: `Too many requests: at most ${context.max} per ${context.after}. Try again later.` },
    }),
  });
}
