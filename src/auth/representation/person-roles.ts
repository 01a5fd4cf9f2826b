import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PersonRolle } from './tables.js';

/**
 * Why a person may act for a business (decision 0039):
 * - `innehaver`: owns the ENK (`part.eier_part_id`);
 * - `daglig_leder` / `styreleder`: Enhetsregisteret role in the organisation (`er_person_rolle`);
 * - `regnskapsforer`: daglig leder of an accounting firm that Enhetsregisteret registers as the
 *   business's regnskapsfører (`altinn_er_role`).
 */
export type Representasjonsgrunnlag = 'innehaver' | 'daglig_leder' | 'styreleder' | 'regnskapsforer';

export interface Representasjon {
  readonly orgnr: string;
  readonly navn: string;
  /** Enhetsregisteret's organisation form (ENK, AS, …), when the ledger has it. */
  readonly organisasjonsform: string | null;
  /** Every reason, in a fixed order (innehaver, daglig leder, styreleder). */
  readonly grunnlag: Representasjonsgrunnlag[];
}

export interface Person {
  readonly fnr: string;
  readonly navn: string;
}

const grunnlagOrder: readonly Representasjonsgrunnlag[] = ['innehaver', 'daglig_leder', 'styreleder', 'regnskapsforer'];

/**
 * The one answer to "which businesses may this person act for", used by the portal's role
 * picker, its session guard and the Altinn-side approval of system access. Only businesses the
 * ledger knows are listed (the portal can show nothing for others). Sorted by name, then orgnr.
 */
export async function virksomheterForPerson(db: Kysely<Database>, fnr: string): Promise<Representasjon[]> {
  const owned = db
    .selectFrom('part as org')
    .where('org.eier_part_id', '=', fnr)
    .where('org.part_type', '=', 'organisasjon')
    .select(['org.part_id as orgnr', 'org.navn as navn', 'org.organisasjonsform', (eb) => eb.val<string>('innehaver').as('grunnlag')]);
  const roles = db
    .selectFrom('er_person_rolle as r')
    .innerJoin('part as org', (join) => join.onRef('org.part_id', '=', 'r.orgnr').on('org.part_type', '=', 'organisasjon'))
    .where('r.fnr', '=', fnr)
    .select(['org.part_id as orgnr', 'org.navn as navn', 'org.organisasjonsform', 'r.rolle as grunnlag']);
  const clientsOfFirm = db
    .selectFrom('er_person_rolle as r')
    .innerJoin('altinn_er_role as er', (join) => join.onRef('er.holder_orgnr', '=', 'r.orgnr').on('er.role', '=', 'regnskapsforer'))
    .innerJoin('part as org', (join) => join.onRef('org.part_id', '=', 'er.client_orgnr').on('org.part_type', '=', 'organisasjon'))
    .where('r.fnr', '=', fnr)
    .where('r.rolle', '=', 'daglig_leder')
    .select(['org.part_id as orgnr', 'org.navn as navn', 'org.organisasjonsform', (eb) => eb.val<string>('regnskapsforer').as('grunnlag')]);
  const rows = await owned.unionAll(roles).unionAll(clientsOfFirm).execute();

  const byOrgnr = new Map<string, { navn: string; organisasjonsform: string | null; grunnlag: Set<Representasjonsgrunnlag> }>();
  for (const row of rows) {
    const entry = byOrgnr.get(row.orgnr) ?? { navn: row.navn, organisasjonsform: row.organisasjonsform, grunnlag: new Set() };
    entry.grunnlag.add(row.grunnlag as Representasjonsgrunnlag);
    byOrgnr.set(row.orgnr, entry);
  }
  return [...byOrgnr]
    .map(([orgnr, { navn, organisasjonsform, grunnlag }]) => ({ orgnr, navn, organisasjonsform, grunnlag: grunnlagOrder.filter((g) => grunnlag.has(g)) }))
    .sort((a, b) => a.navn.localeCompare(b.navn, 'nb') || a.orgnr.localeCompare(b.orgnr));
}

