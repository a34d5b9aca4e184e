import { CreateEventStore1764216000000 } from './1764216000000-CreateEventStore';
import { CreateReadModels1764216000001 } from './1764216000001-CreateReadModels';

/** Listed by class, not by glob, so the same list serves ts (tests) and compiled js (runtime). */
export const MIGRATIONS = [CreateEventStore1764216000000, CreateReadModels1764216000001];
