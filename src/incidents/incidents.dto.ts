import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsUUID } from 'class-validator';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { PageQueryDto } from '../common/http/page-query.dto';
import { RequiredSources, SourceDto } from '../common/http/source.dto';
import {
  IsInstant,
  MayBeOmitted,
  NestedObject,
  OneOf,
  OptionalEnumList,
  OptionalNested,
  OptionalOneOf,
  OptionalText,
  RequiredText,
} from '../common/http/validators';
import { Classification, CLASSIFICATIONS } from './domain/classification';
import { CHARACTERIZATIONS, NOT_ATTRIBUTABLE, REPORTER_TYPES, VERIFICATION_METHODS, VERIFICATION_STATUSES, WEAPONS } from './domain/incident';
import type { Characterization, ReporterType, VerificationMethod, VerificationStatus, Weapon } from './domain/incident';
import { CasualtiesDto, PlaceDto, TimeSpecDto } from './incident-values.dto';
import { IsStatement, statementProperty } from './statement.dto';
import type { Statement } from '../common/domain/source';

/** POST /truces/{id}/incidents */
export class ReportBreachDto {
  @RequiredText(200, { example: 'ARM', description: 'A party id, or a monitor/media source name (see reporterType)' })
  reportedBy: string;

  @OptionalOneOf(REPORTER_TYPES, { default: 'party' })
  reporterType?: ReporterType;

  @RequiredText(64, { example: 'AZE', description: 'Must be a party of the truce' })
  accusedParty: string;

  @ApiProperty({ type: TimeSpecDto })
  @NestedObject(() => TimeSpecDto)
  occurredAt: TimeSpecDto;

  @ApiProperty({ type: PlaceDto })
  @NestedObject(() => PlaceDto)
  location: PlaceDto;

  @RequiredSources('At least one')
  sources: SourceDto[];

  @OptionalEnumList(WEAPONS)
  weapons?: Weapon[];

  @OptionalNested(CasualtiesDto)
  casualties?: CasualtiesDto;

  @OptionalText(20000)
  description?: string;

  @ApiPropertyOptional({ description: 'The incident this one answers (a counter-accusation)' })
  @MayBeOmitted()
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID('all')
  respondsTo?: string;
}

/** POST /incidents/{id}/denials */
export class DenyBreachDto {
  @RequiredText(64, { example: 'AZE', description: 'A party of the truce' })
  deniedBy: string;

  @ApiProperty(statementProperty())
  @IsStatement()
  statement: Statement;

  @OneOf(CHARACTERIZATIONS)
  characterization: Characterization;

  @RequiredSources('Where the denial was made: at least one source')
  sources: SourceDto[];
}

/** POST /incidents/{id}/verifications */
export class ChangeVerificationDto {
  @OneOf(VERIFICATION_STATUSES)
  status: VerificationStatus;

  @RequiredText(200, { example: 'OSCE SMM', description: 'The monitor making the finding' })
  by: string;

  @OneOf(VERIFICATION_METHODS)
  method: VerificationMethod;

  @OptionalText(20000)
  note?: string;
}

/** POST /incidents/{id}/attributions */
export class DetermineAttributionDto {
  @RequiredText(64, { example: 'AZE', description: `A party of the truce, or "${NOT_ATTRIBUTABLE}"` })
  attributedTo: string;

  @RequiredText(200, { example: 'OSCE SMM', description: 'The monitor making the finding' })
  by: string;

  @OptionalText(20000)
  note?: string;
}

/** POST /incidents/{id}/casualty-revisions */
export class ReviseCasualtiesDto {
  @ApiProperty({ type: CasualtiesDto, description: 'The new figures, replacing the earlier ones; missing numbers are 0' })
  @IsDefined()
  @NestedObject(() => CasualtiesDto)
  casualties: CasualtiesDto;

  @RequiredSources('At least one')
  sources: SourceDto[];
}

/** POST /incidents/{id}/retractions */
export class RetractReportDto {
  @RequiredText(5000, { example: 'The location was misidentified.' })
  reason: string;
}

/** GET /truces/{id}/incidents */
export class ListIncidentsQueryDto extends PageQueryDto {
  @OptionalText(200, { description: 'Accused party id' })
  accused?: string;

  @OptionalText(200)
  reportedBy?: string;

  @OptionalOneOf(VERIFICATION_STATUSES)
  verification?: VerificationStatus;

  @OptionalOneOf(CLASSIFICATIONS)
  classification?: Classification;

  @ApiPropertyOptional({ description: 'Occurred (window start) at or after this instant' })
  @MayBeOmitted()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Occurred (window start) before this instant' })
  @MayBeOmitted()
  @IsInstant()
  to?: string;

  @OptionalText(64, { description: 'Only incidents located in this zone (one in force now); a zone not in force contains none', example: 'kapan-area' })
  zone?: string;
}

/** GET /truces/{id}/incidents.geojson and .csv */
export class ExportQueryDto extends ConsistencyQueryDto {
  @OptionalText(64, { description: 'Only incidents located in this zone (one in force now); a zone not in force contains none', example: 'kapan-area' })
  zone?: string;
}
