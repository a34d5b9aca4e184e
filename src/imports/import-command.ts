import { TextSafetyPipe } from '../common/http/text-safety.pipe';
import { createValidationPipe, FieldError, RequestValidationError } from '../common/http/validation';
import { canonicalJson } from '../event-store/canonical-json';
import { ReportBreachDto } from '../incidents/incidents.dto';
import { ReportBreachData, reportBreachData } from '../incidents/report-breach.data';
import { FailedLine } from './import-line';
import { uuidV5 } from './stable-id';

/** A line that passed validation: the incident it would record, under its stable id. */
export interface ImportCandidate {
  line: number;
  incidentId: string;
  data: ReportBreachData;
}

/** The only command an import records for now: new incident reports. */
const COMMAND_TYPES = ['ReportBreach'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A line of an import is a command: `{ type?: "ReportBreach", truceId, sourceId?, ...body }`, the
 * body being exactly what POST /truces/{truceId}/incidents takes, checked by the same pipes the
 * HTTP layer runs (text safety, then the DTO's rules, unknown fields refused). The incident's id
 * is the UUIDv5 of the truce and the row's stable id (`sourceId`), or of the body itself when
 * the row has none — so the same row imported twice is the same incident, recorded once.
 */
export class ImportCommandValidator {
  private readonly safety = new TextSafetyPipe();
  private readonly validation = createValidationPipe();

  async check(line: number, value: unknown): Promise<ImportCandidate | FailedLine> {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { line, errors: [{ field: '(line)', message: 'must be a JSON object' }] };
    try {
      this.safety.transform(value);
    } catch (error) {
      return { line, errors: fieldErrors(error) };
    }
    const { type, truceId, sourceId, ...body } = value as Record<string, unknown>;
    const errors: FieldError[] = [];
    if (type !== undefined && !COMMAND_TYPES.includes(type as string))
      errors.push({ field: 'type', message: `type must be one of: ${COMMAND_TYPES.join(', ')}` });
    if (typeof truceId !== 'string' || !UUID.test(truceId))
      errors.push({ field: 'truceId', message: truceId === undefined ? 'truceId is required' : 'truceId must be a UUID' });
    if (sourceId !== undefined && (typeof sourceId !== 'string' || !sourceId.length || sourceId.length > 200)) {
      errors.push({ field: 'sourceId', message: 'sourceId must be a string of 1 to 200 characters' });
    }
    let report: ReportBreachDto | null = null;
    try {
      report = (await this.validation.transform(body, { type: 'body', metatype: ReportBreachDto })) as ReportBreachDto;
    } catch (error) {
      errors.push(...fieldErrors(error));
    }
    if (errors.length || !report) return { line, errors };
    const truce = (truceId as string).toLowerCase();
    const stableId = typeof sourceId === 'string' ? `id:${sourceId}` : `body:${canonicalJson(body)}`;
    return { line, incidentId: uuidV5(`${truce}\n${stableId}`), data: reportBreachData(truce, report) };
  }
}

function fieldErrors(error: unknown): FieldError[] {
  if (error instanceof RequestValidationError) return error.errors;
  throw error;
}

export const isCandidate = (checked: ImportCandidate | FailedLine): checked is ImportCandidate => 'incidentId' in checked;
