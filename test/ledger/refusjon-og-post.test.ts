import { expect, it } from 'vitest';
import { exactForsinkelsesrente, truncateToWholeKronerOere } from '../../src/domain/interest.js';
import { bokfoerInnbetaling, bokfoerKrav, buildPartView, kjoerOppgjoer, kontrollerInvarianter, LedgerInputError, registrerPart, registrerUtbetalingReturnert } from '../../src/ledger/index.js';
import { forsinkelsesrentesatser } from '../../src/ledger/rentesatser.js';
import { utbetalingsordrer } from '../../src/ledger/utbetaling-queries.js';
import { describeEachDatabase } from '../support/databases.js';
import { d, kr, krav, nyNoekkel, nyttAs, nyttEnk } from './fixtures.js';

const konto = '12345678903';
const vat = '76940518888';
const adresse = { adressetekst: ['Storgata 1', 'c/o Hansen'], postnummer: '0155', poststedsnavn: 'OSLO', landkode: 'NO' };
const aar2024 = { fraOgMed: d('2024-01-01'), tilOgMed: d('2024-12-31') };

/**
 * What the daily run does with money it pays back (decisions 0162, 0163): a refund names the
 * payment it pays back, whatever becomes of it; a party without an account gets its payout by post.
 */
describeEachDatabase('refunds with set-off, and payouts by post', ({ handle }) => {
  it('a refund names the payment it pays back; returned, its money is set off against a debt that fell due, and the rest paid again', async () => {
    const { db } = handle();
    const { enk, eier } = await nyttEnk(db, { eier: { utbetalingskonto: konto } });
    // Paid to the VAT account without a KID: nothing in that ledger takes it.
    const payment = await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-04-15'), partId: eier, beloepOere: kr(30_000), mottakerkonto: vat });
    const [refund] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-04-16'), partId: enk, refunderUplassert: true });
    expect(refund!.refusjoner).toEqual([expect.objectContaining({ innbetalingId: payment.innbetalingId, beloepOere: kr(30_000) })]);
    const first = refund!.utbetalinger[0]!;
    const aga = await bokfoerKrav(db, krav(enk, d('2024-04-18'), [['2024-04-20', 10_000]]));
    const returned = await registrerUtbetalingReturnert(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-04-25'), utbetalingId: first.utbetalingId });
    const [run] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-04-26'), partId: enk });
    const interest = truncateToWholeKronerOere(exactForsinkelsesrente(forsinkelsesrentesatser(), { hovedstolOere: kr(10_000), forfallsdato: d('2024-04-20'), sisteRentedag: d('2024-04-26') }));
    expect(run!.motregninger.map((m) => [m.kreditt.kravId, m.debet.kravId, m.beloepOere])).toEqual([
      [returned.kreditKravId, aga.kravId, kr(10_000)],
      [returned.kreditKravId, run!.renteKrav[0]!.kravId, interest],
    ]);
    const rest = kr(20_000) - interest;
    const second = run!.utbetalinger[0]!;
    expect(second).toMatchObject({ partId: eier, beloepOere: rest });

    const view = await buildPartView(db, { partId: eier, asOf: d('2024-04-26'), innbetalt: aar2024, utbetalt: aar2024 });
    const seen = view.innbetalinger![0]!;
    expect(seen.plasseringer.map((p) => [p.krav.kravtypeApi, p.plassertOere])).toEqual([['MOTP_TILB_BET', kr(30_000)]]);
    expect(seen.motregninger.map((m) => [m.krav.kravId, m.plassertOere, m.plassertDato, m.forsinkelsesrenteOere])).toEqual([
      [aga.kravId, kr(10_000), '2024-04-26', interest],
      [run!.renteKrav[0]!.kravId, interest, '2024-04-26', null],
    ]);
    // The returned payout paid nothing back.
    expect(seen.tilbakebetalinger.map((t) => [t.utbetaling.utbetalingId, t.utbetaltOere])).toEqual([[second.utbetalingId, rest]]);
    const tilbake = (utbetalingId: string) => view.utbetalinger!.find((u) => u.utbetalingId === utbetalingId)!.tilbakebetalingAv.map((t) => [t.innbetaling.innbetalingId, t.utbetaltOere]);
    expect(tilbake(first.utbetalingId)).toEqual([[payment.innbetalingId, kr(30_000)]]);
    expect(tilbake(second.utbetalingId)).toEqual([[payment.innbetalingId, rest]]);
    await kontrollerInvarianter(db, eier, d('2024-04-26'));
  });

  it('sends a payout card to a person and a cheque to an organisation that have an address but no account; they stay out of the bank file', async () => {
    const { db } = handle();
    const { enk, eier } = await nyttEnk(db, { postadresse: adresse, eier: { postadresse: adresse } });
    await bokfoerKrav(db, krav(enk, d('2024-05-02'), [['2024-05-02', -2_000]], { kravtype: 'tilgodeMva' }));
    await bokfoerKrav(db, krav(eier, d('2024-05-02'), [['2024-05-02', -3_000]], { kravtype: 'tilbakebetalingRestskatt' }));
    const [run] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-05-03'), partId: enk });
    expect(run!.utbetalinger.map((u) => [u.partId, u.utbetalingsmaate, u.konto, u.beloepOere])).toEqual(
      expect.arrayContaining([
        [enk, 'sjekk', null, kr(2_000)],
        [eier, 'utbetalingskort', null, kr(3_000)],
      ]),
    );
    const view = await buildPartView(db, { partId: enk, asOf: d('2024-05-03'), utbetalt: aar2024 });
    expect(view.utbetalinger!.map((u) => [u.partId, u.utbetalingsmaate, u.mottakerAdresse])).toEqual(
      expect.arrayContaining([
        [enk, 'sjekk', adresse],
        [eier, 'utbetalingskort', adresse],
      ]),
    );
    expect((await utbetalingsordrer(db, d('2024-05-03'))).filter((o) => o.partId === enk || o.partId === eier)).toEqual([]);
    await kontrollerInvarianter(db, enk, d('2024-05-03'));
  });

  it('refuses an address it could not post to', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const register = (postadresse: typeof adresse) => registrerPart(db, { partId: as, navn: 'Eksempel AS', organisasjonsform: 'AS', registrertDato: d('2020-01-01'), postadresse });
    for (const bad of [{ ...adresse, adressetekst: [] }, { ...adresse, landkode: 'Norge' }, { ...adresse, postnummer: ' ' }]) {
      await expect(register(bad)).rejects.toBeInstanceOf(LedgerInputError);
    }
  });

  it('an interest claim on a principal that says how it was assessed says blank; on one that does not, nothing', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const mva = await bokfoerKrav(db, krav(as, d('2024-04-08'), [['2024-04-10', 50_000]], { kravtype: 'åBetaleMva', fastsettingsmaate: 'egenfastsatt', periode: { beskrivelse: 'januar - februar', aar: 2024, termin: '01' } }));
    const aga = await bokfoerKrav(db, krav(as, d('2024-04-08'), [['2024-04-10', 50_000]]));
    await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-05-10'), partId: as, beloepOere: kr(50_000), kid: mva.forfall[0]!.kid! });
    await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-05-10'), partId: as, beloepOere: kr(50_000), kid: aga.forfall[0]!.kid! });
    const view = await buildPartView(db, { partId: as, asOf: d('2024-05-10'), kravOpprettet: aar2024 });
    const renter = view.kravOpprettet!.filter((k) => k.hovedstolKravId !== null).map((k) => [k.hovedstolKravId, k.fastsettingsmaate]);
    expect(renter).toEqual([
      [mva.kravId, 'blank'],
      [aga.kravId, null],
    ]);
  });
});
