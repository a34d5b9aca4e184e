import type { Response } from 'express';
import { WriteResult } from '../application/write-context';

/** Write responses carry `ETag: "<streamVersion>"` for the next If-Match. */
export function withEtag<R extends WriteResult>(res: Response, result: R): R {
  res.setHeader('ETag', `"${result.streamVersion}"`);
  return result;
}
