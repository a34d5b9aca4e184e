/** Latency percentiles (ms) of a set of samples. */
export function percentiles(samples: number[]): { p50: number; p99: number; max: number } {
  if (!samples.length) return { p50: NaN, p99: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

export const round = (n: number, digits = 0): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs `task` from `concurrency` loops until `durationMs` has passed; counts completions. */
export async function closedLoop(concurrency: number, durationMs: number, task: (worker: number, i: number) => Promise<void>) {
  const latencies: number[] = [];
  let done = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        try {
          await task(worker, i);
          done += 1;
          latencies.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: done / seconds, done, errors, ...percentiles(latencies) };
}
