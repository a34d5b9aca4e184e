import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { validateConfig } from '../../src/config/app-config';
import { RebuildService } from '../../src/projections/rebuild.service';

/** Run in its own process by the rebuild benchmark, so its peak RSS is the rebuild's own. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.register(validateConfig(process.env)), { logger: ['error'] });
  const report = await app.get(RebuildService).rebuild();
  await app.close();
  process.stdout.write(JSON.stringify({ ...report, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
