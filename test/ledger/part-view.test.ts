import { expect, it } from 'vitest';
import { bokfoerInnbetaling, bokfoerKrav, buildPartView, LedgerInputError, registrerPart, type PartView } from '../../src/ledger/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { d, kr, krav, nyNoekkel, nyttAs, nyttEnk } from './fixtures.js';

const year = (y: number) => ({ fraOgMed: d(`${y}-01-01`), tilOgMed: d(`${y}-12-31`) });

describeEachDatabase('buildPartView', ({ handle }) => {
  it('as of a date: before a payment the claim is open, after it the claim is covered', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const claim = await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-15', 1_000]]));
    const payment = await bokfoerInnbetaling(db, {
      idempotencyKey: nyNoekkel(),
      bokfoertDato: d('2024-03-18'),
      innbetalingsdato: d('2024-03-15'),
      partId: as,
      beloepOere: kr(1_000),
      kid: claim.forfall[0]!.kid!,
      betalerNavn: 'Eksempel AS',
      betalerKonto: '12345678903',
    });
    const view = (asOf: string) => buildPartView(db, { partId: as, asOf: d(asOf), aapne: true, kravOpprettet: year(2024), innbetalt: year(2024) });

    const beforeClaim = await view('2024-02-28');
    expect(beforeClaim.aapne!.krav).toEqual([]);
    expect(beforeClaim.kravOpprettet).toEqual([]);

    const open = await view('2024-03-17');
    expect(open.aapne!.krav.map((k) => [k.kravId, k.gjenstaaendeOere])).toEqual([[claim.kravId, kr(1_000)]]);
    expect(open.innbetalinger).toEqual([]);
    expect(open.aapne!.oversikt.total).toEqual({
      sumStipulerteRenterOere: kr(0), // 1 000 kr × 12.50 % × 2/365 = 0.68 kr, truncated
      sumForfalteKravOere: kr(1_000),
      sumIkkeForfalteKravOere: 0,
      sumUplasserteInnbetalingerOere: 0,
      saldoOere: kr(1_000),
      antallKravForfalt: 1,
      antallKravIkkeForfalt: 0,
    });

    const covered = await view('2024-03-18');
    expect(covered.aapne!.krav).toEqual([]);
    const item = covered.kravOpprettet![0]!.forfall[0]!;
    expect(item).toMatchObject({ gjenstaaendeOere: 0, opprinneligOere: kr(1_000), kid: claim.forfall[0]!.kid, forfalt: true });
    expect(item.mottakerkonto).toEqual({
      kontonummer: '76940524802',
      kontoeiersNavn: 'SKATTEETATEN - SKATTEINNKREVING',
      iban: 'NO42 7694 0524 802',
      swiftBic: 'DNBANOKKXXX',
      bankinformasjon: 'DNB Bank ASA',
    });
    expect(item.plassertInnbetaling).toEqual([
      {
        plassertOere: kr(1_000),
        plassertDato: '2024-03-18',
        innbetaling: expect.objectContaining({
          innbetalingId: payment.innbetalingId,
          innbetalingsdato: '2024-03-15',
          beloepOere: kr(1_000),
          kid: claim.forfall[0]!.kid,
          betalerNavn: 'Eksempel AS',
          betalerKonto: '12345678903',
          mottakerkonto: '76940524802',
          innbetalingstype: 'ocr',
          innbetalingstypeTekst: 'Innbetalt OCR',
          valutakode: 'NOK',
        }),
      },
    ]);
    expect(covered.innbetalinger).toEqual([
      expect.objectContaining({
        innbetalingId: payment.innbetalingId,
        uplassertOere: 0,
        plasseringer: [
          {
            plassertOere: kr(1_000),
            plassertDato: '2024-03-18',
            krav: expect.objectContaining({ kravId: claim.kravId, beskrivelse: 'Arbeidsgiveravgift', forfallsdato: '2024-03-15', opprinneligOere: kr(1_000), gjenstaaendeOere: 0 }),
          },
        ],
      }),
    ]);
  });

  it('stipulerteRenter: interest on the overdue remainder up to and including the view date, truncated per claim', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const claim = await bokfoerKrav(db, krav(as, d('2024-01-02'), [['2024-01-10', 100_000], ['2024-07-10', 100_000]], { kravtype: 'restskatt' }));
    const renter = async (asOf: string) => (await buildPartView(db, { partId: as, asOf: d(asOf), aapne: true })).aapne!.krav[0]!.stipulerteRenterOere;
    expect(await renter('2024-01-10')).toBe(0); // due today: not overdue
    expect(await renter('2024-01-11')).toBe(kr(34)); // 100 000 × 12.50 % / 365 = 34.25
    expect(await renter('2024-02-09')).toBe(kr(1_027)); // 30 days: 1 027.40
    // 2024-07-11: the first item 183 days (6 267.12) + the second 1 day (34.25) = 6 301.37 → one truncation.
    expect(await renter('2024-07-11')).toBe(kr(6_301));
    await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-07-11'), partId: as, beloepOere: kr(50_000), kid: claim.forfall[0]!.kid! });
    // Half of the first item paid (its interest for the paid half was posted as a claim of its own):
    // 50 000 × 184 days + 100 000 × 2 days at 12.50 % = 3 150.68 + 68.49 = 3 219.17.
    expect(await renter('2024-07-12')).toBe(kr(3_219));
  });

  it('the view of an ENK includes its owner’s claims and payments; the owner’s view holds only the owner’s', async () => {
    const { db } = handle();
    const { enk, eier } = await nyttEnk(db);
    const aga = await bokfoerKrav(db, krav(enk, d('2024-01-10'), [['2024-01-15', 1_000]]));
    const skatt = await bokfoerKrav(db, krav(eier, d('2024-01-10'), [['2024-03-15', 2_000]], { kravtype: 'utskrevetForskuddsskattPerson', periode: { beskrivelse: 'Inntektsår', aar: 2024 } }));
    // The owner pays 1 500 kr without KID: it covers the ENK's overdue employer tax first (one debtor).
    const payment = await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-01-16'), partId: eier, beloepOere: kr(1_500) });
    expect(payment.plasseringer.map((p) => [p.partId, p.kravId, p.plassertOere])).toEqual([
      [enk, aga.kravId, kr(1_000)],
      [eier, skatt.kravId, kr(500)],
    ]);
    const enkView = await buildPartView(db, { partId: enk, asOf: d('2024-01-16'), aapne: true, innbetalt: year(2024) });
    expect(enkView.eier?.partId).toBe(eier);
    expect(enkView.aapne!.krav.map((k) => [k.partId, k.kravId, k.kravgruppeTekst, k.gjenstaaendeOere])).toEqual([[eier, skatt.kravId, 'Skatt', kr(1_500)]]);
    expect(enkView.innbetalinger!.map((i) => [i.partId, i.innbetalingId])).toEqual([[eier, payment.innbetalingId]]);
    const eierView = await buildPartView(db, { partId: eier, asOf: d('2024-01-16'), kravOpprettet: year(2024) });
    expect(eierView.eier).toBeNull();
    expect(eierView.kravOpprettet!.map((k) => k.kravId)).toEqual([skatt.kravId]);
  });

  it('says skjermet when the party or the included owner is shielded', async () => {
    const { db } = handle();
    const shieldedOwner = await nyttEnk(db, { eier: { skjermet: true } });
    const plain = await nyttEnk(db);
    const shieldedAs = await nyttAs(db, { skjermet: true });
    const skjermet = async (partId: string) => (await buildPartView(db, { partId, asOf: d('2024-01-01') })).skjermet;
    expect(await skjermet(shieldedOwner.enk)).toBe(true);
    expect(await skjermet(shieldedOwner.eier)).toBe(true);
    expect(await skjermet(plain.enk)).toBe(false);
    expect(await skjermet(shieldedAs)).toBe(true);
  });

  it('counts instalments for "(1 av 4)", groups the summary by kravgruppe in order of appearance, due today is not overdue', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-15', 10], ['2024-05-15', 10], ['2024-09-15', 10], ['2024-11-15', 10]], { kravtype: 'utskrevetForskuddsskatt' }));
    await bokfoerKrav(db, krav(as, d('2024-03-02'), [['2024-04-10', 30]], { kravtype: 'åBetaleMva' }));
    const view: PartView = await buildPartView(db, { partId: as, asOf: d('2024-05-15'), aapne: true });
    expect(view.aapne!.krav[0]!.antallForfall).toBe(4);
    expect(view.aapne!.krav[0]!.forfall.map((f) => [f.nummer, f.forfalt])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, false],
    ]);
    expect(view.aapne!.oversikt.perKravgruppe.map((g) => [g.kravgruppeTekst, g.sumForfalteKravOere, g.sumIkkeForfalteKravOere])).toEqual([
      ['Skatt', kr(10), kr(30)],
      ['Merverdiavgift', kr(30), 0],
    ]);
  });

  it('an unknown party is a catalogued error', async () => {
    const { db } = handle();
    await expect(buildPartView(db, { partId: '310000000', asOf: d('2024-01-01') })).rejects.toBeInstanceOf(LedgerInputError);
  });

  it('keeps a party’s registrations and refuses to change an ENK’s owner', async () => {
    const { db } = handle();
    const { enk, eier } = await nyttEnk(db, { utbetalingskonto: '1234 56 78903' });
    const view = await buildPartView(db, { partId: enk, asOf: d('2024-01-01') });
    expect(view.part).toMatchObject({ partType: 'organisasjon', organisasjonsform: 'ENK', eierPartId: eier, mvaTermintype: 'tomaaneders', arbeidsgiver: true, utbetalingskonto: '12345678903' });
    expect(view.eier).toMatchObject({ partType: 'person', forskuddspliktig: true, organisasjonsform: null });
    const other = (await nyttEnk(db)).eier;
    await expect(registrerPart(db, { partId: enk, navn: 'X', organisasjonsform: 'ENK', eierPartId: other, registrertDato: d('2020-01-01') })).rejects.toMatchObject({
      code: 'ugyldigPart',
    });
    await expect(registrerPart(db, { partId: '123456789', navn: 'X', organisasjonsform: 'AS', registrertDato: d('2020-01-01') })).rejects.toMatchObject({ code: 'ugyldigPart' });
    await expect(registrerPart(db, { partId: enk, navn: 'X', organisasjonsform: 'AS', eierPartId: eier, registrertDato: d('2020-01-01') })).rejects.toMatchObject({ code: 'ugyldigPart' });
    await expect(registrerPart(db, { partId: '10915596784', navn: 'Tenor', registrertDato: d('2020-01-01'), utbetalingskonto: '98766543210' })).rejects.toMatchObject({ code: 'ugyldigKonto' });
    await registrerPart(db, { partId: '10915596784', navn: 'Tenor Testperson', registrertDato: d('2020-01-01') });
  });
});
