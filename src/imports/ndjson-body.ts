import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';

export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';

/** The one route that takes NDJSON: everywhere else the body must be JSON (app.setup.ts). */
export const IMPORTS_ROUTE = '/admin/imports';

/**
 * NDJSON bodies, for POST /admin/imports only, handed to the route as the request stream itself:
 * never buffered whole (a dataset may be far larger than the 1 MB body limit, which applies to
 * JSON bodies), read line by line as the import consumes it, so the client is held back by TCP
 * while a chunk commits. On any other route an NDJSON body is 415, as any non-JSON body is.
 */
export function acceptNdjsonForImports(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(NDJSON_CONTENT_TYPE, (request, payload, done) => {
    if (request.routeOptions.url === IMPORTS_ROUTE) return done(null, payload);
    const refused = Object.assign(new Error(`Unsupported Media Type: ${NDJSON_CONTENT_TYPE}`), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    // The body is not read: drop it rather than leave it in the socket.
    payload.resume();
    done(refused, undefined);
  });
}

export const isReadable = (body: unknown): body is Readable => body instanceof Readable;
