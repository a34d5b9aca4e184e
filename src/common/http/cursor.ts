import { RequestValidationError } from './validation';

/** Opaque page cursors: a position, base64url-encoded so clients do not build them by hand. */
export function encodeCursor(position: number): string {
  return Buffer.from(`p:${position}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^p:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new RequestValidationError([{ field: 'cursor', message: 'cursor is not one this service issued' }]);
  return Number(match[1]);
}
