import { Writable } from 'node:stream';

/** One line of the server's log, as pino writes it (level 30 info, 40 warn, 50 error). */
export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

/** The server's log kept in memory: pass `logger` to `buildApp`, then read `lines`. */
export function logCapture(): { readonly logger: { level: string; stream: Writable }; readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: { level: 'info', stream }, lines };
}
