/**
 * Graceful shutdown. Fastify stops accepting new requests on close and reaps idle sockets, but a
 * request already in flight would answer with keep-alive and hold its socket (and so the close)
 * open until the client's keep-alive timeout. Once closing, responses say `Connection: close`,
 * so each in-flight request finishes normally and then lets go.
 */
import type { FastifyInstance } from 'fastify';

export function registerGracefulShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}
