import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { localDate, type LocalDate } from '../../src/domain/dates.js';
import { withPersonIdCheckDigits } from '../../src/domain/foedselsnummer.js';
import { toOere } from '../../src/domain/money.js';
import { withOrganisasjonsnummerCheckDigit } from '../../src/domain/organisasjonsnummer.js';
import type { KravInput } from '../../src/ledger/krav-commands.js';
import { registrerParter, type PartInput } from '../../src/ledger/part-commands.js';

let orgCounter = 0;
let personCounter = 0;
let keyCounter = 0;

/** A fresh valid synthetic organisation number (starts with 3, like Skatteetaten's test data). */
export function nyttOrgnr(): string {
  for (;;) {
    const orgnr = withOrganisasjonsnummerCheckDigit(String(31_000_000 + process.pid * 1000 + orgCounter++).slice(-8).replace(/^./, '3'));
    if (orgnr) return orgnr;
  }
}

/** A fresh valid Tenor synthetic fødselsnummer (month + 80). */
export function nyttFnr(): string {
  for (;;) {
    const n = personCounter++;
    const day = String((n % 28) + 1).padStart(2, '0');
    const individ = String((Math.floor(n / 28) + process.pid) % 500).padStart(3, '0');
    const fnr = withPersonIdCheckDigits(`${day}8575${individ}`);
    if (fnr) return fnr;
  }
}

export function nyNoekkel(prefix = 'test'): string {
  return `${prefix}-${process.pid}-${keyCounter++}`;
}

export const d = localDate;
export const kr = (kroner: number) => toOere(Math.round(kroner * 100));

/** An ENK with its owner (a person), both registered. */
export async function nyttEnk(db: Kysely<Database>, options: Partial<PartInput> & { eier?: Partial<PartInput> } = {}) {
  const eier = nyttFnr();
  const enk = nyttOrgnr();
  await registrerParter(db, [
    { partId: eier, navn: 'Kari Nordmann', registrertDato: d('2020-01-01'), forskuddspliktig: true, ...options.eier },
    {
      partId: enk,
      navn: 'Nordmann Rørlegger',
      organisasjonsform: 'ENK',
      eierPartId: eier,
      registrertDato: d('2020-01-01'),
      mvaTermintype: 'tomaaneders',
      arbeidsgiver: true,
      ...options,
    },
  ]);
  return { enk, eier };
}

export async function nyttAs(db: Kysely<Database>, options: Partial<PartInput> = {}) {
  const as = nyttOrgnr();
  await registrerParter(db, [{ partId: as, navn: 'Eksempel AS', organisasjonsform: 'AS', registrertDato: d('2020-01-01'), ...options }]);
  return as;
}

/** A simple claim: one due item per amount (kroner), kravtype arbeidsgiveravgift unless told otherwise. */
export function krav(
  partId: string,
  bokfoertDato: LocalDate,
  forfall: readonly (readonly [string, number])[],
  options: Partial<KravInput> = {},
): KravInput {
  return {
    idempotencyKey: nyNoekkel('krav'),
    bokfoertDato,
    partId,
    kravtype: 'arbeidsgiveravgift',
    periode: { beskrivelse: 'Termin', aar: 2024, termin: '1' },
    forfall: forfall.map(([forfallsdato, kroner]) => ({ forfallsdato: d(forfallsdato), beloepOere: kr(kroner) })),
    ...options,
  };
}
