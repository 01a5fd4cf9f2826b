import pg from 'pg';

/** Admin connection used by the tests to create one throw-away database per suite. */
export const postgresAdminUrl = process.env.KOB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** One migrated template per test run (runs from several checkouts may share the server). */
export function postgresTemplateDatabase(): string {
  const name = process.env.KOB_TEST_TEMPLATE;
  if (!name) throw new Error('KOB_TEST_TEMPLATE is set by test/support/global-setup.ts');
  return name;
}

export function postgresUrlFor(database: string): string {
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function isPostgresReachable(): Promise<boolean> {
  try {
    await withAdminClient((client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
}
