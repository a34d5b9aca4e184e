import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { RebuildReport, RebuildService } from './rebuild.service';
import { DESCRIBED_BY_REQUIRE_ROLE, ProblemResponses } from '../common/http/openapi/problem-responses.decorator';
import { RebuildReportSchema } from './rebuild-report.schema';
import { IdempotencyKeyHeader } from '../common/http/openapi/write-headers.decorator';

@ApiTags('admin')
@Controller('admin/projections')
export class ProjectionsController {
  constructor(private readonly rebuilds: RebuildService) {}

  @Post('rebuild')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Rebuild every read model from the log; readers never see a half-built model' })
  @ApiOkResponse({ type: RebuildReportSchema, description: 'Rebuilt and swapped in' })
  @IdempotencyKeyHeader('Accepted but not remembered here: a rebuild appends nothing, so a repeat only rebuilds again (one at a time across instances)')
  @ProblemResponses([400, 401, 403, 413, 429], DESCRIBED_BY_REQUIRE_ROLE)
  rebuild(): Promise<RebuildReport> {
    return this.rebuilds.rebuild();
  }
}
