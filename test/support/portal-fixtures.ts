import type { Kysely } from 'kysely';
import { registerOrganization } from '../../src/auth/altinn/organizations.js';
import type { Database } from '../../src/db/database.js';
import { localDate } from '../../src/domain/dates.js';

/**
 * A small synthetic cast for Min side tests (SQL fixtures until the generator lands): who may
 * act for whom is written next to each person.
 */
export const testPersons = {
  /** Owner of the ENK Nordmann Rørlegger and daglig leder of Fjordkraft Eksempel AS. */
  kari: { fnr: '02013299997', navn: 'Kari Nordmann' },
  /** Daglig leder and styreleder of the accounting firm Tall og Tabeller Regnskap AS, so regnskapsfører for its client. */
  ola: { fnr: '15058512343', navn: 'Ola Regnskapsfører' },
  /** Holds no role anywhere. */
  per: { fnr: '30108299920', navn: 'Per Uten Roller' },
} as const;

export const testBusinesses = {
  enk: { orgnr: '311851381', navn: 'Nordmann Rørlegger' },
  as: { orgnr: '313367002', navn: 'Fjordkraft Eksempel AS' },
  regnskapsfoerer: { orgnr: '314961900', navn: 'Tall og Tabeller Regnskap AS' },
  /** The accounting firm's client (Enhetsregisteret: regnskapsfører = the firm). */
  klient: { orgnr: '310000000', navn: 'Bakeriet Klient AS' },
  /** Nobody in the cast may act for this one. */
  fremmed: { orgnr: '314055403', navn: 'Fremmed Bedrift AS' },
} as const;

export async function seedPortalFixtures(db: Kysely<Database>): Promise<void> {
  // Master data the portal does not read, the same for every party.
  const registrert_dato = localDate('2020-01-01');
  const common = { registrert_dato, skjermet: false, arbeidsgiver: false, forskuddspliktig: false };
  await db
    .insertInto('part')
    .values(Object.values(testPersons).map((p) => ({ part_id: p.fnr, part_type: 'person' as const, navn: p.navn, ...common })))
    .execute();
  await db
    .insertInto('part')
    .values([
      { part_id: testBusinesses.enk.orgnr, part_type: 'organisasjon', navn: testBusinesses.enk.navn, organisasjonsform: 'ENK', eier_part_id: testPersons.kari.fnr, ...common },
      { part_id: testBusinesses.as.orgnr, part_type: 'organisasjon', navn: testBusinesses.as.navn, organisasjonsform: 'AS', ...common },
      { part_id: testBusinesses.regnskapsfoerer.orgnr, part_type: 'organisasjon', navn: testBusinesses.regnskapsfoerer.navn, organisasjonsform: 'AS', ...common },
      { part_id: testBusinesses.klient.orgnr, part_type: 'organisasjon', navn: testBusinesses.klient.navn, organisasjonsform: 'AS', ...common },
      { part_id: testBusinesses.fremmed.orgnr, part_type: 'organisasjon', navn: testBusinesses.fremmed.navn, organisasjonsform: 'AS', ...common },
    ])
    .execute();
  await db
    .insertInto('er_person_rolle')
    .values([
      { orgnr: testBusinesses.as.orgnr, fnr: testPersons.kari.fnr, rolle: 'daglig_leder' },
      { orgnr: testBusinesses.regnskapsfoerer.orgnr, fnr: testPersons.ola.fnr, rolle: 'daglig_leder' },
      { orgnr: testBusinesses.regnskapsfoerer.orgnr, fnr: testPersons.ola.fnr, rolle: 'styreleder' },
    ])
    .execute();
  // Altinn's copy of Enhetsregisteret (src/auth): the firm is regnskapsfører for its client. Its
  // own party ids, so the demo access data (`seedDemoAccess`) can be seeded on top.
  await registerOrganization(db, testBusinesses.regnskapsfoerer.orgnr, testBusinesses.regnskapsfoerer.navn);
  await registerOrganization(db, testBusinesses.klient.orgnr, testBusinesses.klient.navn);
  await db
    .insertInto('altinn_er_role')
    .values({ client_orgnr: testBusinesses.klient.orgnr, role: 'regnskapsforer', holder_orgnr: testBusinesses.regnskapsfoerer.orgnr })
    .execute();
}
