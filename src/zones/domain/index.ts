/** What other slices (incidents, observations, time series) may use of zones: pure functions and types. */
export * from './geometry';
export * from './zone';
export * from './zones-containing';
