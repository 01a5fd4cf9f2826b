import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Bulk loading with COPY, on one connection in one transaction: `pg-copy-streams` on PostgreSQL,
 * COPY from a blob on PGlite (its fastest path). Rows go as COPY's text format, built by `copyLine`.
 */
export interface BulkTransaction {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** `lines`: one `copyLine` per row, each ending in a newline. */
  copyIn(table: string, columns: readonly string[], lines: string): Promise<void>;
}

export type BulkCopy = <T>(work: (tx: BulkTransaction) => Promise<T>) => Promise<T>;

export function postgresBulkCopy(pool: pg.Pool): BulkCopy {
  return async (work) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const result = await work({
        query: async (text, params) => (await client.query(text, params as unknown[])).rows,
        copyIn: async (table, columns, lines) => {
          if (lines.length === 0) return;
          const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
          await new Promise<void>((resolve, reject) => {
            stream.on('finish', resolve);
            stream.on('error', reject);
            stream.end(lines);
          });
        },
      });
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
}

export function pgliteBulkCopy(pglite: PGlite): BulkCopy {
  return (work) =>
    pglite.transaction((tx) =>
      work({
        query: async (text, params) => (await tx.query(text, params)).rows as never[],
        copyIn: async (table, columns, lines) => {
          if (lines.length === 0) return;
          await tx.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob([lines]) });
        },
      }),
    );
}

/** One row in COPY's text format: tab-separated, `\N` for null, backslash escapes. */
export function copyLine(values: readonly unknown[]): string {
  let line = copyValue(values[0]);
  for (let i = 1; i < values.length; i++) line += `\t${copyValue(values[i])}`;
  return `${line}\n`;
}

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
