import { Module } from '@nestjs/common';
import { TrucesModule } from '../truces/truces.module';
import { IncidentLoader } from './application/incident-loader';
import { ChangeVerificationHandler } from './commands/change-verification/change-verification.handler';
import { DenyBreachHandler } from './commands/deny-breach/deny-breach.handler';
import { DetermineAttributionHandler } from './commands/determine-attribution/determine-attribution.handler';
import { ReportBreachHandler } from './commands/report-breach/report-breach.handler';
import { RetractReportHandler } from './commands/retract-report/retract-report.handler';
import { ReviseCasualtiesHandler } from './commands/revise-casualties/revise-casualties.handler';
import { IncidentsController } from './incidents.controller';
import { GetIncidentHandler } from './queries/get-incident/get-incident.handler';
import { ListIncidentsHandler } from './queries/list-incidents/list-incidents.handler';

@Module({
  imports: [TrucesModule],
  controllers: [IncidentsController],
  providers: [
    IncidentLoader,
    ReportBreachHandler,
    DenyBreachHandler,
    ChangeVerificationHandler,
    DetermineAttributionHandler,
    ReviseCasualtiesHandler,
    RetractReportHandler,
    GetIncidentHandler,
    ListIncidentsHandler,
  ],
})
export class IncidentsModule {}
