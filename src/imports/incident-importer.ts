import { Injectable } from '@nestjs/common';
import { setImmediate } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Recorded } from '../common/domain/domain-event';
import { DomainError } from '../common/domain/domain-error';
import { FieldError } from '../common/http/validation';
import { EventStore } from '../event-store/event-store.service';
import { AppendRequest, WrongExpectedVersionError } from '../event-store/event-store.types';
import { decideIncident, evolveIncident, IncidentEvent, IncidentState, incidentStreamId } from '../incidents/domain/incident';
import { TruceFacts } from '../truces/domain/truce-facts';
import { TruceFactsProvider, unchangedSince } from '../truces/truce-facts.provider';
import { ImportCandidate, ImportCommandValidator, isCandidate } from './import-command';
import { FAILED_LISTED, FailedLine, ImportLine, ImportSummary } from './import-line';

export interface ImportOptions {
  /** The API key's (or operator's) name: each event's metadata.actor. */
  actor: string;
  /** Written into each event's metadata: every event of one import run shares it. */
  correlationId: string;
  /** Called after each chunk is committed, with the running totals and the lines read so far. */
  onProgress?(summary: ImportSummary, linesRead: number): void;
  /** Lines written per transaction (default CHUNK). */
  chunkSize?: number;
}

/** Rows per transaction: large enough that the round trips and the COMMIT's fsync vanish per row, small enough to stay well inside the statement timeout. */
const CHUNK = 1000;

/**
 * Rows checked between two turns of the event loop. Each reply of the chunk being written waits
 * out one slice: at 50 rows (tens of milliseconds under load) the opening call took 65–107 ms per
 * chunk against ~10 ms in PostgreSQL; at 10 rows, 28–45 ms (docs/performance.md, "Bulk import").
 */
const YIELD_EVERY = 10;

/** How often a chunk is decided again when the truce moved on while it was being written. */
const TRUCE_RETRIES = 3;

/** A candidate decided: the append request that records it. */
interface Decided {
  candidate: ImportCandidate;
  request: AppendRequest<unknown>;
}

/**
 * Records a dataset of incident reports through the same rules as POST /truces/{id}/incidents:
 * each line validated by the HTTP layer's pipes, decided by the incident decider against the
 * truce's facts (the truce must exist; the parties must be its parties), appended with the truce's
 * version as a precondition. Lines are written a chunk per transaction through the event store's
 * bulk path (EventStore.appendMany): hash chains, log indexes, Merkle nodes and the incident read
 * model as for any append. While one chunk commits, the next is validated and decided.
 *
 * Idempotent and resumable: an incident's id is derived from its row (import-command.ts) and its
 * stream must not exist yet, so a row already recorded — by an earlier run that was cut off, or
 * earlier in the same file — is skipped and counted as such. A crash loses at most the chunks not
 * yet committed; running the same file again records exactly those.
 *
 * Per-row, not all-or-nothing: a row refused (invalid, or by the domain) is listed with its line
 * number and errors, and the other rows of its chunk are recorded.
 */
@Injectable()
export class IncidentImporter {
  constructor(
    private readonly store: EventStore,
    private readonly truces: TruceFactsProvider,
    private readonly dataSource: DataSource,
  ) {}

  async run(lines: AsyncIterable<ImportLine>, options: ImportOptions): Promise<ImportSummary> {
    const summary: ImportSummary = { imported: 0, skipped: 0, failedCount: 0, failed: [] };
    const run = new ImportRun(this.store, this.truces, this.dataSource, options, summary);
    const size = options.chunkSize ?? CHUNK;
    let linesRead = 0;
    let chunk: ImportLine[] = [];
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const decided = await run.decide(chunk, () => writing);
      chunk = [];
      await writing;
      writing = run.write(decided).then(() => options.onProgress?.(summary, linesRead));
      // Awaited before the next chunk is written (or at the end); marked handled meanwhile, so a
      // failed write is not reported as unhandled while the next chunk is being decided.
      writing.catch(() => undefined);
    };
    for await (const line of lines) {
      linesRead++;
      chunk.push(line);
      if (chunk.length >= size) await flush();
    }
    if (chunk.length) await flush();
    await writing;
    summary.failed.sort((a, b) => a.line - b.line);
    return summary;
  }
}

