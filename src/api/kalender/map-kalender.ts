import type { PartyCalendar } from '../../kalender/index.js';
import type { NorskIdentifikator, Oppgave } from './schemas.js';

/**
 * A party's calendar as the published `Part` object: the identifier as asked (organisation
 * number or fødselsnummer) and one `oppgave` per task, with the effective deadline (decision 0014).
 */
export function mapPart(identifikator: NorskIdentifikator, calendar: PartyCalendar): { part: NorskIdentifikator; oppgave: Oppgave[] } {
  return {
    part: identifikator,
    oppgave: calendar.oppgaver.map(({ obligation, status }) => ({
      myndighet: obligation.myndighet,
      produktomraade: obligation.produktomraade,
      oppgaveType: obligation.oppgaveType,
      oppgaveBeskrivelse: obligation.oppgaveBeskrivelse,
      frist: { fristType: obligation.fristType, frist: obligation.frist },
      oppgavestatus: status.oppgavestatus,
    })),
  };
}

/** An instant to the second, as the published example writes `hentetDato` (`2001-12-17T09:30:47Z`). */
export function tidspunkt(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}
