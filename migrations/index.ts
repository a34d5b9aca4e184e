import { CreateEventStore1764216000000 } from './1764216000000-CreateEventStore';
import { CreateReadModels1764216000001 } from './1764216000001-CreateReadModels';
import { CreateApiKeys1764216000002 } from './1764216000002-CreateApiKeys';
import { CreateAppendStartFunction1764216000003 } from './1764216000003-CreateAppendStartFunction';
import { AddReadModelFoldVersion1764216000100 } from './1764216000100-AddReadModelFoldVersion';
import { HashIdempotencyScopes1764216000150 } from './1764216000150-HashIdempotencyScopes';
import { AddLogIndexAndMerkleTree1764216000200 } from './1764216000200-AddLogIndexAndMerkleTree';
import { CreateObservationView1764216000400 } from './1764216000400-CreateObservationView';

/** Listed by class, not by glob, so the same list serves ts (tests) and compiled js (runtime). */
export const MIGRATIONS = [
  CreateEventStore1764216000000,
  CreateReadModels1764216000001,
  CreateApiKeys1764216000002,
  CreateAppendStartFunction1764216000003,
  AddReadModelFoldVersion1764216000100,
  HashIdempotencyScopes1764216000150,
  AddLogIndexAndMerkleTree1764216000200,
  CreateObservationView1764216000400,
];
