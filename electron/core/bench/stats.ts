/** Times one call in milliseconds. */
export const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
};

/** The p-th percentile (0–100) of a list of samples, nearest-rank. */
export const percentile = (samples: number[], p: number): number => {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
};

export interface Distribution {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

export const distribution = (samples: number[]): Distribution => ({
  p50: round(percentile(samples, 50)),
  p95: round(percentile(samples, 95)),
  max: round(Math.max(0, ...samples)),
  samples: samples.length,
});

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
