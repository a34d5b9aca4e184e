import { Module } from '@nestjs/common';
import { IncidentExportsController } from './incident-exports.controller';

@Module({ controllers: [IncidentExportsController] })
export class IncidentExportsModule {}
