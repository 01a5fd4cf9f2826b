import { sql, type Kysely } from 'kysely';

/**
 * Bank files in and out (decisions 0170–0176):
 * - a payout is `underUtbetaling` from the daily run until the bank's camt.054 confirms it
 *   (`bekreftet`) or sends it back (`returnert`); payouts booked before keep the status they got;
 * - an unidentified payment (`uidentifisert_innbetaling`): money a bank file brought that names
 *   no claim and no known party, kept apart until it is assigned to a party, which books it as
 *   that party's payment (`innbetaling.uidentifisert_id`, at most once); append-only like every
 *   booked fact;
 * - `bankfil`: each payment file taken, by the identity the bank gave it, with a digest of what
 *   it says and the report it got, so the same file delivered again answers with that report and
 *   books nothing, and another file under the same identity is refused;
 * - `testvirksomhet_nr_seq` numbers the businesses the sandbox's test-support API makes;
 * - the demo's vendor and bank clients get the sandbox's test-support scope `kob:testdata`
 *   (new demos get it when seeded).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table utbetaling_status drop constraint utbetaling_status_status_check`.execute(db);
  await sql`alter table utbetaling_status add constraint utbetaling_status_status_check check (status in ('underUtbetaling', 'bekreftet', 'returnert'))`.execute(db);
  // The day's payment order (pain.001) reads the payouts of one date.
  await sql`create index utbetaling_dato on utbetaling (utbetaltdato)`.execute(db);

  await sql`create sequence uidentifisert_nr_seq start with 86000001`.execute(db);
  await sql`
    create table uidentifisert_innbetaling (
      uidentifisert_id text primary key,
      innbetalingsdato date not null,
      beloep_oere bigint not null check (beloep_oere > 0),
      kid text,
      melding text,
      betaler_navn text,
      betaler_konto text,
      mottakerkonto text not null references mottakerkonto (kontonummer),
      innbetalingstype text not null check (innbetalingstype in ('bankoverfoering', 'ocr')),
      bokfoert_dato date not null,
      idempotency_key text not null unique references kommando (idempotency_key) deferrable initially deferred
    )`.execute(db);
  await sql`alter table innbetaling add column uidentifisert_id text references uidentifisert_innbetaling (uidentifisert_id)`.execute(db);
  await sql`create unique index innbetaling_uidentifisert on innbetaling (uidentifisert_id) where uidentifisert_id is not null`.execute(db);
  await sql`
    create trigger uidentifisert_innbetaling_append_only before update or delete on uidentifisert_innbetaling
    for each row execute function avvis_endring_av_bokfoert()`.execute(db);

  await sql`
    create table bankfil (
      identitet text primary key,
      format text not null,
      innhold_sha256 text not null check (innhold_sha256 ~ '^[0-9a-f]{64}$'),
      bokfoert_dato date not null,
      rapport jsonb not null,
      registrert_tid timestamptz not null default now()
    )`.execute(db);
  await sql`
    create trigger bankfil_append_only before update or delete on bankfil
    for each row execute function avvis_endring_av_bokfoert()`.execute(db);

  // Businesses the test-support API makes are numbered apart from the seeded ones (src/testdata/testvirksomhet.ts).
  await sql`create sequence testvirksomhet_nr_seq`.execute(db);

  await sql`
    update auth_client set scopes = scopes || '["kob:testdata"]'::jsonb
    where org in ('315600014', '315600022') and not scopes @> '["kob:testdata"]'::jsonb`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The ledger schema is never rolled back: booked facts are kept.');
}
