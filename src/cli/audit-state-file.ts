import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AuditState, AuditStateStore } from '../verifier/auditor';

/** A file name for an origin: anything but letters, digits, ".", "_" and "-" becomes "_". */
export function stateFileName(origin: string): string {
  const safe = origin.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.]+/, '_');
  return `${safe || '_'}.json`;
}

/** `.audit/<origin>.json` under the working directory. */
export function defaultStatePath(origin: string, directory = '.audit'): string {
  return join(directory, stateFileName(origin));
}

/**
 * The auditor's state in a JSON file. Saved to a temporary file, flushed, then renamed over
 * the old one: a crash leaves the previous checkpoint or the new one, never a torn file that
 * would make the next run start over on trust.
 */
export class AuditStateFile implements AuditStateStore {
  /**
   * `url`, when given, is saved with the state, and a log with no state under its origin is
   * looked up by it in `directory` too: renaming its origin must not buy a log a fresh trust on
   * first use — the auditor gets the old state and reports the origin that changed.
   */
  constructor(
    private readonly pathFor: (origin: string) => string,
    private readonly byUrl?: { url: string; directory: string },
  ) {}

  async load(origin: string): Promise<unknown> {
    const state = await readJson(this.pathFor(origin));
    if (state !== undefined || !this.byUrl) return state;
    const names = await readdir(this.byUrl.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const other = (await readJson(join(this.byUrl.directory, name)).catch(() => undefined)) as { url?: unknown } | undefined;
      if (other?.url === this.byUrl.url) return other;
    }
    return undefined;
  }

  async save(state: AuditState): Promise<void> {
    const path = this.pathFor(state.origin);
    if (this.byUrl) state = { ...state, url: this.byUrl.url } as AuditState;
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const file = await open(temporary, 'wx');
    try {
      await file.writeFile(`${JSON.stringify(state, null, 2)}\n`, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as unknown;
}
