import { SingleBar, Presets } from 'cli-progress';
import { EventStore } from '../event-store/event-store.service';
import { RebuildService } from '../projections/rebuild.service';
import { runWithApp } from './run-with-app';

/** `npm run rebuild`: rebuild every read model from the log, with progress, rate and ETA. */
runWithApp(async (app) => {
  const total = await app.get(EventStore).headPosition();
  const bar = new SingleBar({ format: 'rebuild |{bar}| {value}/{total} events | {rate} ev/s | ETA {eta_formatted}', etaBuffer: 50 }, Presets.shades_classic);
  const started = Date.now();
  bar.start(total, 0, { rate: 0 });
  const report = await app.get(RebuildService).rebuild((done) => {
    bar.update(Math.min(done, total), { rate: Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)) });
  });
  bar.update(total);
  bar.stop();
  console.log(`Rebuilt read models from ${report.events} events in ${report.durationMs} ms.`);
  return 0;
});
