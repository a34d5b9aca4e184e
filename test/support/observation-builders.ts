/**
 * Builders for the observation domain tests, on the reference truce of test/support/domain-builders.ts.
 * The default observation is an OSCE SMM-style entry: "12 explosions of undetermined origin heard
 * 3–5 km south-east", minutes after the truce took effect. Test code only.
 */
import { Recorded } from '../../src/common/domain/domain-event';
import {
  ObservationAssessed,
  ObservationCommand,
  ObservationEvent,
  ObservationRecorded,
  ObservationState,
  ObservationWithdrawn,
  foldObservation,
} from '../../src/observations/domain/observation';
import { TruceFacts } from '../../src/truces/domain/truce-facts';
import { ARM, AZE, EFFECTIVE_AT, MINUTE, RECORDED_AT, shift, TRUCE_ID } from './domain-builders';

export const OBSERVATION_ID = '2d2c9e30-0001-4c20-8000-0000000000b5';

export const theTruceFacts = (overrides: Partial<TruceFacts> = {}): TruceFacts => ({
  truceId: TRUCE_ID,
  parties: [ARM, AZE],
  effectiveAt: EFFECTIVE_AT,
  version: 1,
  ...overrides,
});

export function anObservationRecorded(overrides: Partial<ObservationRecorded['data']> = {}): ObservationRecorded {
  return {
    type: 'ObservationRecorded',
    schemaVersion: 1,
    data: {
      observationId: OBSERVATION_ID,
      truceId: TRUCE_ID,
      observedBy: 'Patrol team 3',
      observedAt: { from: shift(EFFECTIVE_AT, 20 * MINUTE), precision: 'minute' },
      position: { name: 'Kapan', countryIso3: 'ARM', lat: 39.2076, lon: 46.4058, precision: 'exact' },
      kind: 'explosion',
      count: 12,
      direction: 'SE',
      distanceKm: { low: 3, high: 5 },
      estimatedLocation: null,
      weapons: ['artillery'],
      origin: 'undetermined',
      assessment: 'undetermined',
      description: '12 explosions of undetermined origin heard 3–5 km south-east',
      sources: [{ name: 'Patrol team 3 log' }],
      ...overrides,
    },
  };
}

export function anObservationAssessed(overrides: Partial<ObservationAssessed['data']> = {}): ObservationAssessed {
  return {
    type: 'ObservationAssessed',
    schemaVersion: 1,
    data: { origin: 'AZE', assessment: 'ceasefire_violation', by: 'OSCE SMM', note: null, ...overrides },
  };
}

export function anObservationWithdrawn(overrides: Partial<ObservationWithdrawn['data']> = {}): ObservationWithdrawn {
  return { type: 'ObservationWithdrawn', schemaVersion: 1, data: { by: 'OSCE SMM', reason: 'entered twice', ...overrides } };
}

export function recordedObservationEvent<E extends ObservationEvent>(event: E, meta: { recordedAt?: string; streamVersion?: number } = {}): Recorded<E> {
  return { ...event, recordedAt: meta.recordedAt ?? RECORDED_AT, streamVersion: meta.streamVersion ?? 1 };
}

/** The observation these events fold to; events not passed through recordedObservationEvent() get version = index + 1. */
export function observationFrom(events: readonly (ObservationEvent | Recorded<ObservationEvent>)[]): ObservationState {
  const state = foldObservation(events.map((e, i) => ('recordedAt' in e ? e : recordedObservationEvent(e, { streamVersion: i + 1 }))));
  if (!state) throw new Error('observationFrom: the stream does not start with ObservationRecorded');
  return state;
}

export const observationCommand = {
  record: (overrides: Partial<ObservationRecorded['data']> = {}): ObservationCommand => {
    const { observationId, ...data } = anObservationRecorded(overrides).data;
    return { type: 'RecordObservation', observationId, data };
  },
  assess: (data: ObservationAssessed['data']): ObservationCommand => ({ type: 'AssessObservation', observationId: OBSERVATION_ID, data }),
  withdraw: (): ObservationCommand => ({ type: 'WithdrawObservation', observationId: OBSERVATION_ID, data: anObservationWithdrawn().data }),
};
