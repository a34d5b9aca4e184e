import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WriteResult } from './write-result';

/** The route config (Fastify's, set by WriteEndpoint through RouteConfig) that marks a write. */
export const STREAM_VERSION_ETAG = 'streamVersionEtag';

/**
 * Write responses carry `ETag: "<streamVersion>"` for the next If-Match. Set by a Fastify hook on
 * the routes WriteEndpoint marks, from the result about to be serialised — not a Nest interceptor,
 * whose Observable pipeline would wrap every write for the sake of one header. A refusal (any
 * status from 300 on) carries no ETag.
 */
export function attachStreamVersionEtag(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) => {
    const config = request.routeOptions.config as { [STREAM_VERSION_ETAG]?: boolean };
    if (config[STREAM_VERSION_ETAG] && reply.statusCode < 300) void reply.header('ETag', `"${(payload as WriteResult).streamVersion}"`);
    done(null, payload);
  });
}
