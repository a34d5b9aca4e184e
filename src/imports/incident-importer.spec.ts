import { DataSource } from 'typeorm';
import { aBreachBody } from '../../test/support/builders';
import { DomainError } from '../common/domain/domain-error';
import { EventStore } from '../event-store/event-store.service';
import { incidentStreamId } from '../incidents/domain/incident';
import { TruceFactsProvider } from '../truces/truce-facts.provider';
import { ImportLine } from './import-line';
import { IncidentImporter } from './incident-importer';
import { uuidV5 } from './stable-id';

const TRUCE = '5b0c8f4e-2d7a-4c1e-9f3b-6a8d2e4c1b70';

async function* linesOf(values: unknown[]): AsyncGenerator<ImportLine> {
  let line = 0;
  for (const value of values) yield { line: ++line, value };
}

describe('IncidentImporter', () => {
  it('counts a row the domain refuses now as skipped when an earlier run recorded it; the others are refused, a repeat in the chunk skipped', async () => {
    const recorded = incidentStreamId(uuidV5(`${TRUCE}\nid:old`));
    // Only the rows the domain refused are looked up in the log.
    const query = jest.fn(async (_sql: string, [streamIds]: [string[]]) => streamIds.filter((id) => id === recorded).map((stream_id) => ({ stream_id })));
    const truces = {
      load: async () => {
        throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${TRUCE} is recorded.`);
      },
    };
    const store = { appendMany: jest.fn() };
    const importer = new IncidentImporter(store as unknown as EventStore, truces as unknown as TruceFactsProvider, { query } as unknown as DataSource);

    const row = (sourceId: string) => ({ truceId: TRUCE, sourceId, ...aBreachBody() });
    const summary = await importer.run(linesOf([row('old'), row('new'), row('new')]), { actor: 'test', correlationId: 'c-1' });

    expect(summary).toEqual({
      imported: 0,
      skipped: 2,
      failedCount: 1,
      failed: [{ line: 2, errors: [expect.objectContaining({ field: 'truceId', code: 'TRUCE.NOT_FOUND' })] }],
    });
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0][1]).toEqual([[recorded, incidentStreamId(uuidV5(`${TRUCE}\nid:new`))]]);
    expect(store.appendMany).not.toHaveBeenCalled();
  });
});
