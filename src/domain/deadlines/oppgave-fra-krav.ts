import { makeDate, type LocalDate } from '../dates.js';
import { limits } from '../limits.js';
import { terminNummer, type KravforfallReferanse } from './matchnoekkel.js';
import { kravforfallObligationId, makeObligation, type Obligation, type Referanseperiode } from './obligation.js';
import type { Produktomraade } from './produktomraade.js';

/** A debit due item of a booked claim, with what the task needs to say about its claim. */
export interface KravforfallForOppgave extends KravforfallReferanse {
  /** The claim's product area, from its kravgruppe's record (the ledger's code lists). */
  readonly produktomraade: Produktomraade;
  /** The claim's description (kravtype label), e.g. "Restskatt". */
  readonly kravbeskrivelse: string;
  readonly periodeFra: LocalDate | null;
  readonly periodeTil: LocalDate | null;
  /** How many due items the claim has (to say "2. termin" only when there are several). */
  readonly antallForfall: number;
  /** As booked; the ledger books effective dates, and a stray weekend date is moved here too. */
  readonly forfallsdato: LocalDate;
}

/**
 * The payment task for a due item of an actual claim that no registration explains (restskatt,
 * interest, fees, assessments). Its id is the due item's, so it never changes (decision 0013).
 *
 * @example oppgaveFraKrav({ kravforfallId: '360000007', kravtype: 'restskattPerson', produktomraade: 'Skatt',
 *   kravbeskrivelse: 'Restskatt', periodeAar: 2025, termin: null, forfallNummer: 1, antallForfall: 2, … })
 * // { id: 'kravforfall-360000007', oppgaveBeskrivelse: 'Betal restskatt for 2025, 1. termin', … }
 */
export function oppgaveFraKrav(kravforfall: KravforfallForOppgave): Obligation {
  return makeObligation({
    id: kravforfallObligationId(kravforfall.kravforfallId),
    kind: 'krav',
    periode: kravperiode(kravforfall),
    nominellFrist: kravforfall.forfallsdato,
    produktomraade: kravforfall.produktomraade,
    oppgaveType: 'betalingskrav',
    fristType: 'betalingsfrist',
    oppgaveBeskrivelse: beskrivelse(kravforfall),
    noekkel: { kind: 'kravforfall', kravforfallId: kravforfall.kravforfallId },
  });
}

function kravperiode(kravforfall: KravforfallForOppgave): Referanseperiode | null {
  const aar = kravforfall.periodeAar;
  if (aar === null) return null;
  return {
    aar,
    termin: terminNummer(kravforfall.termin) ?? null,
    fraOgMed: kravforfall.periodeFra ?? makeDate(aar, 1, 1),
    tilOgMed: kravforfall.periodeTil ?? makeDate(aar, 12, 31),
  };
}

function beskrivelse(kravforfall: KravforfallForOppgave): string {
  const { kravbeskrivelse, periodeAar, forfallNummer, antallForfall } = kravforfall;
  const aar = periodeAar !== null && !kravbeskrivelse.includes(String(periodeAar)) ? ` for ${periodeAar}` : '';
  const termin = antallForfall > 1 ? `, ${forfallNummer}. termin` : '';
  const text = `Betal ${lowerFirstWord(kravbeskrivelse)}${aar}${termin}`;
  // The calendar's Tekst is at most 4000 characters (code points, as XSD and JSON Schema count).
  return Array.from(text).slice(0, limits.textLengthMax).join('');
}

/** "Restskatt" → "restskatt", but "MVA-…" stays: an acronym keeps its capitals. */
function lowerFirstWord(text: string): string {
  const [first = '', second = ''] = Array.from(text);
  return second !== '' && second === second.toUpperCase() && second !== second.toLowerCase()
    ? text
    : first.toLowerCase() + text.slice(first.length);
}
