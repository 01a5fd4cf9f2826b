import { skattytertypeFor, terminTekst } from '../../domain/deadlines/index.js';
import type { CalendarTask, PartyCalendar } from '../../kalender/index.js';
import type { Frister } from './schemas.js';

/**
 * The Frister API's view of a calendar (decision 0059): like Skatteetaten's production API it
 * lists the reporting deadlines for the mva-melding and the skattemelding for business, only
 * those still to be met (a delivered filing is no longer a "future obligation"), with the nominal
 * date (decision 0014) and the texts of the published example.
 */
export function isFristerApiTask(task: CalendarTask): boolean {
  const { kind } = task.obligation;
  return (kind === 'mvaMelding' || kind === 'skattemelding') && task.status.oppgavestatus !== 'fullført';
}

export function mapFrister(organisasjonsnummer: string, calendar: PartyCalendar): Frister {
  const selskap = skattytertypeFor(calendar.registreringer.organisasjonsform) === 'upersonlig';
  const frister = calendar.oppgaver.filter(isFristerApiTask).map(({ obligation }) => {
    const periode = obligation.periode!;
    const mva = obligation.kind === 'mvaMelding';
    return {
      tittel: mva
        ? `Husk å levere mva-meldingen for ${terminTekst(periode.aar, periode.termin)}.`
        : `Husk å levere skattemeldingen for ${selskap ? 'selskap' : 'næringsdrivende'}.`,
      aktivitetsbeskrivelse: mva ? 'Merverdiavgiften for terminen skal betales innen samme frist.' : 'Det er mulig å søke utsatt frist.',
      aktivitetstype: obligation.oppgaveType,
      frist: obligation.nominellFrist,
    };
  });
  return { kilder: [{ frister, kilde: 'skatt', status: 'OK' }], virksomhet: organisasjonsnummer };
}
