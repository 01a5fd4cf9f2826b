import Type from 'typebox';
import type { Parter } from './tilgang.js';

/**
 * The `parter` tool: which businesses and persons this `kob mcp` may read, and through what (an
 * agent system user's delegated clients, or a bank's consents). It takes no input.
 */
export const parterTool = Object.freeze({
  name: 'parter',
  description:
    'Virksomhetene og personene kob mcp kan lese krav og betalinger for, og hvordan: gjennom en klientsystembruker (regnskapsfører) eller med samtykker (bank). ' +
    'Med hver virksomhets egen systembruker finnes ingen liste: spør da med organisasjonsnummeret.',
  inputSchema: Type.Object({}, { additionalProperties: false }),
});

/** The tool's Norwegian summary: who may be read, and what stands in the way of the rest. */
export function parterOppsummering(parter: Parter): string {
  const liste = (ider: readonly string[]) => ider.join(', ');
  const lesbare = parter.parter.map((p) => p.partIdentifikator);
  switch (parter.tilgang) {
    case 'egne systembrukere':
      return 'kob mcp leser hver virksomhet gjennom virksomhetens egen systembruker, og det finnes ingen liste over dem: oppgi organisasjonsnummeret. ' +
        'Start kob mcp med --systemuser-org for en regnskapsførers klientsystembruker, eller med --consent-id for en banks samtykker, for å få en liste.';
    case 'systembruker':
      return lesbare.length === 0
        ? `Systembrukeren til ${parter.systembrukerEier} har ingen klienter delegert.`
        : `Systembrukeren til ${parter.systembrukerEier} kan lese ${lesbare.length} ${lesbare.length === 1 ? 'part' : 'parter'}: ${liste(lesbare)}.`;
    case 'samtykker':
      return [
        lesbare.length === 0 ? 'Ingen av samtykkene kan brukes nå.' : `Med samtykke kan kob mcp lese ${liste(lesbare)}.`,
        ...(parter.samtykkerIkkeIBruk?.length ? [`Samtykker som ikke gjelder nå (trukket, utløpt eller ukjent): ${liste(parter.samtykkerIkkeIBruk.map((s) => `${s.id} fra ${s.part}`))}.`] : []),
        ...(parter.utenSamtykkeId?.length ? [`Gyldig samtykke, men samtykke-id-en er ikke oppgitt til kob mcp: ${liste(parter.utenSamtykkeId)}.`] : []),
      ].join('\n');
  }
}
