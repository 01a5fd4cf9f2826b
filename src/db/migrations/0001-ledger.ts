import { sql, type Kysely } from 'kysely';

/**
 * The reskontro. Facts reference their command's idempotency key with a deferred foreign key,
 * so a command books its facts first and stores its result (the kommando row) last, in the same
 * transaction. Booked facts (krav, kravforfall, innbetaling, plassering, utbetaling,
 * utbetaling_status, levering) are append-only; the triggers at the end refuse UPDATE and
 * DELETE on them, so not even a hand-written statement can rewrite history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mottakerkonto (
      kontonummer text primary key check (kontonummer ~ '^[0-9]{11}$'),
      kontoeiers_navn text not null,
      iban text not null,
      swift_bic text not null,
      bankinformasjon text,
      kid_algoritme text not null check (kid_algoritme in ('MOD10', 'MOD11'))
    )`.execute(db);

  await sql`
    insert into mottakerkonto (kontonummer, kontoeiers_navn, iban, swift_bic, bankinformasjon, kid_algoritme) values
      ('76940524802', 'SKATTEETATEN - SKATTEINNKREVING', 'NO42 7694 0524 802', 'DNBANOKKXXX', 'DNB Bank ASA', 'MOD11'),
      ('76940518888', 'Skatteetaten', 'NO5876940518888', 'DNBANOKK', 'DNB Bank ASA', 'MOD11'),
      ('76940523121', 'SKATTEETATEN - SKATTEINNKREVING', 'NO33 7694 0523 121', 'DNBANOKKXXX', 'DNB Bank ASA', 'MOD11')
  `.execute(db);

  await sql`
    create table part (
      part_id text primary key check (part_id ~ '^([0-9]{9}|[0-9]{11})$'),
      part_type text not null check (part_type in ('organisasjon', 'person')),
      navn text not null,
      organisasjonsform text,
      eier_part_id text references part (part_id),
      skjermet boolean not null default false,
      utbetalingskonto text check (utbetalingskonto ~ '^[0-9]{11}$'),
      mva_termintype text check (mva_termintype in ('tomaaneders', 'aarlig', 'primaernaering')),
      arbeidsgiver boolean not null default false,
      forskuddspliktig boolean not null default false,
      registrert_dato date not null
    )`.execute(db);
  await sql`create index part_eier on part (eier_part_id) where eier_part_id is not null`.execute(db);

  await sql`create sequence postering_seq`.execute(db);
  await sql`create sequence krav_nr_seq start with 250000001`.execute(db);
  await sql`create sequence kravforfall_nr_seq start with 360000001`.execute(db);
  await sql`create sequence innbetaling_nr_seq start with 84000001`.execute(db);
  await sql`create sequence utbetaling_nr_seq start with 74000001`.execute(db);

  await sql`
    create table kommando (
      idempotency_key text primary key,
      kommando_type text not null,
      forespoersel_hash text not null,
      resultat jsonb not null,
      bokfoert_dato date not null,
      registrert_tid timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table krav (
      krav_id text primary key,
      seq bigint not null unique,
      part_id text not null references part (part_id),
      kravtype text not null,
      kravgruppe text not null,
      beskrivelse text not null,
      periode_beskrivelse text not null,
      periode_aar integer,
      periode_fra date,
      periode_til date,
      termin text,
      opprettet_dato date not null,
      fastsettingsmaate text,
      hovedstol_krav_id text references krav (krav_id) check (hovedstol_krav_id <> krav_id),
      bokfoert_dato date not null,
      idempotency_key text not null references kommando (idempotency_key) deferrable initially deferred
    )`.execute(db);
  // The views read a party's claims as of a date, or those created in a period (API /krav).
  await sql`create index krav_part on krav (part_id, bokfoert_dato)`.execute(db);
  await sql`create index krav_part_opprettet on krav (part_id, opprettet_dato)`.execute(db);

  await sql`
    create table kravforfall (
      kravforfall_id text primary key,
      krav_id text not null references krav (krav_id),
      nummer integer not null check (nummer >= 1),
      forfallsdato date not null,
      beloep_oere bigint not null check (beloep_oere <> 0),
      kid text,
      mottakerkonto text references mottakerkonto (kontonummer),
      unique (krav_id, nummer)
    )`.execute(db);
  await sql`create index kravforfall_kid on kravforfall (kid) where kid is not null`.execute(db);

  await sql`
    create table innbetaling (
      innbetaling_id text primary key,
      seq bigint not null unique,
      part_id text not null references part (part_id),
      innbetalingsdato date not null,
      beloep_oere bigint not null check (beloep_oere > 0),
      kid text,
      melding text,
      betaler_navn text,
      betaler_konto text,
      mottakerkonto text not null references mottakerkonto (kontonummer),
      innbetalingstype text not null check (innbetalingstype in ('bankoverfoering', 'ocr')),
      valutakode text not null,
      bokfoert_dato date not null,
      idempotency_key text not null references kommando (idempotency_key) deferrable initially deferred
    )`.execute(db);
  await sql`create index innbetaling_part on innbetaling (part_id, innbetalingsdato)`.execute(db);

  await sql`
    create table utbetaling (
      utbetaling_id text primary key,
      seq bigint not null unique,
      part_id text not null references part (part_id),
      utbetaltdato date not null,
      beloep_oere bigint not null check (beloep_oere > 0),
      konto text not null,
      kontoeiers_navn text,
      melding text,
      valutakode text not null,
      bokfoert_dato date not null,
      idempotency_key text not null references kommando (idempotency_key) deferrable initially deferred
    )`.execute(db);
  await sql`create index utbetaling_part on utbetaling (part_id, utbetaltdato)`.execute(db);

  await sql`
    create table utbetaling_status (
      seq bigint primary key,
      utbetaling_id text not null references utbetaling (utbetaling_id),
      status text not null check (status in ('bekreftet', 'returnert')),
      dato date not null,
      idempotency_key text not null references kommando (idempotency_key) deferrable initially deferred
    )`.execute(db);
  await sql`create index utbetaling_status_utbetaling on utbetaling_status (utbetaling_id, seq)`.execute(db);

  await sql`
    create table plassering (
      seq bigint primary key,
      kilde text not null check (kilde in ('innbetaling', 'motregning', 'utbetaling')),
      innbetaling_id text references innbetaling (innbetaling_id),
      motkrav_forfall_id text references kravforfall (kravforfall_id),
      utbetaling_id text references utbetaling (utbetaling_id),
      kravforfall_id text not null references kravforfall (kravforfall_id),
      beloep_oere bigint not null check (beloep_oere > 0),
      plassert_dato date not null,
      bokfoert_dato date not null,
      idempotency_key text not null references kommando (idempotency_key) deferrable initially deferred,
      check (
        (kilde = 'innbetaling' and innbetaling_id is not null and motkrav_forfall_id is null and utbetaling_id is null) or
        (kilde = 'motregning' and innbetaling_id is null and motkrav_forfall_id is not null and utbetaling_id is null) or
        (kilde = 'utbetaling' and innbetaling_id is null and motkrav_forfall_id is null and utbetaling_id is not null)
      )
    )`.execute(db);
  await sql`create index plassering_kravforfall on plassering (kravforfall_id)`.execute(db);
  await sql`create index plassering_innbetaling on plassering (innbetaling_id) where innbetaling_id is not null`.execute(db);
  await sql`create index plassering_motkrav on plassering (motkrav_forfall_id) where motkrav_forfall_id is not null`.execute(db);
  await sql`create index plassering_utbetaling on plassering (utbetaling_id) where utbetaling_id is not null`.execute(db);

  await sql`
    create table levering (
      seq bigint primary key,
      part_id text not null references part (part_id),
      leveringstype text not null check (leveringstype in ('mva-melding', 'a-melding', 'skattemelding')),
      periode_aar integer not null,
      termin text,
      levert_dato date not null,
      bokfoert_dato date not null,
      idempotency_key text not null references kommando (idempotency_key) deferrable initially deferred
    )`.execute(db);
  await sql`create index levering_part on levering (part_id, periode_aar)`.execute(db);

  await sql`
    create table part_siste_seq (
      part_id text primary key references part (part_id),
      siste_seq bigint not null,
      siste_bokfoert_dato date not null
    )`.execute(db);

  await sql`
    create function avvis_endring_av_bokfoert() returns trigger language plpgsql as $$
    begin
      raise exception 'bokført faktum i % kan ikke endres eller slettes; bokfør en korreksjon', tg_table_name;
    end $$`.execute(db);
  for (const table of ['kommando', 'krav', 'kravforfall', 'innbetaling', 'plassering', 'utbetaling', 'utbetaling_status', 'levering']) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function avvis_endring_av_bokfoert()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The ledger schema is never rolled back: booked facts are kept.');
}
