import { IntegrityService } from '../event-store/integrity.service';
import { runWithApp } from './run-with-app';

/** `npm run verify`: recompute every hash chain; exit 1 if any event fails its check. */
runWithApp(async (app) => {
  const report = await app.get(IntegrityService).check();
  console.log(JSON.stringify(report, null, 2));
  if (!report.ok) console.error(`Tampering or corruption detected: first broken event at position ${report.firstBroken}.`);
  return report.ok ? 0 : 1;
});
