/** The value at the `fraction` quantile of `values` (nearest rank): 0.5 is the median. */
export function quantile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
