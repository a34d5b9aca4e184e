import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { RebuildReport, RebuildService } from './rebuild.service';

@ApiTags('admin')
@Controller('admin/projections')
export class ProjectionsController {
  constructor(private readonly rebuilds: RebuildService) {}

  @Post('rebuild')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Rebuild every read model from the log; readers never see a half-built model' })
  rebuild(): Promise<RebuildReport> {
    return this.rebuilds.rebuild();
  }
}
