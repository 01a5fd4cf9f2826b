/** The sandbox's Testdata search (src/portal/testdata-routes.ts): no login, no CSRF (GET only). */
export interface Situasjon {
  readonly harForfalteKrav: boolean;
  readonly harUplassertInnbetaling: boolean;
  readonly harUtbetaling: boolean;
  readonly harTilgode: boolean;
}

export interface Testvirksomhet {
  readonly orgnr: string;
  readonly navn: string;
  readonly organisasjonsform: string | null;
  readonly mvaTermintype: string | null;
  readonly arbeidsgiver: boolean;
  readonly skjermet: boolean;
  readonly situasjon: Situasjon;
  readonly representant: { readonly fnr: string; readonly navn: string; readonly grunnlag: 'innehaver' | 'daglig_leder' | 'styreleder' } | null;
}

export interface Testdatasvar {
  readonly forretningsdato: string;
  readonly totalt: number;
  readonly side: number;
  readonly antallPerSide: number;
  readonly virksomheter: readonly Testvirksomhet[];
}

/** The filters as query parameters; an absent one means "either". */
export type Testdatafilter = Partial<Record<'tekst' | 'organisasjonsform' | 'mvaTermintype' | 'skjermet' | keyof Situasjon, string>>;

export async function soekTestdata(filter: Testdatafilter, side: number, signal?: AbortSignal): Promise<Testdatasvar> {
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  query.set('side', String(side));
  const response = await fetch(`/portal/api/testdata/virksomheter?${query}`, { headers: { accept: 'application/json' }, credentials: 'same-origin', ...(signal ? { signal } : {}) });
  if (!response.ok) throw new Error(response.status === 404 ? 'Testdata finnes bare i testmiljøet.' : 'Søket feilet. Prøv igjen.');
  return (await response.json()) as Testdatasvar;
}

/** "Logg inn som": the ordinary login, with the person suggested to the identity provider and the business to choose after. */
export function loggInnSomUrl(fnr: string, orgnr: string): string {
  return `/portal/innlogging/start?${new URLSearchParams({ testperson: fnr, virksomhet: orgnr })}`;
}
