import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('migrations', ({ handle }) => {
  it('are at the newest version and idempotent', async () => {
    const { db } = handle();
    const again = await migrateToLatest(db);
    expect(again.results).toEqual([]);
  });

  it('refuse to update or delete a booked fact', async () => {
    const { db } = handle();
    await sql`insert into part (part_id, part_type, navn, registrert_dato) values ('313367002', 'organisasjon', 'Test', '2024-01-01')`.execute(db);
    await sql`insert into kommando (idempotency_key, kommando_type, forespoersel_hash, resultat, bokfoert_dato) values ('k1', 'test', 'h', '{}', '2024-01-01')`.execute(db);
    await expect(sql`update kommando set kommando_type = 'x'`.execute(db)).rejects.toThrow(/kan ikke endres/);
    await expect(sql`delete from kommando`.execute(db)).rejects.toThrow(/kan ikke endres/);
  });

  it('reads bigint as number and date as text', async () => {
    const { db } = handle();
    const row = await sql<{ n: number; d: string }>`select 9007199254740991::bigint as n, date '2024-02-29' as d`.execute(db);
    expect(row.rows[0]).toEqual({ n: 9007199254740991, d: '2024-02-29' });
  });
});
