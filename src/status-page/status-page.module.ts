import { Module } from '@nestjs/common';
import { StatusPageController } from './status-page.controller';

/** The live status page at `/` (assets/: HTML, script, style). */
@Module({ controllers: [StatusPageController] })
export class StatusPageModule {}
