import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemType, titleFor } from './problem';

/**
 * Node answers a request it cannot even parse (a header block over 16 KB, two Content-Lengths, a
 * header line without a colon) before any framework sees it, with an empty body. Here it gets
 * the same problem+json as every other refusal, and the connection is closed, since what
 * follows on it cannot be trusted to be a request.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const code = status === 431 ? 'REQUEST.HEADERS_TOO_LARGE' : status === 408 ? 'REQUEST.TIMEOUT' : 'REQUEST.MALFORMED';
  const detail =
    status === 431
      ? 'The request headers are too large (at most 16 KB in all).'
      : status === 408
        ? 'The request took too long to arrive.'
        : 'The request is not valid HTTP.';
  const body = JSON.stringify({ type: problemType(code), title: titleFor(status), status, detail, code });
  socket.end(
    `HTTP/1.1 ${status} ${titleFor(status)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
