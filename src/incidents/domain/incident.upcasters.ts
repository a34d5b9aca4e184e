import { Upcaster } from '../../event-store/upcaster';

/**
 * BreachReported v1 carried `casualties` as one number of people killed, of unknown status.
 * v2 has the full Casualties shape; a v1 event reads as that number under killed.unknown.
 */
export const breachReportedV1ToV2: Upcaster = {
  type: 'BreachReported',
  fromSchemaVersion: 1,
  upcast: (data: { casualties?: number } & Record<string, unknown>) => ({
    ...data,
    casualties: {
      killed: { civilian: 0, military: 0, unknown: typeof data.casualties === 'number' ? data.casualties : 0 },
      injured: { civilian: 0, military: 0, unknown: 0 },
    },
  }),
};

export const INCIDENT_UPCASTERS: readonly Upcaster[] = [breachReportedV1ToV2];