/** The state of one import: the truces it has read, and the totals. */
class ImportRun {
  private readonly validator = new ImportCommandValidator();
  private readonly truceFacts = new Map<string, TruceFacts | DomainError>();

  constructor(
    private readonly store: EventStore,
    private readonly truces: TruceFactsProvider,
    private readonly dataSource: DataSource,
    private readonly options: ImportOptions,
    private readonly summary: ImportSummary,
  ) {}

  /** Validates and decides a chunk; `settled` waits for the chunk being written before it. */
  async decide(lines: ImportLine[], settled: () => Promise<void>): Promise<Decided[]> {
    const candidates: ImportCandidate[] = [];
    for (const [i, line] of lines.entries()) {
      // The chunk being written holds the append lock across its round trips; each of its replies
      // is taken up between these slices rather than after the whole chunk's checks.
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await setImmediate();
      const checked = 'errors' in line ? line : await this.validator.check(line.line, line.value);
      if (isCandidate(checked)) candidates.push(checked);
      else this.fail(checked);
    }
    const fresh = this.firstOfEach(candidates);
    const respondsTo = await this.respondedTo(fresh, settled);
    const decided: Decided[] = [];
    const refused: { candidate: ImportCandidate; failed: FailedLine }[] = [];
    for (const candidate of fresh) {
      const outcome = await this.decideOne(candidate, respondsTo);
      if ('errors' in outcome) refused.push({ candidate, failed: outcome });
      else decided.push({ candidate, request: outcome });
    }
    await this.failUnlessRecorded(refused);
    return decided;
  }

  /** Appends the chunk; rows refused because the truce moved on meanwhile are decided again on its new version. */
  async write(decided: Decided[]): Promise<void> {
    for (let attempt = 1; decided.length; attempt++) {
      const outcomes = await this.store.appendMany(decided.map((d) => d.request));
      const again: Decided[] = [];
      outcomes.forEach((outcome, i) => {
        const { candidate } = decided[i];
        if (outcome.ok) this.summary.imported++;
        else if (outcome.error instanceof WrongExpectedVersionError && outcome.error.streamId === incidentStreamId(candidate.incidentId))
          this.summary.skipped++;
        else if (outcome.error instanceof WrongExpectedVersionError && attempt < TRUCE_RETRIES) again.push(decided[i]);
        else this.fail({ line: candidate.line, errors: [errorOf(outcome.error)] });
      });
      if (!again.length) return;
      for (const truceId of new Set(again.map((d) => d.candidate.data.truceId))) this.truceFacts.delete(truceId);
      decided = [];
      for (const { candidate } of again) {
        const outcome = await this.decideOne(candidate, new Map());
        if ('errors' in outcome) this.fail(outcome);
        else decided.push({ candidate, request: outcome });
      }
    }
  }

  /**
   * Drops the rows whose incident is reported earlier in this chunk: skipped. Rows already in the
   * log are not looked up here: their append finds the stream there and they are counted as
   * skipped (write), or, should the domain refuse them, failUnlessRecorded looks for them.
   */
  private firstOfEach(candidates: ImportCandidate[]): ImportCandidate[] {
    const seen = new Set<string>();
    return candidates.filter((c) => {
      if (seen.has(c.incidentId)) {
        this.summary.skipped++;
        return false;
      }
      seen.add(c.incidentId);
      return true;
    });
  }

  /** Rows the domain refuses now (the truce has ended since, say) that an earlier run recorded are skipped, not refused. */
  private async failUnlessRecorded(refused: { candidate: ImportCandidate; failed: FailedLine }[]): Promise<void> {
    if (!refused.length) return;
    const rows: { stream_id: string }[] = await this.dataSource.query('SELECT stream_id FROM events WHERE stream_id = ANY($1::text[]) AND stream_version = 1', [
      refused.map(({ candidate }) => incidentStreamId(candidate.incidentId)),
    ]);
    const recorded = new Set(rows.map((r) => r.stream_id));
    for (const { candidate, failed } of refused) {
      if (recorded.has(incidentStreamId(candidate.incidentId))) this.summary.skipped++;
      else this.fail(failed);
    }
  }

