import { DomainError } from '../../common/domain/domain-error';

export interface Party {
  id: string;
  name: string;
}

/**
 * The narrow view of a truce that other slices depend on (incidents, and observations to come):
 * what a report is judged against, never the truce's internals. Parties do not change after
 * agreement; the effective instant may be revised, which moves `version` on.
 */
export interface TruceFacts {
  truceId: string;
  parties: Party[];
  effectiveAt: string;
  /** X of DOMAIN.md: the counting collapse or end, or endsAt, whichever is earliest; null while it runs. */
  endAt?: string | null;
  /** The truce stream's version these facts were read at. */
  version: number;
}

export function requirePartyOf(truce: Pick<TruceFacts, 'parties'>, partyId: string, field: string): Party {
  const party = truce.parties.find((p) => p.id === partyId);
  if (!party) {
    throw DomainError.rejected(
      'TRUCE.NOT_A_PARTY',
      `${field}: '${partyId}' is not a party of this truce (parties: ${truce.parties.map((p) => p.id).join(', ')}).`,
    );
  }
  return party;
}
