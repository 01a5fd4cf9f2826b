import { sql, type Kysely } from 'kysely';

/**
 * Deferrals, refunds and payouts by post (decisions 0160–0163):
 * - `utsettelse`: a due item's collection deferred for a period, by a payment deferral
 *   (betalingsutsettelse, sktbf § 15-1) or while a complaint is handled (utsatt iverksetting,
 *   fvl § 42); append-only like every booked fact, with a posting number;
 * - `refusjon`: the payment a refund's claims (motpost tilbakebetaling, krav til utbetaling, and
 *   the credit a returned refund puts back) pay back, booked with them, so a payout and a set-off
 *   show whose money they used;
 * - `part.postadresse` and a payout's way (`utbetalingsmaate`): a party without an account gets
 *   a cheque or a payout card sent to its address; a payout by account keeps its account number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table utsettelse (
      seq bigint primary key,
      kravforfall_id text not null references kravforfall (kravforfall_id),
      grunn text not null check (grunn in ('betalingsutsettelse', 'klage')),
      fra_dato date not null,
      til_dato date not null,
      bokfoert_dato date not null,
      idempotency_key text not null references kommando (idempotency_key) deferrable initially deferred,
      check (fra_dato <= til_dato)
    )`.execute(db);
  await sql`create index utsettelse_kravforfall on utsettelse (kravforfall_id)`.execute(db);

  await sql`
    create table refusjon (
      krav_id text primary key references krav (krav_id),
      innbetaling_id text not null references innbetaling (innbetaling_id)
    )`.execute(db);
  await sql`create index refusjon_innbetaling on refusjon (innbetaling_id)`.execute(db);

  // Master data, so updatable: the address a cheque or a payout card goes to.
  await sql`alter table part add column postadresse jsonb`.execute(db);
  await sql`alter table utbetaling alter column konto drop not null`.execute(db);
  await sql`alter table utbetaling add column utbetalingsmaate text not null default 'konto' check (utbetalingsmaate in ('konto', 'sjekk', 'utbetalingskort'))`.execute(db);
  await sql`alter table utbetaling add column mottaker_adresse jsonb`.execute(db);
  await sql`
    alter table utbetaling add constraint utbetaling_maate check (
      (utbetalingsmaate = 'konto' and konto is not null and mottaker_adresse is null) or
      (utbetalingsmaate <> 'konto' and konto is null and mottaker_adresse is not null)
    )`.execute(db);

  for (const table of ['utsettelse', 'refusjon']) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function avvis_endring_av_bokfoert()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The ledger schema is never rolled back: booked facts are kept.');
}
