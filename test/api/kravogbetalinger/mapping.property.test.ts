import fc from 'fast-check';
import { expect, it } from 'vitest';
import { exactOere } from '../../../src/api/kroner.js';
import { AapneKrav, AlleKrav, Innbetalinger, ledgerData, Utbetalinger, type Innbetaling, type Krav, type Utbetaling } from '../../../src/api/kravogbetalinger/index.js';
import { bodyWriter } from '../../../src/api/serialization.js';
import { addDays, compareDates, localDate, type LocalDate } from '../../../src/domain/dates.js';
import { closed, schemaErrors } from '../../support/api-schemas.js';
import { describeEachDatabase } from '../../support/databases.js';
import { eksempelHistorier, runHistory, step, utbetalingsveier } from '../../ledger/random-history.js';

/**
 * For random histories of an ENK and its owner, as of many dates: the published bodies add up.
 * Totals are the sums of the items (spec §7), every due item's remaining amount is its original
 * amount plus its placements' movements (decision 0034), every claim the sum of its items, every
 * payment its placements and unplaced rest, a credit's set-off its items' movements,
 * every payout its credits — in øre, so float noise cannot hide an error.
 */
const oere = (kroner: number): number => {
  const value = exactOere(kroner);
  if (value === undefined) throw new Error(`not an amount in øre: ${kroner}`);
  return value;
};
/** What a client receives: the serializer writes the published shape (empty lists omitted). */
const served = <T,>(schema: Parameters<typeof bodyWriter>[0], body: T): T => JSON.parse(bodyWriter(schema, 'json')(body)) as T;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function checkKrav(krav: Krav): void {
  for (const item of krav.kravforfall) {
    const movements = [...(item.plassertInnbetaling ?? []), ...(item.plassertMotkrav ?? []), ...(item.plassertUtbetaling ?? [])].map((p) => oere(p.plassertBeloep));
    expect(oere(item.gjenstaaendeBeloep)).toBe(oere(item.opprinneligBeloep) + sum(movements));
    // Every movement goes toward zero: against the item's sign.
    for (const movement of movements) expect(Math.sign(movement)).toBe(-Math.sign(oere(item.opprinneligBeloep)));
  }
  expect(oere(krav.opprinneligBeloep)).toBe(sum(krav.kravforfall.map((f) => oere(f.opprinneligBeloep))));
  expect(oere(krav.gjenstaaendeBeloep)).toBe(sum(krav.kravforfall.map((f) => oere(f.gjenstaaendeBeloep))));
  // A credit's set-off (decision 0165): the debts it covered are its items' set-off movements, and it is told only when there was one.
  const setOff = sum(krav.kravforfall.flatMap((f) => f.plassertMotkrav ?? []).map((p) => oere(p.plassertBeloep)));
  const motregning = krav.motregningAvKreditkrav;
  expect(motregning !== undefined).toBe(oere(krav.opprinneligBeloep) < 0 && setOff > 0);
  if (motregning) expect(sum(motregning.dekketkrav.map((d) => oere(d.motregnetBeloep)))).toBe(setOff);
}

function checkInnbetaling(innbetaling: Innbetaling): void {
  const placed = sum((innbetaling.plassertKrav ?? []).map((p) => oere(p.plassertBeloep)));
  expect(oere(innbetaling.innbetaltBeloep)).toBeLessThan(0);
  expect(-oere(innbetaling.innbetaltBeloep)).toBe(placed - oere(innbetaling.uplassertBeloep));
  // What became of its refund (decision 0162): paid back or set off, never more than it placed on its refund claim.
  const paidBack = sum((innbetaling.plassertUtbetaling ?? []).map((u) => oere(u.utbetaltBeloep)));
  const setOff = sum((innbetaling.motregningAvInnbetaling?.dekketKrav ?? []).map((d) => oere(d.motregnetBeloep)));
  expect(paidBack + setOff).toBeLessThanOrEqual(placed);
}

function checkUtbetaling(utbetaling: Utbetaling): void {
  const paid = oere(utbetaling.utbetaltBeloep);
  expect(sum(utbetaling.grunnlagForUtbetaling.kreditKrav.map((k) => oere(k.utbetaltBeloep)))).toBe(paid);
  expect(sum((utbetaling.grunnlagForUtbetaling.tilbakebetalingAv ?? []).map((t) => oere(t.utbetaltBeloep)))).toBeLessThanOrEqual(paid);
  // By account, or by post to a name and address: exactly one of the three.
  const { konto, sjekkSendtTil, utbetalingskortSendtTil } = utbetaling.betaltTil;
  expect([konto, sjekkSendtTil, utbetalingskortSendtTil].filter((v) => v !== undefined)).toHaveLength(1);
}

