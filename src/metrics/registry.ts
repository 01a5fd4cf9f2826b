import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics (`GET /metrics`): one registry every part registers on, with
 * Node's own (memory, event loop, GC) from prom-client. A cache gets its hit, miss and
 * invalidation counters from `cacheMetrics(name)`; long work reports progress with `progressGauge`.
 *
 *   const metrics = cacheMetrics('partversjon');
 *   metrics.hit(); metrics.miss(); metrics.invalidated(3);
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'kob_' });

// Which process a scrape reached, when several share a port (kob serve --workers): RSS is per process.
new Gauge({ name: 'kob_process_pid', help: 'The process id of the process that answered.', registers: [metricsRegistry] }).set(process.pid);

/** Lookups counted since the last scrape, per cache: a plain increment on the path of every API call, added to the counter when scraped. */
const pendingLookups = new Map<string, { hits: number; misses: number }>();
new Counter({
  name: 'kob_cache_lookups_total',
  help: 'Cache lookups by cache and result (hit or miss).',
  labelNames: ['cache', 'result'] as const,
  registers: [metricsRegistry],
  collect() {
    for (const [cache, pending] of pendingLookups) {
      this.inc({ cache, result: 'hit' }, pending.hits);
      this.inc({ cache, result: 'miss' }, pending.misses);
      pending.hits = 0;
      pending.misses = 0;
    }
  },
});
const cacheInvalidations = new Counter({
  name: 'kob_cache_invalidations_total',
  help: 'Cache entries dropped because what they were derived from changed (or everything, after a lost notification connection).',
  labelNames: ['cache'] as const,
  registers: [metricsRegistry],
});
const cacheEntries = new Gauge({ name: 'kob_cache_entries', help: 'Entries held per cache.', labelNames: ['cache'] as const, registers: [metricsRegistry] });

export interface CacheMetrics {
  hit(): void;
  miss(): void;
  invalidated(entries: number): void;
  size(entries: number): void;
}

export function cacheMetrics(cache: string): CacheMetrics {
  let pending = pendingLookups.get(cache);
  if (pending === undefined) {
    pending = { hits: 0, misses: 0 };
    pendingLookups.set(cache, pending);
  }
  const lookups = pending;
  const invalidations = cacheInvalidations.labels(cache);
  const entries = cacheEntries.labels(cache);
  return {
    hit: () => {
      lookups.hits++;
    },
    miss: () => {
      lookups.misses++;
    },
    invalidated: (count) => invalidations.inc(count),
    size: (count) => entries.set(count),
  };
}

const progress = new Gauge({
  name: 'kob_work_progress_ratio',
  help: 'Share done (0–1) of long work in this process (kob seed, the daily run).',
  labelNames: ['work'] as const,
  registers: [metricsRegistry],
});
const progressItems = new Gauge({ name: 'kob_work_done_items', help: 'Items done of long work (businesses seeded, debtor groups settled).', labelNames: ['work'] as const, registers: [metricsRegistry] });

/** Progress of one kind of long work: `report(done, total)`. */
export function progressGauge(work: string): (done: number, total: number) => void {
  const ratio = progress.labels(work);
  const items = progressItems.labels(work);
  return (done, total) => {
    ratio.set(total === 0 ? 1 : done / total);
    items.set(done);
  };
}
