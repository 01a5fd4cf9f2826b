import { sql, type Kysely } from 'kysely';

/**
 * A login started from a page that needs one (an approval page at a `confirmUrl` or `viewUri`,
 * decision 0156) carries the address to return to: `portal_innlogging.tilbake_sti`, a path on
 * this host (one `/`, never `//` or `/\`, which browsers read as another host).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table portal_innlogging add column tilbake_sti text check (length(tilbake_sti) <= 2000 and tilbake_sti ~ '^/[^/\\\\]')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table portal_innlogging drop column if exists tilbake_sti`.execute(db);
}
