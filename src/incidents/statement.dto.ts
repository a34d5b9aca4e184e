import { ApiProperty, ApiPropertyOptions, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { isLanguageCode } from '../common/http/source.dto';
import { Satisfies } from '../common/http/validators';
import type { Statement, TranslatedText } from '../common/domain/source';

const MAX_TEXT = 20000;
const MAX_BY = 200;

@ApiSchema({ name: 'StatementTranslation', description: 'A translation of a statement, and who made it' })
export class TranslationSchema {
  @ApiProperty({ example: 'A provocation.', maxLength: MAX_TEXT })
  text: string;

  @ApiProperty({ example: 'en', pattern: '^[a-z]{2}$', description: 'ISO 639-1' })
  language: string;

  @ApiProperty({ example: 'OSCE SMM translation desk', maxLength: MAX_BY })
  by: string;
}

@ApiSchema({ name: 'TranslatedStatement', description: 'A statement in its own words and language, with an optional translation' })
export class TranslatedStatementSchema implements TranslatedText {
  @ApiProperty({ example: 'Провокация.', maxLength: MAX_TEXT, description: 'Verbatim, in the original language' })
  text: string;

  @ApiProperty({ example: 'ru', pattern: '^[a-z]{2}$', description: 'ISO 639-1' })
  language: string;

  @ApiProperty({ type: TranslationSchema, required: false })
  translation?: TranslationSchema;
}

/**
 * `statement`: a string, or a TranslatedStatement. The $ref in `oneOf` does not register the
 * component: the controller that takes or shows one registers it with @ApiExtraModels.
 */
export const statementProperty = (): ApiPropertyOptions => ({
  oneOf: [{ type: 'string', minLength: 1, maxLength: MAX_TEXT }, { $ref: getSchemaPath(TranslatedStatementSchema) }],
  description: 'Verbatim: a string, or {text, language, translation?: {text, language, by}}',
  example: 'A provocation.',
});

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isPlainObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(value).filter((k) => !allowed.includes(k));
}

/** What is wrong with a statement as sent, or null when nothing is. */
export function statementProblem(value: unknown, field = 'statement'): string | null {
  if (typeof value === 'string') return isText(value, MAX_TEXT) ? null : `${field} must be 1 to ${MAX_TEXT} characters`;
  if (!isPlainObject(value)) return `${field} must be a string or {text, language, translation?}`;
  const extra = unknownKeys(value, ['text', 'language', 'translation']);
  if (extra.length) return `${field} has unknown fields: ${extra.join(', ')}`;
  if (!isText(value.text, MAX_TEXT)) return `${field}.text must be 1 to ${MAX_TEXT} characters`;
  if (!isLanguageCode(value.language)) return `${field}.language must be an ISO 639-1 language code (two lowercase letters, e.g. ru)`;
  if (value.translation === undefined) return null;
  const t = value.translation;
  if (!isPlainObject(t)) return `${field}.translation must be {text, language, by}`;
  const extraT = unknownKeys(t, ['text', 'language', 'by']);
  if (extraT.length) return `${field}.translation has unknown fields: ${extraT.join(', ')}`;
  if (!isText(t.text, MAX_TEXT)) return `${field}.translation.text must be 1 to ${MAX_TEXT} characters`;
  if (!isLanguageCode(t.language)) return `${field}.translation.language must be an ISO 639-1 language code (two lowercase letters, e.g. en)`;
  if (!isText(t.by, MAX_BY)) return `${field}.translation.by must be 1 to ${MAX_BY} characters`;
  return null;
}

export const IsStatement = () => Satisfies('isStatement', (value, property) => statementProblem(value, property));

/** The statement as the domain keeps it: the fields it knows, in a fixed order. */
export function toStatement(value: Statement): Statement {
  if (typeof value === 'string') return value;
  const { text, language, translation } = value;
  return translation === undefined
    ? { text, language }
    : { text, language, translation: { text: translation.text, language: translation.language, by: translation.by } };
}
