import { ApiFeil, hentJson } from './api';
import type { Situasjon, TestdataSoek, TestdataSvar } from '../../src/portal/testdata-schemas';

/** The sandbox's Testdata search (src/portal/testdata-routes.ts): no login, no CSRF (GET only); types from its schemas. */
export type { Situasjon, TestdataSvar, Testvirksomhet } from '../../src/portal/testdata-schemas';

/** The filters as query parameters; an absent one means "either". */
export type Testdatafilter = Partial<Record<Exclude<keyof TestdataSoek, 'side' | 'antallPerSide' | 'arbeidsgiver'> | keyof Situasjon, string>>;

export async function soekTestdata(filter: Testdatafilter, side: number): Promise<TestdataSvar> {
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  query.set('side', String(side));
  try {
    return await hentJson<TestdataSvar>(`/testdata/virksomheter?${query}`);
  } catch (feil) {
    if (feil instanceof ApiFeil && feil.status === 404) throw new ApiFeil(404, feil.kode, 'Testdata finnes bare i testmiljøet.');
    throw feil;
  }
}

/** "Logg inn som": the ordinary login, with the person suggested to the identity provider and the business to choose after. */
export function loggInnSomUrl(fnr: string, orgnr: string): string {
  return `/portal/innlogging/start?${new URLSearchParams({ testperson: fnr, virksomhet: orgnr })}`;
}
