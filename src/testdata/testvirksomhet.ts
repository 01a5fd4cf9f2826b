import { sql, type Kysely } from 'kysely';
import { registrerPersonRoller, type PersonRolle } from '../auth/index.js';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import { withPersonIdCheckDigits } from '../domain/foedselsnummer.js';
import { withOrganisasjonsnummerCheckDigit } from '../domain/organisasjonsnummer.js';
import { registrerParter, type MvaTermintype, type PartInput } from '../ledger/index.js';
import { syntheticKontonummer } from './identities.js';
import { firstNames, placeWords, surnames, trades } from './names.js';
import { Prng } from './prng.js';

/**
 * A new synthetic business made on request (the sandbox's `POST /api/testdata/v1/virksomheter`,
 * decision 0176), with persons who can log in to Min side: an ENK and its owner, or an AS with a
 * daglig leder and a styreleder. Its numbers are apart from every seeded one — organisation
 * numbers start with 38 (the seed's with 39), persons are Tenor persons born 2000–2007 with
 * individnummer 500–999 (the seed's and the demo's are born in the 1900s) — and come from a
 * database sequence, so two servers never hand out the same business.
 */
export interface TestvirksomhetInput {
  readonly organisasjonsform: 'ENK' | 'AS';
  readonly navn?: string | undefined;
  readonly mvaTermintype?: MvaTermintype | undefined;
  /** The business date: the business is registered on it. */
  readonly registrertDato: LocalDate;
}

export type Testrolle = 'innehaver' | PersonRolle;

export interface Testvirksomhet {
  readonly organisasjonsnummer: string;
  readonly navn: string;
  readonly personer: readonly { readonly foedselsnummer: string; readonly navn: string; readonly rolle: Testrolle }[];
}

export async function nyTestvirksomhet(db: Kysely<Database>, input: TestvirksomhetInput): Promise<Testvirksomhet> {
  const { index, orgnr, fnr } = await nextNumbers(db);
  const prng = Prng.of('testvirksomhet', index);
  const personNavn = () => `${prng.pick(firstNames)} ${prng.pick(surnames)}`;
  const personer = input.organisasjonsform === 'ENK'
    ? [{ foedselsnummer: fnr[0], navn: personNavn(), rolle: 'innehaver' as const }]
    : [
        { foedselsnummer: fnr[0], navn: personNavn(), rolle: 'daglig_leder' as const },
        { foedselsnummer: fnr[1], navn: personNavn(), rolle: 'styreleder' as const },
      ];
  const trade = prng.pick(trades);
  const navn = input.navn ?? (input.organisasjonsform === 'ENK' ? `${personer[0]!.navn.split(' ')[1]} ${trade}` : `${prng.pick(placeWords)} ${trade} AS`);
  const registrertDato = input.registrertDato;
  const parter: PartInput[] = [
    ...personer.map((p) => ({ partId: p.foedselsnummer, navn: p.navn, utbetalingskonto: syntheticKontonummer(prng), forskuddspliktig: input.organisasjonsform === 'ENK', registrertDato })),
    {
      partId: orgnr,
      navn,
      organisasjonsform: input.organisasjonsform,
      eierPartId: input.organisasjonsform === 'ENK' ? fnr[0] : undefined,
      utbetalingskonto: syntheticKontonummer(prng),
      mvaTermintype: input.mvaTermintype,
      registrertDato,
    },
  ];
  await registrerParter(db, parter);
  await registrerPersonRoller(db, personer.flatMap((p) => (p.rolle === 'innehaver' ? [] : [{ orgnr, fnr: p.foedselsnummer, rolle: p.rolle }])));
  return { organisasjonsnummer: orgnr, navn, personer };
}

/** The next business number whose organisation number and two persons have check digits and are no party yet. */
async function nextNumbers(db: Kysely<Database>): Promise<{ index: number; orgnr: string; fnr: readonly [string, string] }> {
  for (;;) {
    const index = Number((await sql<{ n: string }>`select nextval('testvirksomhet_nr_seq')::text as n`.execute(db)).rows[0]!.n);
    const orgnr = withOrganisasjonsnummerCheckDigit(`38${String((index * orgMultiplier + 271_829) % orgBodySpace).padStart(6, '0')}`);
    const fnr = [person(2 * index), person(2 * index + 1)] as const;
    if (orgnr === undefined || fnr[0] === undefined || fnr[1] === undefined) continue;
    const taken = await db.selectFrom('part').select('part_id').where('part_id', 'in', [orgnr, fnr[0], fnr[1]]).executeTakeFirst();
    if (taken === undefined) return { index, orgnr, fnr: [fnr[0], fnr[1]] };
  }
}

const orgBodySpace = 1_000_000;
const orgMultiplier = 611_953;
/** Tenor persons born 2000–2007: day 1–28, month 1–12 (+80), year 00–07, individnummer 500–999. */
const personSpace = 28 * 12 * 8 * 500;
const personMultiplier = 7_919_879;

function person(n: number): string | undefined {
  let rest = (n * personMultiplier + 97_531) % personSpace;
  const individ = 500 + (rest % 500);
  rest = Math.floor(rest / 500);
  const year = rest % 8;
  rest = Math.floor(rest / 8);
  const month = (rest % 12) + 1;
  const day = Math.floor(rest / 12) + 1;
  const pad = (value: number) => String(value).padStart(2, '0');
  return withPersonIdCheckDigits(`${pad(day)}${pad(month + 80)}${pad(year)}${individ}`);
}
