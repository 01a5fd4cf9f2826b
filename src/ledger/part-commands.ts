import type { Kysely } from 'kysely';
import { announcingTransaction } from '../db/change-notifications.js';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import { LedgerInputError } from './errors.js';
import { partChanges } from './part-changes.js';
import { merkEndret } from './part-endringer.js';
import { emptyDokument, serialiserDokument } from './read-model.js';
import type { MvaTermintype, PartType, Postadresse } from './tables.js';
import { checkDato, checkKontonummer, checkPartId, checkTekst } from './validation.js';

/**
 * Parties are master data, not booked facts: registering a party again replaces its data
 * (registrations change). One thing never changes: an ENK's owner, because payments of the owner
 * may already cover the ENK's claims and the debtor group must keep balancing.
 */
export interface PartInput {
  /** Organisation number (9 digits) or fødselsnummer/D-nummer (11 digits, synthetic +80 accepted). */
  readonly partId: string;
  readonly navn: string;
  /** Enhetsregisteret's form for an organisation: ENK, AS, ASA, NUF, … */
  readonly organisasjonsform?: string | undefined;
  /** The owner (a person) of an ENK. */
  readonly eierPartId?: string | undefined;
  /** Protected address: views of the party (and of an ENK whose owner is shielded) say `skjermet`. */
  readonly skjermet?: boolean | undefined;
  /** Registered payout account (11 digits); without it a payout is a cheque or payout card to `postadresse` (decision 0163). */
  readonly utbetalingskonto?: string | undefined;
  /** Postal address; without account and address, credits stay unpaid and visible. */
  readonly postadresse?: Postadresse | undefined;
  /** VAT-registered, with its term type; absent when not registered. */
  readonly mvaTermintype?: MvaTermintype | undefined;
  readonly arbeidsgiver?: boolean | undefined;
  /** Pays forskuddsskatt (advance tax). */
  readonly forskuddspliktig?: boolean | undefined;
  readonly registrertDato: LocalDate;
}

const organisasjonsformPattern = /^[A-ZÆØÅ]{2,5}$/;
const mvaTermintyper: readonly MvaTermintype[] = ['tomaaneders', 'aarlig', 'primaernaering'];

export async function registrerPart(db: Kysely<Database>, part: PartInput): Promise<void> {
  await registrerParter(db, [part]);
}

/**
 * Registers many parties in one statement; an owner may come earlier in the same list. A new
 * party gets its (empty) read-model row; views and caches of the parties and their debtor groups
 * hear of the change.
 */
export async function registrerParter(db: Kysely<Database>, parter: readonly PartInput[]): Promise<void> {
  if (parter.length === 0) return;
  const rows = parter.map(toRow);
  const ids = rows.map((row) => row.part_id);
  if (new Set(ids).size !== ids.length) throw new LedgerInputError('ugyldigPart', 'Samme part er oppgitt flere ganger');
  const ownerIds = [...new Set(rows.flatMap((row) => (row.eier_part_id ? [row.eier_part_id] : [])))];
  await announcingTransaction(db, async (trx, announce) => {
    const existing = await trx
      .selectFrom('part')
      .select(['part_id', 'part_type', 'eier_part_id'])
      .where('part_id', 'in', [...new Set([...ids, ...ownerIds])])
      .forUpdate()
      .execute();
    const known = new Map(existing.map((row) => [row.part_id, row]));
    const inBatch = new Map(rows.map((row) => [row.part_id, row]));
    for (const row of rows) {
      const before = known.get(row.part_id);
      if (before?.eier_part_id && before.eier_part_id !== row.eier_part_id) {
        throw new LedgerInputError('ugyldigPart', `Eieren av ${row.part_id} er ${before.eier_part_id} og kan ikke endres`);
      }
      if (row.eier_part_id) {
        const owner = inBatch.get(row.eier_part_id) ?? known.get(row.eier_part_id);
        if (!owner) throw new LedgerInputError('ukjentPart', `Eieren ${row.eier_part_id} av ${row.part_id} er ikke registrert`);
      }
    }
    await trx
      .insertInto('part')
      .values(rows)
      .onConflict((oc) =>
        oc.column('part_id').doUpdateSet((eb) => ({
          navn: eb.ref('excluded.navn'),
          organisasjonsform: eb.ref('excluded.organisasjonsform'),
          eier_part_id: eb.ref('excluded.eier_part_id'),
          skjermet: eb.ref('excluded.skjermet'),
          utbetalingskonto: eb.ref('excluded.utbetalingskonto'),
          postadresse: eb.ref('excluded.postadresse'),
          mva_termintype: eb.ref('excluded.mva_termintype'),
          arbeidsgiver: eb.ref('excluded.arbeidsgiver'),
          forskuddspliktig: eb.ref('excluded.forskuddspliktig'),
          registrert_dato: eb.ref('excluded.registrert_dato'),
        })),
      )
      .execute();
    await trx
      .insertInto('part_lesemodell')
      .values(ids.map((partId) => ({ part_id: partId, dokument: serialiserDokument(emptyDokument()) })))
      .onConflict((oc) => oc.column('part_id').doNothing())
      .execute();
    await merkEndret(trx, ids);
    announce(partChanges([...ids, ...ownerIds]));
  });
}

