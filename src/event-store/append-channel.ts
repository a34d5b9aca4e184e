/** Every append NOTIFYs this channel with its last position; PostgreSQL delivers it at commit. */
export const APPEND_CHANNEL = 'ceasefire_events_appended';
