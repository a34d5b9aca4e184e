import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../../src/app.module';
import { validateConfig } from '../../src/config/app-config';
import { importFileLines } from '../../src/imports/import-file';
import { IncidentImporter } from '../../src/imports/incident-importer';
import { TruceCommandMessage } from '../../src/truces/truce.command-handler';
import { TRUCE_BODY } from '../support/event-sized';

/**
 * Run in its own process by the import benchmark, so that its peak RSS is the import's own: agrees
 * the truce the file's rows are reported under, then imports the CSV (argv[2]) as
 * `npm run import` does, timing the import alone (not the app's start).
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.register(validateConfig(process.env)), { logger: ['error'] });
  const ctx = { actor: 'bench', isAdmin: true, correlationId: randomUUID() };
  const truceId = randomUUID();
  const data = { ...TRUCE_BODY, mediators: [], purposes: [], effectiveAtSource: null, endsAt: null, terms: null, sources: [] };
  await app.get(CommandBus).execute(new TruceCommandMessage({ type: 'AgreeTruce', truceId, data }, ctx));
  const started = performance.now();
  const summary = await app.get(IncidentImporter).run(importFileLines(process.argv[2], { truceId }), { actor: 'bench', correlationId: randomUUID() });
  const durationMs = performance.now() - started;
  await app.close();
  const { failed: _, ...totals } = summary;
  process.stdout.write(JSON.stringify({ ...totals, durationMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
