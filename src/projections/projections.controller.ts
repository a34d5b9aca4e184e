import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { RebuildReport, RebuildService } from './rebuild.service';
import { DESCRIBED_BY_REQUIRE_ROLE, ProblemResponses } from '../common/http/openapi/problem-responses.decorator';
import { RebuildReportSchema } from './rebuild-report.schema';
import { IdempotencyKeyHeader } from '../common/http/openapi/write-headers.decorator';
import { IdempotentOperations } from '../write-path/idempotent-operation';
import { WriteContext } from '../write-path/write-context';
import { Write } from '../write-path/write-context.decorator';

@ApiTags('admin')
@Controller('admin/projections')
export class ProjectionsController {
  constructor(
    private readonly rebuilds: RebuildService,
    private readonly idempotent: IdempotentOperations,
  ) {}

  @Post('rebuild')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Rebuild every read model from the log; readers never see a half-built model' })
  @ApiOkResponse({ type: RebuildReportSchema, description: 'Rebuilt and swapped in' })
  @IdempotencyKeyHeader('A repeat with the same key and body is answered with the first report, without rebuilding again')
  @ProblemResponses([400, 401, 403, 413, 422, 429, 503], DESCRIBED_BY_REQUIRE_ROLE)
  rebuild(@Write() ctx: WriteContext): Promise<RebuildReport> {
    return this.idempotent.run(ctx, () => this.rebuilds.rebuild());
  }
}
