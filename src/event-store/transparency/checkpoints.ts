import { Injectable, Logger, Provider } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { CheckpointSigner, loadCheckpointSigner } from './checkpoint-signer';
import { LogTree } from './log-tree';

/** A signed checkpoint as GET /checkpoint?format=json serves it. */
export interface SignedCheckpoint {
  origin: string;
  treeSize: number;
  /** Hex, like the proofs (the signed note has it in base64). */
  rootHash: string;
  /** The C2SP signed note GET /checkpoint serves as text/plain. */
  signedNote: string;
}

/** Checkpoints kept signed, by tree size: a size's root never changes, so neither does its note. */
const CACHED_CHECKPOINTS = 1024;

/**
 * Signs checkpoints on demand and keeps them by tree size, so a burst of readers costs one root
 * lookup and one signature per new size. Concurrent askers for the same size share the work.
 */
@Injectable()
export class CheckpointService {
  private readonly cache = new LRUCache<number, Promise<SignedCheckpoint>>({ max: CACHED_CHECKPOINTS });
  private latest: { treeSize: number; signedAtMs: number } | null = null;

  constructor(
    private readonly tree: LogTree,
    private readonly signer: CheckpointSigner,
  ) {}

  get origin(): string {
    return this.signer.origin;
  }

  /** The verifier key string auditors pin (GET /checkpoint/key). */
  get verifierKey(): string {
    return this.signer.verifierKey;
  }

  /** The checkpoint of the whole log as committed now. */
  async current(): Promise<SignedCheckpoint> {
    return this.at(await this.tree.size());
  }

  /** The checkpoint of the first `treeSize` entries (which must all be committed). */
  at(treeSize: number): Promise<SignedCheckpoint> {
    let signed = this.cache.get(treeSize);
    if (!signed) {
      signed = this.sign(treeSize);
      this.cache.set(treeSize, signed);
      signed.catch(() => this.cache.delete(treeSize));
    }
    return signed;
  }

  /** The largest tree this instance has signed a checkpoint of, and when (wall-clock ms); null before the first. */
  get latestSigned(): { treeSize: number; signedAtMs: number } | null {
    return this.latest;
  }

  private async sign(treeSize: number): Promise<SignedCheckpoint> {
    const root = await this.tree.proofs.rootHash(treeSize);
    const signedNote = this.signer.signCheckpoint(treeSize, root);
    if (!this.latest || treeSize >= this.latest.treeSize) this.latest = { treeSize, signedAtMs: Date.now() };
    return { origin: this.signer.origin, treeSize, rootHash: root.toString('hex'), signedNote };
  }
}

/** Where the signing key comes from: the configured value, a configured file, or the default file. */
export type CheckpointKeySource = { kind: 'value'; key: string } | { kind: 'file'; file: string } | { kind: 'default-file'; file: string };

export function checkpointKeySource(config: AppConfig): CheckpointKeySource {
  if (config.CHECKPOINT_SIGNING_KEY) return { kind: 'value', key: config.CHECKPOINT_SIGNING_KEY };
  if (config.CHECKPOINT_KEY_FILE) return { kind: 'file', file: config.CHECKPOINT_KEY_FILE };
  // Beside the embedded PostgreSQL's data (.data/ by default), which is kept out of git.
  return { kind: 'default-file', file: join(dirname(config.EMBEDDED_PG_DIR), 'checkpoint-signing.key') };
}

/**
 * The signer from configuration, loaded at start-up so a bad key stops the service. A configured
 * key file must exist (a missing one may be a volume that failed to mount: a fresh key would
 * orphan every checkpoint auditors pinned); only the default file is created when missing — and
 * then each instance that cannot see the others' file makes a key of its own, hence the warnings.
 */
export async function loadConfiguredSigner(config: AppConfig, dataSource: DataSource, logger = new Logger('Checkpoints')): Promise<CheckpointSigner> {
  const source = checkpointKeySource(config);
  const origin = config.CHECKPOINT_ORIGIN;
  if (source.kind === 'value') {
    // The signer's complaints describe the key's shape, never the key.
    const signer = await loadCheckpointSigner({ origin, key: source.key }).catch((error: unknown) => {
      throw new Error(`CHECKPOINT_SIGNING_KEY is not usable: ${error instanceof Error ? error.message : String(error)}`);
    });
    return announce(signer, logger);
  }
  const generated = source.kind === 'default-file' && !existsSync(source.file);
  const signer = await loadCheckpointSigner({ origin, keyFile: source.file, generateIfMissing: source.kind === 'default-file' }).catch((error: unknown) => {
    throw new Error(
      `Cannot load the checkpoint signing key from ${source.file}${source.kind === 'file' ? ' (CHECKPOINT_KEY_FILE)' : ''}: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  if (source.kind === 'default-file') {
    logger.warn(
      `Neither CHECKPOINT_SIGNING_KEY nor CHECKPOINT_KEY_FILE is set: checkpoints are signed with the key in ${source.file}${generated ? ', generated now' : ''}. ` +
        'Several instances serving one database would each sign with a key of their own, and auditors would reject all but one: ' +
        'give every instance the same CHECKPOINT_SIGNING_KEY or CHECKPOINT_KEY_FILE (README, "Verifying the log").',
    );
    // Read before migrations run (they run once every provider is built): the events table is
    // the one thing sure to be there if the log is not new.
    const logExists = generated && (await hasEvents(dataSource));
    if (logExists) {
      logger.error(
        'A new checkpoint signing key was generated for a log that already has entries: its earlier checkpoints were signed with another key ' +
          '(another instance, or a key file that was lost), and auditors that pinned that key will now fail. Restore the old key if it exists.',
      );
    }
  }
  return announce(signer, logger);
}

async function hasEvents(dataSource: DataSource): Promise<boolean> {
  try {
    const [table] = await dataSource.query(`SELECT to_regclass('public.events') IS NOT NULL AS present`);
    if (!table.present) return false;
    const [row] = await dataSource.query('SELECT EXISTS (SELECT 1 FROM events) AS any');
    return Boolean(row.any);
  } catch {
    return false;
  }
}

function announce(signer: CheckpointSigner, logger: Logger): CheckpointSigner {
  // At debug: the start-up summary (server.ts) names the key.
  logger.debug(`Checkpoints of ${signer.origin} are signed by the verifier key ${signer.verifierKey} (GET /checkpoint/key)`);
  return signer;
}

export const CHECKPOINT_SIGNER_PROVIDER: Provider = {
  provide: CheckpointSigner,
  inject: [AppConfig, DataSource],
  useFactory: (config: AppConfig, dataSource: DataSource) => loadConfiguredSigner(config, dataSource),
};