function checkAapneKrav(body: AapneKrav, asOf: LocalDate): void {
  const claims = body.aapentKravMedGjenstaaendeBeloep ?? [];
  claims.forEach(checkKrav);
  (body.innbetalingMedUplassertBeloep ?? []).forEach(checkInnbetaling);
  const items = claims.flatMap((k) => k.kravforfall.map((f) => ({ gruppe: k.kravgruppe, forfalt: compareDates(localDate(f.forfallsdato), asOf) < 0, rest: oere(f.gjenstaaendeBeloep) })));
  for (const group of body.oversiktPerKravgruppe ?? []) {
    const inGroup = items.filter((i) => i.gruppe === group.kravgruppe);
    expect(oere(group.sumForfalteKrav)).toBe(sum(inGroup.filter((i) => i.forfalt).map((i) => i.rest)));
    expect(oere(group.sumIkkeForfalteKrav)).toBe(sum(inGroup.filter((i) => !i.forfalt).map((i) => i.rest)));
    expect(oere(group.sumStipulerteRenter)).toBe(sum(claims.filter((k) => k.kravgruppe === group.kravgruppe).map((k) => oere(k.stipulerteRenter ?? 0))));
    expect(oere(group.saldo)).toBe(oere(group.sumStipulerteRenter) + oere(group.sumForfalteKrav) + oere(group.sumIkkeForfalteKrav));
  }
  const total = body.totalOversikt;
  expect(oere(total.sumForfalteKrav) + oere(total.sumIkkeForfalteKrav)).toBe(sum(items.map((i) => i.rest)));
  expect(oere(total.sumStipulerteRenter)).toBe(sum(claims.map((k) => oere(k.stipulerteRenter ?? 0))));
  expect(oere(total.sumUplasserteInnbetalinger)).toBe(sum((body.innbetalingMedUplassertBeloep ?? []).map((i) => oere(i.uplassertBeloep))));
  expect(oere(total.saldo)).toBe(oere(total.sumStipulerteRenter) + oere(total.sumForfalteKrav) + oere(total.sumIkkeForfalteKrav) + oere(total.sumUplasserteInnbetalinger));
}

describeEachDatabase('the published bodies add up (property)', ({ handle }) => {
  it('for random histories, parties and dates', async () => {
    const { db } = handle();
    const data = ledgerData(db);
    const periode = { fraOgMed: localDate('2022-06-01'), tilOgMed: localDate('2023-05-31') };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), utbetalingsveier, async (steps, accounts) => {
        const { enk, eier, dates } = await runHistory(db, steps, accounts);
        for (const asOf of new Set<LocalDate>([...dates, addDays(dates.at(-1)!, 45)])) {
          for (const partIdentifikator of [enk, eier]) {
            const query = { rettighetspakke: 'regnskapssystem' as const, partIdentifikator, asOf };
            const open = await data.aapneKrav(query);
            if (open.kind !== 'found') throw new Error('the party is in the ledger');
            const body = served(AapneKrav, open.body);
            expect(schemaErrors(closed(AapneKrav), body)).toBe('');
            checkAapneKrav(body, asOf);
            const claims = await data.alleKrav({ ...query, periode });
            const payments = await data.innbetalinger({ ...query, periode });
            const payouts = await data.utbetalinger({ ...query, periode });
            if (claims.kind !== 'found' || payments.kind !== 'found') throw new Error('the party is in the ledger');
            if (payouts.kind === 'found') {
              const payoutsBody = served(Utbetalinger, payouts.body);
              expect(schemaErrors(closed(Utbetalinger), payoutsBody)).toBe('');
              (payoutsBody.utbetaling ?? []).forEach(checkUtbetaling);
            }
            const claimsBody = served(AlleKrav, claims.body);
            const paymentsBody = served(Innbetalinger, payments.body);
            expect(schemaErrors(closed(AlleKrav), claimsBody)).toBe('');
            expect(schemaErrors(closed(Innbetalinger), paymentsBody)).toBe('');
            (claimsBody.krav ?? []).forEach(checkKrav);
            (paymentsBody.innbetaling ?? []).forEach(checkInnbetaling);
          }
        }
      }),
      { numRuns: 8, examples: eksempelHistorier },
    );
  });
});
