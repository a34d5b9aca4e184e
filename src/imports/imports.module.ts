import { Module } from '@nestjs/common';
import { TrucesModule } from '../truces/truces.module';
import { ImportsController } from './imports.controller';
import { IncidentImporter } from './incident-importer';

/** Bulk imports of incident datasets: the CLI (src/cli/import.ts) and POST /admin/imports. */
@Module({
  imports: [TrucesModule],
  controllers: [ImportsController],
  providers: [IncidentImporter],
  exports: [IncidentImporter],
})
export class ImportsModule {}