function toRow(input: PartInput) {
  const partId = checkPartId(input.partId);
  const partType: PartType = partId.length === 9 ? 'organisasjon' : 'person';
  const organisasjonsform = input.organisasjonsform?.trim().toUpperCase();
  if (partType === 'organisasjon' && (!organisasjonsform || !organisasjonsformPattern.test(organisasjonsform))) {
    throw new LedgerInputError('ugyldigPart', `${partId}: en organisasjon må ha en organisasjonsform (ENK, AS, …)`);
  }
  if (partType === 'person' && organisasjonsform !== undefined) {
    throw new LedgerInputError('ugyldigPart', `${partId}: en person har ingen organisasjonsform`);
  }
  const eierPartId = input.eierPartId === undefined ? null : checkPartId(input.eierPartId, 'eier');
  if (eierPartId !== null && (organisasjonsform !== 'ENK' || eierPartId.length !== 11)) {
    throw new LedgerInputError('ugyldigPart', `${partId}: bare et ENK har en eier, og eieren er en person`);
  }
  if (input.mvaTermintype !== undefined && !mvaTermintyper.includes(input.mvaTermintype)) {
    throw new LedgerInputError('ugyldigPart', `${partId}: ukjent termintype for merverdiavgift "${input.mvaTermintype}"`);
  }
  return {
    part_id: partId,
    part_type: partType,
    navn: checkTekst(input.navn, 'navn'),
    organisasjonsform: organisasjonsform ?? null,
    eier_part_id: eierPartId,
    skjermet: input.skjermet ?? false,
    utbetalingskonto: input.utbetalingskonto === undefined ? null : checkKontonummer(input.utbetalingskonto, 'utbetalingskonto'),
    postadresse: input.postadresse === undefined ? null : JSON.stringify(checkPostadresse(input.postadresse, partId)),
    mva_termintype: input.mvaTermintype ?? null,
    arbeidsgiver: input.arbeidsgiver ?? false,
    forskuddspliktig: input.forskuddspliktig ?? false,
    registrert_dato: checkDato(input.registrertDato, 'registrertDato'),
  };
}

const adresselinjerMax = 3;
const postadresseTekstMax = 100;

/** An address as AdresseFrittFormat holds it; the key order is fixed so the stored text is the same for the same address. */
function checkPostadresse(adresse: Postadresse, partId: string): Postadresse {
  const linje = (value: string, field: string) => {
    if (typeof value !== 'string' || value.trim() === '' || value.length > postadresseTekstMax) {
      throw new LedgerInputError('ugyldigPart', `${partId}: postadresse.${field} må ha 1–${postadresseTekstMax} tegn`);
    }
    return value.trim();
  };
  const linjer = adresse.adressetekst;
  if (!Array.isArray(linjer) || linjer.length === 0 || linjer.length > adresselinjerMax) {
    throw new LedgerInputError('ugyldigPart', `${partId}: postadresse.adressetekst har 1–${adresselinjerMax} linjer`);
  }
  if (typeof adresse.landkode !== 'string' || !/^[A-Z]{2}$/.test(adresse.landkode)) {
    throw new LedgerInputError('ugyldigPart', `${partId}: postadresse.landkode er en landkode på to store bokstaver (NO)`);
  }
  return {
    adressetekst: linjer.map((l, i) => linje(l, `adressetekst[${i}]`)),
    postnummer: linje(adresse.postnummer, 'postnummer'),
    poststedsnavn: linje(adresse.poststedsnavn, 'poststedsnavn'),
    landkode: adresse.landkode,
  };
}
