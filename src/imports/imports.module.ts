import { Module } from '@nestjs/common';
import { TrucesModule } from '../truces/truces.module';
import { ImportsController } from './imports.controller';
import { IdempotentImports } from './idempotent-import';
import { IncidentImporter } from './incident-importer';

/** Bulk imports of incident datasets: the CLI (src/cli/import.ts) and POST /admin/imports. */
@Module({
  imports: [TrucesModule],
  controllers: [ImportsController],
  providers: [IncidentImporter, IdempotentImports],
  exports: [IncidentImporter],
})
export class ImportsModule {}
