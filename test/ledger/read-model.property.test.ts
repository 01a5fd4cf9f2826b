import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { ledgerData } from '../../src/api/kravogbetalinger/index.js';
import { endpoints } from '../../src/api/kravogbetalinger/endpoints.js';
import type { Rettighetspakke } from '../../src/api/kravogbetalinger/parameters.js';
import { bodyWriter, type MediaFormat } from '../../src/api/serialization.js';
import type { Database } from '../../src/db/database.js';
import { addDays, addYears, dateParts, type LocalDate } from '../../src/domain/dates.js';
import { buildPartView } from '../../src/ledger/index.js';
import { lesemodellGjelder, lesGruppe } from '../../src/ledger/read-model.js';
import { kontoutskrift } from '../../src/portal/kontoutskrift/kontoutskrift.js';
import { aarsperiode, tilOgMedAar } from '../../src/portal/reskontro/aar.js';
import { personvernFor } from '../../src/portal/reskontro/personvern.js';
import { betalteKrav, innbetalinger, kravOversikt, ubetalteKrav, utbetalinger, type SideKontekst } from '../../src/portal/reskontro/sider.js';
import { describeEachDatabase } from '../support/databases.js';
import { eksempelHistorier, runHistory, step, utbetalingsveier } from './random-history.js';

/**
 * The read model answers exactly as the facts do. After every step of a random history, as of
 * several dates from the group's newest business date on, every API body (four endpoints, both
 * rights packages, JSON and XML) and every piece of Min side's data (its pages and the
 * kontoutskrift) is built twice: from the read model, and — in a transaction that hides the read
 * model's rows and is rolled back — from the facts alone. The two must be the same bytes.
 */
class Rollback extends Error {}

/** Everything the system answers for a party as of a date, as text. */
async function answers(db: Kysely<Database>, partId: string, asOf: LocalDate): Promise<string[]> {
  const out: string[] = [];
  const data = ledgerData(db);
  const periode = { fraOgMed: addDays(addYears(asOf, -1), 1), tilOgMed: asOf };
  for (const endpoint of endpoints) {
    for (const rettighetspakke of ['finans', 'regnskapssystem'] as Rettighetspakke[]) {
      const lookup = await endpoint.read(data, { rettighetspakke, partIdentifikator: partId, asOf }, endpoint.period ? periode : undefined);
      if (lookup.kind !== 'found') {
        out.push(`${endpoint.path} ${lookup.kind}`);
        continue;
      }
      for (const format of ['json', 'xml'] as MediaFormat[]) out.push(`${endpoint.path} ${rettighetspakke} ${format}: ${bodyWriter(endpoint.schema, format)(lookup.body)}`);
    }
  }
  const representasjon = { orgnr: partId, navn: 'Test', organisasjonsform: null, grunnlag: ['daglig_leder' as const] };
  const kontekst: SideKontekst = { db, idag: asOf, representasjon };
  const aar = dateParts(asOf).year;
  out.push(JSON.stringify(await kravOversikt(kontekst)), JSON.stringify(await ubetalteKrav(kontekst)));
  for (const year of [aar - 1, aar]) {
    out.push(JSON.stringify(await betalteKrav(kontekst, year)), JSON.stringify(await innbetalinger(kontekst, year)), JSON.stringify(await utbetalinger(kontekst, year)));
    const view = await buildPartView(db, { partId, asOf, kravOpprettet: tilOgMedAar(year), innbetalt: aarsperiode(year), utbetalt: aarsperiode(year) });
    out.push(JSON.stringify(kontoutskrift({ view, aar: year, personvern: personvernFor(view, representasjon), lagetAv: 'Test' })));
  }
  return out;
}

/** The same answers with the read model's rows of the parties hidden: the views then read the facts. */
async function fromFacts(db: Kysely<Database>, partIds: readonly string[], partId: string, asOf: LocalDate): Promise<string[]> {
  let result: string[] = [];
  await db
    .transaction()
    .execute(async (trx) => {
      await trx.deleteFrom('part_lesemodell').where('part_id', 'in', partIds).execute();
      result = await answers(trx, partId, asOf);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result;
}

describeEachDatabase('the read model answers as the facts do (property)', ({ handle }) => {
  it('gives byte-identical API bodies (JSON and XML, both rights packages) and Min side data after every step, as of later dates', async () => {
    const { db } = handle();
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 8 }),
        utbetalingsveier,
        fc.integer({ min: 1, max: 400 }),
        async (steps, accounts, laterDays) => {
          await runHistory(db, steps, accounts, async ({ enk, eier, date }) => {
            for (const asOf of [date, addDays(date, laterDays)]) {
              for (const partId of [enk, eier]) {
                expect(lesemodellGjelder(await lesGruppe(db, partId), asOf)).toBe(true);
                const readModel = await answers(db, partId, asOf);
                expect(readModel).toEqual(await fromFacts(db, [enk, eier], partId, asOf));
                compared += 1;
              }
            }
          });
        },
      ),
      { numRuns: 4, examples: eksempelHistorier.map(([steps, accounts]) => [steps, accounts, 30]) },
    );
    expect(compared).toBeGreaterThan(10);
    // Each comparison builds every body and page twice: several minutes on a busy machine.
  }, 600_000);
});
