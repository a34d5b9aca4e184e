/**
 * Every append takes this transaction-level advisory lock before its position is drawn and
 * holds it until commit. Positions are therefore committed in the order they are handed out,
 * and a reader paging by `position > last` can never pass an event that commits later — the
 * gap bug a bare bigserial has (ARCHITECTURE.md). A rebuild takes it too, to pause appends.
 */
export const APPEND_LOCK_KEY = 4_242_001;
