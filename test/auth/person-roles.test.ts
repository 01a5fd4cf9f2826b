import { beforeAll, expect, it } from 'vitest';
import { representasjonFor, virksomheterForPerson } from '../../src/auth/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { seedPortalFixtures, testBusinesses, testPersons } from '../support/portal-fixtures.js';

describeEachDatabase('which businesses a person may act for', ({ handle }) => {
  beforeAll(async () => {
    await seedPortalFixtures(handle().db);
  });

  it('lists the owned ENK and the organisations with a person role, sorted by name, each once', async () => {
    expect(await virksomheterForPerson(handle().db, testPersons.kari.fnr)).toEqual([
      { orgnr: testBusinesses.as.orgnr, navn: testBusinesses.as.navn, organisasjonsform: 'AS', grunnlag: ['daglig_leder'] },
      { orgnr: testBusinesses.enk.orgnr, navn: testBusinesses.enk.navn, organisasjonsform: 'ENK', grunnlag: ['innehaver'] },
    ]);
    expect(await virksomheterForPerson(handle().db, testPersons.ola.fnr)).toEqual([
      { orgnr: testBusinesses.klient.orgnr, navn: testBusinesses.klient.navn, organisasjonsform: 'AS', grunnlag: ['regnskapsforer'] },
      {
        orgnr: testBusinesses.regnskapsfoerer.orgnr,
        navn: testBusinesses.regnskapsfoerer.navn,
        organisasjonsform: 'AS',
        grunnlag: ['daglig_leder', 'styreleder'],
      },
    ]);
  });

  it('makes only the daglig leder of an accounting firm act for its clients', async () => {
    const { db } = handle();
    await db.insertInto('er_person_rolle').values({ orgnr: testBusinesses.regnskapsfoerer.orgnr, fnr: testPersons.kari.fnr, rolle: 'styreleder' }).execute();
    expect((await virksomheterForPerson(db, testPersons.kari.fnr)).map((v) => v.orgnr)).not.toContain(testBusinesses.klient.orgnr);
    expect((await representasjonFor(db, testPersons.ola.fnr, testBusinesses.klient.orgnr))?.grunnlag).toEqual(['regnskapsforer']);
    await db.deleteFrom('er_person_rolle').where('fnr', '=', testPersons.kari.fnr).where('orgnr', '=', testBusinesses.regnskapsfoerer.orgnr).execute();
  });

  it('gives nothing to a person without roles, and denies by default', async () => {
    expect(await virksomheterForPerson(handle().db, testPersons.per.fnr)).toEqual([]);
    expect(await virksomheterForPerson(handle().db, '01010100000')).toEqual([]);
    expect(await representasjonFor(handle().db, testPersons.kari.fnr, testBusinesses.fremmed.orgnr)).toBeUndefined();
    expect(await representasjonFor(handle().db, testPersons.per.fnr, testBusinesses.as.orgnr)).toBeUndefined();
    expect((await representasjonFor(handle().db, testPersons.kari.fnr, testBusinesses.enk.orgnr))?.grunnlag).toEqual(['innehaver']);
  });

  it('ignores a role in an organisation the ledger does not know', async () => {
    await handle().db.insertInto('er_person_rolle').values({ orgnr: '923456783', fnr: testPersons.per.fnr, rolle: 'styreleder' }).execute();
    expect(await virksomheterForPerson(handle().db, testPersons.per.fnr)).toEqual([]);
  });
});
