import { Module } from '@nestjs/common';
import { ProjectionsController } from './projections.controller';
import { RebuildService } from './rebuild.service';

@Module({
  controllers: [ProjectionsController],
  providers: [RebuildService],
  exports: [RebuildService],
})
export class ProjectionsModule {}
