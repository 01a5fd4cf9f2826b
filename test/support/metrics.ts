/** How many lookups of one cache `/metrics` counts, with the given result. */
export function cacheLookupCount(metricsText: string, cache: string, result: 'hit' | 'miss'): number {
  const line = metricsText.split('\n').find((candidate) => candidate.startsWith(`kob_cache_lookups_total{cache="${cache}",result="${result}"}`));
  return Number(line?.split(' ')[1] ?? 0);
}
