import { Casualties, Figure } from '../domain/value-objects';
import { CasualtiesDto, CasualtyGroupDto } from '../dto/incident-values.dto';

/** Missing numbers are 0 (API.md); figures keep the form they were given in. */
export function toCasualties(dto: CasualtiesDto | undefined): Casualties {
  const group = (g: CasualtyGroupDto | undefined) => ({
    civilian: figure(g?.civilian),
    military: figure(g?.military),
    unknown: figure(g?.unknown),
  });
  return { killed: group(dto?.killed), injured: group(dto?.injured) };
}

function figure(value: Figure | undefined): Figure {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const out: { best: number; low?: number; high?: number } = { best: value.best };
  if (value.low !== undefined) out.low = value.low;
  if (value.high !== undefined) out.high = value.high;
  return out;
}
