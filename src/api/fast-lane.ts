import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyServerFactory } from 'fastify';
import { Counter } from 'prom-client';
import { observeRequestDuration } from '../metrics/plugin.js';
import { metricsRegistry } from '../metrics/registry.js';

/**
 * Answers the server already holds, given before Fastify sees the request. A polled API call
 * whose token, access decision and body are all kept in memory costs a fraction of its cost
 * through the framework's routing, hooks and reply; a lane answers exactly those calls and
 * returns false for everything else, which Fastify then answers as always. A lane writes what
 * the framework would have written, byte for byte apart from `Date` and a generated
 * korrelasjonsid (test/api/kravogbetalinger/fast-lane.test.ts compares the raw bytes), and the
 * request is counted in `/metrics` under its route as any other.
 *
 * Lanes run only while Fastify would log nothing of a request (level above `info`), since a lane
 * writes no "incoming request" or "request completed" line; and never once the server closes,
 * when Fastify answers 503.
 */
export interface FastLane {
  /** Writes the answer through `lanes.send` and returns true, or returns false having written nothing. */
  answer(request: IncomingMessage, response: ServerResponse, startMs: number): boolean;
}

/** Answered since the last scrape: a plain increment per answer, added to the counter when scraped. */
let answeredSinceScrape = 0;
new Counter({
  name: 'kob_http_fast_lane_answers_total',
  help: 'Answers given from memory before the framework (also counted in kob_http_request_duration_seconds).',
  registers: [metricsRegistry],
  collect() {
    this.inc(answeredSinceScrape);
    answeredSinceScrape = 0;
  },
});

export class FastLanes {
  readonly #lanes: FastLane[] = [];
  /** The headers every answer of the server carries (set by root hooks), as name, value, name, value. */
  readonly #rootHeaders: readonly string[];
  #open = false;

  constructor(rootHeaders: Readonly<Record<string, string>>) {
    this.#rootHeaders = Object.entries(rootHeaders).flat();
  }

  /** Lanes answer from now on, unless the server logs every request (then Fastify answers, and logs). */
  open(logger: FastifyBaseLogger): void {
    // pino has isLevelEnabled; Fastify's logger when logging is off has not, and logs nothing.
    const logsRequests = 'isLevelEnabled' in logger && typeof logger.isLevelEnabled === 'function' && logger.isLevelEnabled('info') === true;
    this.#open = !logsRequests;
  }

  add(lane: FastLane): void {
    this.#lanes.push(lane);
  }

  /** From now on Fastify answers everything (it is closing). */
  close(): void {
    this.#open = false;
  }

  /** True when a lane answered. */
  answer(request: IncomingMessage, response: ServerResponse): boolean {
    if (!this.#open || request.method !== 'GET') return false;
    const startMs = performance.now();
    for (const lane of this.#lanes) if (lane.answer(request, response, startMs)) return true;
    return false;
  }

  /** Writes an answer as Fastify does: the root headers, then the route's, then the body; and counts it under `route`. */
  send(response: ServerResponse, answer: { route: string; status: number; headers: readonly string[]; body?: Buffer | undefined; startMs: number }): void {
    response.writeHead(answer.status, [...this.#rootHeaders, ...answer.headers]);
    response.end(answer.body);
    observeRequestDuration('GET', answer.route, answer.status, (performance.now() - answer.startMs) / 1000);
    answeredSinceScrape++;
  }

  /**
   * Fastify's HTTP/1.1 server, with the lanes in front. Fastify sets its timeouts only on a
   * server it creates itself, so they are set here from the same options.
   */
  serverFactory(): FastifyServerFactory {
    return (handler, options) => {
      const server = http.createServer((request, response) => {
        if (!this.answer(request, response)) handler(request, response);
      });
      const timeouts = options as { keepAliveTimeout: number; requestTimeout: number; connectionTimeout: number };
      server.keepAliveTimeout = timeouts.keepAliveTimeout;
      server.requestTimeout = timeouts.requestTimeout;
      server.setTimeout(timeouts.connectionTimeout);
      return server;
    };
  }
}
