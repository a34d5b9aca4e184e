import type { TruceStatus } from '../../../truces/domain/truce-status';

export { CLASSIFICATIONS } from '../../../incidents/queries/list-incidents/list-incidents.dto';
export { VERIFICATION_STATUSES } from '../../../incidents/domain/incident.events';

/** Every TruceStatus, checked both ways by the compiler: a status added or dropped there fails here. */
const TRUCE_STATUS: Record<TruceStatus, true> = {
  collapsed: true,
  ended: true,
  suspended: true,
  pending: true,
  violated: true,
  contested: true,
  holding: true,
};
export const TRUCE_STATUSES = Object.keys(TRUCE_STATUS) as TruceStatus[];
