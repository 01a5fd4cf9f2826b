import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge, Histogram } from 'prom-client';
import { syncHook } from '../api/sync-hook.js';
import { metricsRegistry } from './registry.js';

export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

export interface MetricsOptions {
  /** The database pool's use, when there is one (PostgreSQL). */
  readonly poolStats?: (() => PoolStats) | undefined;
}

const requestDuration = new Histogram({
  name: 'kob_http_request_duration_seconds',
  help: 'Time from request to response, by method, route (its pattern, not the path) and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

/** Each method, route and status observes through its own child: prom-client then hashes no labels per request. */
const durationByLabels = new Map<string, ReturnType<typeof requestDuration.labels>>();

/** Counts one answered request in `kob_http_request_duration_seconds` (`route`: the route's pattern). */
export function observeRequestDuration(method: string, route: string, status: number, seconds: number): void {
  const key = `${method} ${status} ${route}`;
  let child = durationByLabels.get(key);
  if (child === undefined) {
    child = requestDuration.labels(method, route, String(status));
    durationByLabels.set(key, child);
  }
  child.observe(seconds);
}

let poolSource: (() => PoolStats) | undefined;
new Gauge({
  name: 'kob_db_pool_connections',
  help: 'Database pool connections by state (total, idle, waiting clients).',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    const stats = poolSource?.();
    if (stats === undefined) return;
    this.set({ state: 'total' }, stats.total);
    this.set({ state: 'idle' }, stats.idle);
    this.set({ state: 'waiting' }, stats.waiting);
  },
});

/**
 * `GET /metrics` in Prometheus' text format, and the request rate and latency of every route
 * (`kob_http_request_duration_seconds`; its `_count` is the rate). Routes are labelled by their
 * pattern, so a party id or a calendar token never becomes a label.
 */
export const metricsPlugin = fp<MetricsOptions>(async (app: FastifyInstance, options) => {
  poolSource = options.poolStats ?? poolSource;
  app.addHook(
    'onResponse',
    syncHook((request, reply) => observeRequestDuration(request.method, request.routeOptions.url ?? 'ukjent', reply.statusCode, reply.elapsedTime / 1000)),
  );
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
});