  /**
   * The incidents the chunk's counter-accusations answer, as recorded — or as reported earlier in
   * this chunk (folded from the report, as the read model would hold it), when not recorded. One
   * read for the chunk; a second, after the previous chunk has committed, for those it may hold.
   */
  private async respondedTo(candidates: ImportCandidate[], settled: () => Promise<void>): Promise<Map<string, IncidentState>> {
    const found = new Map<string, IncidentState>();
    const wanted = new Set(candidates.flatMap((c) => (c.data.respondsTo ? [c.data.respondsTo] : [])));
    if (!wanted.size) return found;
    const read = async (ids: string[]) => {
      if (!ids.length) return;
      const rows: { state: IncidentState }[] = await this.dataSource.query('SELECT state FROM incident_view WHERE incident_id = ANY($1::uuid[])', [ids]);
      for (const { state } of rows) found.set(state.incidentId, state);
    };
    await read([...wanted]);
    for (const c of candidates) if (wanted.has(c.incidentId) && !found.has(c.incidentId)) found.set(c.incidentId, reportedState(c));
    const missing = [...wanted].filter((id) => !found.has(id));
    if (missing.length) {
      await settled();
      await read(missing);
    }
    return found;
  }

  /** The append that records the row, or the domain's refusal of it. */
  private async decideOne(candidate: ImportCandidate, respondsTo: Map<string, IncidentState>): Promise<AppendRequest<unknown> | FailedLine> {
    const { incidentId, data } = candidate;
    const truce = await this.truce(data.truceId);
    try {
      if (truce instanceof DomainError) throw truce;
      const events = decideIncident(
        { type: 'ReportBreach', incidentId, data },
        { incident: null, truce, respondsTo: data.respondsTo ? (respondsTo.get(data.respondsTo) ?? null) : null },
      );
      return {
        streamId: incidentStreamId(incidentId),
        expectedVersion: 'no_stream',
        events,
        metadata: { actor: this.options.actor, correlationId: this.options.correlationId, causationId: null },
        preconditions: [unchangedSince(truce)],
        result: () => null,
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { line: candidate.line, errors: [errorOf(error)] };
    }
  }

  private async truce(truceId: string): Promise<TruceFacts | DomainError> {
    let facts = this.truceFacts.get(truceId);
    if (!facts) {
      try {
        facts = await this.truces.load(truceId);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        facts = error;
      }
      this.truceFacts.set(truceId, facts);
    }
    return facts;
  }

  private fail(failed: FailedLine): void {
    this.summary.failedCount++;
    if (this.summary.failed.length < FAILED_LISTED) this.summary.failed.push(failed);
  }
}

/** An incident as its report alone makes it: what the decider needs of the incident a counter-accusation answers. */
function reportedState({ incidentId, data }: ImportCandidate): IncidentState {
  const event = { type: 'BreachReported', schemaVersion: 2, data: { incidentId, ...data }, streamVersion: 1, recordedAt: new Date(0).toISOString() };
  return evolveIncident(null, event as unknown as Recorded<IncidentEvent>)!;
}

/** A refusal as a row error: the field a domain message names (`accusedParty: …`), and the stable code. */
function errorOf(error: Error): FieldError & { code?: string } {
  if (error instanceof DomainError) {
    const field = /^([A-Za-z][\w.]*): /.exec(error.message)?.[1] ?? (error.code === 'TRUCE.NOT_FOUND' ? 'truceId' : '(row)');
    return { field, message: error.message, code: error.code };
  }
  if (error instanceof WrongExpectedVersionError)
    return { field: 'truceId', message: 'The truce kept changing while this row was being recorded; import the file again.', code: 'STREAM.VERSION_CONFLICT' };
  return { field: '(row)', message: error.message };
}
