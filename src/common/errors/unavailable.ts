/**
 * The service cannot answer now, through no fault of the request: the database refuses, is
 * silent or overloaded, or a queue is full. Answered 503 with Retry-After, never 500.
 */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds = 2,
  ) {
    super(message);
    this.name = 'ServiceUnavailableError';
  }
}

/** SQLSTATE classes and codes that mean "the database could not do it now", not "the request was wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '25P03', // idle_in_transaction_session_timeout
]);

const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** What node-postgres and its pool say when a connection cannot be had or was lost. */
const UNAVAILABLE_MESSAGES =
  /Query read timeout|Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended|terminating connection|the database system is (starting up|shutting down)/i;

/** True when `error` (or the driver error a TypeORM error wraps) says the database is out of reach. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
