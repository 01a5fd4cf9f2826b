import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest, schemaMigrator } from '../../src/db/migrate.js';
import { openDatabase, pgliteParsers } from '../../src/db/open-database.js';
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
    // 0012's facts too: a deferral and a refund link (decisions 0160, 0162).
    await sql`insert into krav (krav_id, seq, part_id, kravtype, kravgruppe, beskrivelse, periode_beskrivelse, opprettet_dato, bokfoert_dato, idempotency_key)
      values ('250000001', 1, '313367002', 'motpostTilbakebetaling', 'andreKrav', 'Motpost', 'Utbetaling', '2024-01-01', '2024-01-01', 'k1')`.execute(db);
    await sql`insert into kravforfall (kravforfall_id, krav_id, nummer, forfallsdato, beloep_oere) values ('360000001', '250000001', 1, '2024-01-01', 100)`.execute(db);
    await sql`insert into innbetaling (innbetaling_id, seq, part_id, innbetalingsdato, beloep_oere, mottakerkonto, innbetalingstype, valutakode, bokfoert_dato, idempotency_key)
      values ('84000001', 2, '313367002', '2024-01-01', 100, '76940524802', 'bankoverfoering', 'NOK', '2024-01-01', 'k1')`.execute(db);
    await sql`insert into utsettelse (seq, kravforfall_id, grunn, fra_dato, til_dato, bokfoert_dato, idempotency_key) values (3, '360000001', 'klage', '2024-01-01', '2024-02-01', '2024-01-01', 'k1')`.execute(db);
    await sql`insert into refusjon (krav_id, innbetaling_id) values ('250000001', '84000001')`.execute(db);
    await expect(sql`update utsettelse set til_dato = '2024-03-01'`.execute(db)).rejects.toThrow(/kan ikke endres/);
    await expect(sql`delete from refusjon`.execute(db)).rejects.toThrow(/kan ikke endres/);
  });

  it('reads bigint as number and date as text', async () => {
    const { db } = handle();
    const row = await sql<{ n: number; d: string }>`select 9007199254740991::bigint as n, date '2024-02-29' as d`.execute(db);
    expect(row.rows[0]).toEqual({ n: 9007199254740991, d: '2024-02-29' });
  });
});

it('0006 keeps one open system-user request per key, closing later duplicates an older database holds', async () => {
  const handle = await openDatabase({ kind: 'pglite-instance', pglite: await PGlite.create({ parsers: pgliteParsers }) });
  try {
    const { db } = handle;
    expect((await schemaMigrator(db).migrateTo('0005-minside-tilganger')).error).toBeUndefined();
    await sql`insert into altinn_system (system_id, internal_id, vendor_orgnr, name, description, rights, access_packages, allowed_redirect_urls, is_visible, created_at, updated_at)
      values ('315600057_x', gen_random_uuid(), '315600057', '{}', '{}', '[]', '[]', '[]', false, now(), now())`.execute(db);
    for (const [id, minute] of [['00000000-0000-4000-8000-000000000002', 2], ['00000000-0000-4000-8000-000000000001', 1], ['00000000-0000-4000-8000-000000000003', 3]] as const) {
      await sql`insert into altinn_request (id, user_type, system_id, party_orgnr, external_ref, rights, access_packages, status, created_at, timeout_at)
        values (${id}, 'standard', '315600057_x', '313367002', '313367002', '[]', '[]', 'New', ${new Date(Date.UTC(2026, 0, 1, 0, minute))}, ${new Date(Date.UTC(2026, 0, 20))})`.execute(db);
    }
    await migrateToLatest(db);
    const rows = await sql<{ id: string; status: string }>`select id, status from altinn_request order by id`.execute(db);
    expect(rows.rows).toEqual([
      { id: '00000000-0000-4000-8000-000000000001', status: 'New' },
      { id: '00000000-0000-4000-8000-000000000002', status: 'Timedout' },
      { id: '00000000-0000-4000-8000-000000000003', status: 'Timedout' },
    ]);
    await expect(
      sql`insert into altinn_request (id, user_type, system_id, party_orgnr, external_ref, rights, access_packages, status, created_at, timeout_at)
        values (gen_random_uuid(), 'standard', '315600057_x', '313367002', '313367002', '[]', '[]', 'New', now(), now())`.execute(db),
    ).rejects.toThrow(/altinn_request_open/);
  } finally {
    await handle.close();
  }
});

it('0009 reads the access of the API\'s older subscriptions from who made them; Min side\'s stay without one', async () => {
  const handle = await openDatabase({ kind: 'pglite-instance', pglite: await PGlite.create({ parsers: pgliteParsers }) });
  try {
    const { db } = handle;
    expect((await schemaMigrator(db).migrateTo('0008-endringer')).error).toBeUndefined();
    await sql`insert into part (part_id, part_type, navn, registrert_dato) values ('313367002', 'organisasjon', 'Test', '2024-01-01')`.execute(db);
    const made = [
      ['00000000-0000-4000-8000-000000000001', 'API: 315600014 med systembruker 4b7a4dd2-5632-4a53-acc3-ca3698fa85ec'],
      ['00000000-0000-4000-8000-000000000002', 'API: 315600022 med samtykke 0c1e2d3f-4a5b-4c6d-8e7f-8091a2b3c4d5'],
      ['00000000-0000-4000-8000-000000000003', 'Min side: Kari Nordmann'],
    ] as const;
    for (const [id, opprettetAv] of made) {
      await sql`insert into kalender_abonnement (abonnement_id, token_hash, part_id, opprettet_ms, opprettet_av)
        values (${id}, ${id.replace(/-/g, '').padEnd(64, '0')}, '313367002', 0, ${opprettetAv})`.execute(db);
    }
    await migrateToLatest(db);
    const rows = await sql<{ abonnement_id: string; tilgang: string | null; tilgang_id: string | null }>`
      select abonnement_id, tilgang, tilgang_id from kalender_abonnement order by abonnement_id`.execute(db);
    expect(rows.rows.map((row) => [row.tilgang, row.tilgang_id])).toEqual([
      ['systembruker', '4b7a4dd2-5632-4a53-acc3-ca3698fa85ec'],
      ['samtykke', '0c1e2d3f-4a5b-4c6d-8e7f-8091a2b3c4d5'],
      [null, null],
    ]);
    await expect(sql`update kalender_abonnement set tilgang = 'person' where tilgang is null`.execute(db)).rejects.toThrow(/kalender_abonnement_tilgang_med_id/);
  } finally {
    await handle.close();
  }
});
