/**
 * A request the domain refuses. `code` is stable (clients may switch on it); the HTTP layer
 * maps `kind` to a status: `not_found` → 404, `forbidden` → 403, `conflict` → 409, `rejected` → 422.
 */
export type DomainErrorKind = 'not_found' | 'forbidden' | 'conflict' | 'rejected';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(code: string, message: string): DomainError {
    return new DomainError(code, 'not_found', message);
  }

  static rejected(code: string, message: string): DomainError {
    return new DomainError(code, 'rejected', message);
  }

  static forbidden(code: string, message: string): DomainError {
    return new DomainError(code, 'forbidden', message);
  }

  static conflict(code: string, message: string): DomainError {
    return new DomainError(code, 'conflict', message);
  }
}
