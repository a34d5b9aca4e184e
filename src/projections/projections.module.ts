import { Module } from '@nestjs/common';
import { ProjectionsController } from './projections.controller';
import { RebuildService } from './rebuild.service';
import { WritePathModule } from '../write-path/write-path.module';

@Module({
  imports: [WritePathModule],
  controllers: [ProjectionsController],
  providers: [RebuildService],
  exports: [RebuildService],
})
export class ProjectionsModule {}
