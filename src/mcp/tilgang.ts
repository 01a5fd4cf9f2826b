import { KravOgBetalingerKlient, TokenFeil, type KlientOptions } from '../../packages/klient/src/index.js';

/**
 * Whom `kob mcp` acts through for a party (decision 0181), as `kob token` asks for it:
 * - `egneSystembrukere`: each business's own system user (`systemuser_org` = the business);
 * - `systembruker`: one system user for every party, e.g. an accounting firm's agent system user
 *   (`systemuser_org` = the firm), which reads the clients delegated to it;
 * - `samtykker`: a bank's Altinn 3 consents (rettighetspakke `finans`), one per party, each
 *   named by its id; a consent may come from a business or from a person (fødselsnummer).
 */
export type Tilgang =
  | { readonly kind: 'egneSystembrukere' }
  | { readonly kind: 'systembruker'; readonly orgnr: string; readonly externalRef?: string }
  | { readonly kind: 'samtykker'; readonly samtykker: readonly Samtykke[] };

export interface Samtykke {
  readonly id: string;
  /** The consenting party: organisation number or fødselsnummer. */
  readonly part: string;
}

/** A party this access cannot reach, said before any call is made: a tool error with this sentence. */
export class IngenTilgang extends Error {
  override readonly name = 'IngenTilgang';
}

/** The parties the access may read, as the `parter` tool answers. */
export interface Parter {
  readonly tilgang: 'egne systembrukere' | 'systembruker' | 'samtykker';
  readonly rettighetspakke: 'regnskapssystem' | 'finans';
  /** The organisation owning the one system user (`systembruker`). */
  readonly systembrukerEier?: string;
  readonly parter: readonly { readonly partIdentifikator: string; readonly samtykkeId?: string }[];
  /** `samtykker`: consents named on the command line that the API does not list as usable now (revoked, expired, or never given). */
  readonly samtykkerIkkeIBruk?: readonly Samtykke[];
  /** `samtykker`: parties whose consent to the bank is valid, but whose consent id was not named on the command line. */
  readonly utenSamtykkeId?: readonly string[];
}

const erFoedselsnummer = (part: string) => part.length === 11;

/**
 * One client per way of acting (so one token cache each), shared by every MCP server the process
 * makes. `klientFor(part)` picks the client for a party or throws `IngenTilgang`.
 */
export class Fullmakter {
  readonly #options: Omit<KlientOptions, 'fullmakt'>;
  readonly #klienter = new Map<string, KravOgBetalingerKlient>();
  readonly tilgang: Tilgang;

  constructor(options: Omit<KlientOptions, 'fullmakt'>, tilgang: Tilgang) {
    this.#options = options;
    this.tilgang = tilgang;
  }

  klientFor(part: string): KravOgBetalingerKlient {
    const tilgang = this.tilgang;
    switch (tilgang.kind) {
      case 'egneSystembrukere':
        if (erFoedselsnummer(part)) {
          throw new IngenTilgang(`${part} er et fødselsnummer, og en person har ingen systembruker. En persons krav leses med personens samtykke: start kob mcp med --consent-id.`);
        }
        return this.#klient(part, { systembruker: { orgnr: part } });
      case 'systembruker':
        return this.#klient('', { systembruker: { orgnr: tilgang.orgnr, ...(tilgang.externalRef ? { externalRef: tilgang.externalRef } : {}) } });
      case 'samtykker': {
        const samtykke = tilgang.samtykker.find((s) => s.part === part);
        if (!samtykke) {
          const kjente = tilgang.samtykker.map((s) => s.part).join(', ');
          throw new IngenTilgang(`Ingen samtykke for ${part} er oppgitt; kob mcp leser med samtykkene fra ${kjente}. Start kob mcp med --consent-id for samtykket fra ${part}.`);
        }
        return this.#klient(part, { samtykke: { id: samtykke.id, fra: part } });
      }
    }
  }

  /**
   * The parties the access may read, from the API's change feed (an extension of this server:
   * its first page lists every party the token may read). Each business's own system user gives
   * no such list: there is no token that speaks for them all.
   */
  async parter(): Promise<Parter> {
    const tilgang = this.tilgang;
    switch (tilgang.kind) {
      case 'egneSystembrukere':
        return { tilgang: 'egne systembrukere', rettighetspakke: 'regnskapssystem', parter: [] };
      case 'systembruker': {
        const parter = await lesbareParter(this.klientFor(''));
        return { tilgang: 'systembruker', rettighetspakke: 'regnskapssystem', systembrukerEier: tilgang.orgnr, parter: parter.map((partIdentifikator) => ({ partIdentifikator })) };
      }
      case 'samtykker':
        return this.#samtykkeparter(tilgang.samtykker);
    }
  }

  /** A bank's parties: the feed lists every party whose consent to the bank is valid; any consent's token may read it. */
  async #samtykkeparter(samtykker: readonly Samtykke[]): Promise<Parter> {
    const gyldige = new Set(await this.#medFoersteSomVirker(samtykker, (klient) => lesbareParter(klient)));
    return {
      tilgang: 'samtykker',
      rettighetspakke: 'finans',
      parter: samtykker.filter((s) => gyldige.has(s.part)).map((s) => ({ partIdentifikator: s.part, samtykkeId: s.id })),
      samtykkerIkkeIBruk: samtykker.filter((s) => !gyldige.has(s.part)),
      utenSamtykkeId: [...gyldige].filter((part) => !samtykker.some((s) => s.part === part)),
    };
  }

  /** `work` with the first consent Maskinporten still issues a token for; none usable reads as no party. */
  async #medFoersteSomVirker(samtykker: readonly Samtykke[], work: (klient: KravOgBetalingerKlient) => Promise<string[]>): Promise<string[]> {
    for (const samtykke of samtykker) {
      try {
        return await work(this.klientFor(samtykke.part));
      } catch (error) {
        if (!(error instanceof TokenFeil)) throw error;
      }
    }
    return [];
  }

  #klient(key: string, fullmakt: KlientOptions['fullmakt']): KravOgBetalingerKlient {
    let klient = this.#klienter.get(key);
    if (!klient) {
      klient = new KravOgBetalingerKlient({ ...this.#options, fullmakt });
      this.#klienter.set(key, klient);
    }
    return klient;
  }
}

/** Every party the client's token may read: the change feed from its start. */
async function lesbareParter(klient: KravOgBetalingerKlient): Promise<string[]> {
  const parter = new Set<string>();
  for await (const endring of klient.endringer({ antall: 500 })) parter.add(endring.partIdentifikator);
  return [...parter].sort();
}