/** The representation that lets `fnr` act for `orgnr`, or undefined: default deny. */
export async function representasjonFor(db: Kysely<Database>, fnr: string, orgnr: string): Promise<Representasjon | undefined> {
  return (await virksomheterForPerson(db, fnr)).find((r) => r.orgnr === orgnr);
}

/** A person the ledger knows (synthetic in the sandbox), or undefined. */
export async function findPerson(db: Kysely<Database>, fnr: string): Promise<Person | undefined> {
  const row = await db
    .selectFrom('part')
    .where('part_id', '=', fnr)
    .where('part_type', '=', 'person')
    .select(['part_id', 'navn'])
    .executeTakeFirst();
  return row && { fnr: row.part_id, navn: row.navn };
}

/**
 * Who may change a business's system access and consents in Min side: Altinn gives the role
 * Tilgangsstyrer to the ENK's innehaver, the daglig leder and the styreleder; an accountant acting
 * for a client sees the client's access but may not change it (decision 0070). Default deny.
 */
export function mayManageAccess(representasjon: Representasjon): boolean {
  return representasjon.grunnlag.some((grunnlag) => grunnlag === 'innehaver' || grunnlag === 'daglig_leder' || grunnlag === 'styreleder');
}

/** A person who can log in and act for an organisation, and why. */
export interface Representant extends Person {
  readonly grunnlag: Exclude<Representasjonsgrunnlag, 'regnskapsforer'>;
}

/**
 * The reverse of `virksomheterForPerson` for the organisations given: the ENK's owner and the
 * Enhetsregisteret person roles, innehaver first, then daglig leder, then styreleder. An
 * accounting firm's people are not listed for its clients: they represent the firm.
 */
export async function representanterFor(db: Kysely<Database>, orgnrs: readonly string[]): Promise<Map<string, Representant[]>> {
  const byOrgnr = new Map<string, Representant[]>();
  if (orgnrs.length === 0) return byOrgnr;
  const wanted = [...new Set(orgnrs)];
  const owners = db
    .selectFrom('part as org')
    .innerJoin('part as person', 'person.part_id', 'org.eier_part_id')
    .where('org.part_id', 'in', wanted)
    .select(['org.part_id as orgnr', 'person.part_id as fnr', 'person.navn as navn', (eb) => eb.val<string>('innehaver').as('grunnlag')]);
  const roles = db
    .selectFrom('er_person_rolle as r')
    .innerJoin('part as person', (join) => join.onRef('person.part_id', '=', 'r.fnr').on('person.part_type', '=', 'person'))
    .where('r.orgnr', 'in', wanted)
    .select(['r.orgnr as orgnr', 'person.part_id as fnr', 'person.navn as navn', 'r.rolle as grunnlag']);
  const rows = await owners.unionAll(roles).execute();
  const rank = (grunnlag: string) => grunnlagOrder.indexOf(grunnlag as Representasjonsgrunnlag);
  rows.sort((a, b) => rank(a.grunnlag) - rank(b.grunnlag) || a.navn.localeCompare(b.navn, 'nb') || a.fnr.localeCompare(b.fnr));
  for (const row of rows) {
    const list = byOrgnr.get(row.orgnr) ?? [];
    list.push({ fnr: row.fnr, navn: row.navn, grunnlag: row.grunnlag as Representant['grunnlag'] });
    byOrgnr.set(row.orgnr, list);
  }
  return byOrgnr;
}

/** One role of a person in an organisation, as Enhetsregisteret lists it. */
export interface PersonRolleInput {
  readonly orgnr: string;
  readonly fnr: string;
  readonly rolle: PersonRolle;
}

/** Registers person roles (the sandbox's copy of Enhetsregisteret); a role already there is kept. */
export async function registrerPersonRoller(db: Kysely<Database>, roller: readonly PersonRolleInput[]): Promise<void> {
  if (roller.length === 0) return;
  await db
    .insertInto('er_person_rolle')
    .values(roller.map((r) => ({ orgnr: r.orgnr, fnr: r.fnr, rolle: r.rolle })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
