/**
 * How a caller finds the ledger facts of an obligation (decision 0013). The engine never reads
 * the ledger; it states what to look for, and these predicates are the one definition of a match
 * for everyone (calendar API, Frister API, portal, generator).
 */

/** Filing types, as booked in `levering.leveringstype`. */
export type Leveringstype = 'mva-melding' | 'a-melding' | 'skattemelding';

/** A reporting obligation is met by a filing of this type for this year and term. */
export interface Leveringsnoekkel {
  readonly kind: 'levering';
  readonly leveringstype: Leveringstype;
  readonly aar: number;
  /** Mva term 1–6 or a-melding month 1–12; null for a yearly filing (annual mva, skattemelding). */
  readonly termin: number | null;
}

/**
 * A payment obligation is met by the due items of claims of these types for this year and term.
 * Several claims may match (AGA and forskuddstrekk of one term are two claims); their amounts add up.
 */
export interface Betalingsnoekkel {
  readonly kind: 'betaling';
  /** kravtype codes (data/kodelister/kravtype.xml `tekniskNavn`) that pay this obligation. */
  readonly kravtyper: readonly string[];
  /** `krav.periode_aar` */
  readonly aar: number;
  /** `krav.termin` as a number; null when the claim covers the whole year. */
  readonly termin: number | null;
  /** Only this instalment (`kravforfall.nummer`), for one claim paid in terms (forskuddsskatt); null: all. */
  readonly forfallNummer: number | null;
}

/** An obligation made from one claim's due item is met by that due item only. */
export interface Kravforfallnoekkel {
  readonly kind: 'kravforfall';
  readonly kravforfallId: string;
}

export type Matchnoekkel = Leveringsnoekkel | Betalingsnoekkel | Kravforfallnoekkel;

/** The parts of a filing a key looks at (`levering` row). */
export interface LeveringReferanse {
  readonly leveringstype: Leveringstype;
  readonly periodeAar: number;
  /** As booked: "01".."12", "1".."6", "aar" or null. */
  readonly termin: string | null;
}

/** The parts of a due item a key looks at (`krav` + `kravforfall` rows). */
export interface KravforfallReferanse {
  readonly kravforfallId: string;
  readonly kravtype: string;
  readonly periodeAar: number | null;
  /** As booked: "01".."06" (mva), "1".."6" (AGA, as the published examples), "aar" or null. */
  readonly termin: string | null;
  /** 1-based instalment number within the claim. */
  readonly forfallNummer: number;
}

/**
 * A booked term as a number: "03" and "3" are term 3; "aar" and null mean the whole year (null);
 * anything else is not a term (`undefined`, which matches nothing).
 */
export function terminNummer(termin: string | null): number | null | undefined {
  if (termin === null || termin === 'aar') return null;
  return /^\d{1,2}$/.test(termin) ? Number(termin) : undefined;
}

export function matcherLevering(noekkel: Matchnoekkel, levering: LeveringReferanse): boolean {
  return (
    noekkel.kind === 'levering' &&
    noekkel.leveringstype === levering.leveringstype &&
    noekkel.aar === levering.periodeAar &&
    noekkel.termin === terminNummer(levering.termin)
  );
}

export function matcherKravforfall(noekkel: Matchnoekkel, kravforfall: KravforfallReferanse): boolean {
  switch (noekkel.kind) {
    case 'levering':
      return false;
    case 'kravforfall':
      return noekkel.kravforfallId === kravforfall.kravforfallId;
    case 'betaling':
      return (
        noekkel.kravtyper.includes(kravforfall.kravtype) &&
        noekkel.aar === kravforfall.periodeAar &&
        noekkel.termin === terminNummer(kravforfall.termin) &&
        (noekkel.forfallNummer === null || noekkel.forfallNummer === kravforfall.forfallNummer)
      );
  }
}
