import type { Command } from 'commander';
import { formatKontonummer, type Kontonummer } from '../domain/kontonummer.js';
import { kjoerOppgjoer, type IkkeUtbetalt, type OppgjoerResultat, type Utfall } from '../ledger/index.js';
import { progressGauge } from '../metrics/registry.js';
import { formatAntall, formatKroner, formatPost, formatRenteKrav, formatVarighet } from './format.js';
import { withRuntime, type GlobalOptions } from './runtime.js';

const grunnTekst: Readonly<Record<IkkeUtbetalt['grunn'], string>> = {
  ingenUtbetalingskonto: 'verken utbetalingskonto eller postadresse er registrert',
  underMinstebeloep: 'under 100 kr utbetales ikke',
};

export function registerOppgjoerCommand(program: Command): void {
  program
    .command('oppgjoer')
    .description('Run the daily settlement: set credits off, refund unplaced payments if asked, pay out credits')
    .option('--part <partId>', "only this party's debtor group (default: every group with credit or unplaced payments)")
    .option('--refunder-uplassert', 'refund unplaced payments to the registered account')
    .action(async (options: { part?: string; refunderUplassert?: boolean }, command: Command) => {
      await withRuntime(command.optsWithGlobals() as GlobalOptions, async ({ database, clock }) => {
        const bokfoertDato = clock.today();
        const results = await kjoerOppgjoer(database.db, { bokfoertDato, partId: options.part, refunderUplassert: options.refunderUplassert ?? false }, progressLines());
        console.log(describeOppgjoer(results, bokfoertDato));
      });
    });
}

/** A line on stderr every few seconds over many groups (stdout holds the result), and the progress gauge. */
function progressLines(): (done: number, total: number) => void {
  const start = performance.now();
  let last = start;
  const gauge = progressGauge('oppgjoer');
  return (done, total) => {
    gauge(done, total);
    const now = performance.now();
    if (now - last < progressIntervalMs || done === total) return;
    last = now;
    const etaMs = ((now - start) / done) * (total - done);
    console.error(`oppgjør: ${formatAntall(done)}/${formatAntall(total)} parter med noe å gjøre opp, ferdig om ca. ${formatVarighet(etaMs)}`);
  };
}

const progressIntervalMs = 2_000;

export function describeOppgjoer(results: readonly Utfall<OppgjoerResultat>[], bokfoertDato: string): string {
  if (results.length === 0) return `Oppgjør ${bokfoertDato}: ingen skyldnergrupper har tilgodebeløp eller uplasserte innbetalinger.`;
  const lines = [`Oppgjør ${bokfoertDato}:`];
  for (const result of results) {
    lines.push(`Skyldnergruppe ${result.partIds.join(', ')}${result.replayed ? ' (allerede kjørt i dag; ingenting er endret)' : ''}:`);
    const before = lines.length;
    for (const m of result.motregninger) {
      lines.push(`  Motregnet ${formatKroner(m.beloepOere)} fra ${formatPost(m.kreditt)} mot ${formatPost(m.debet)} – gjenstår ${formatKroner(m.debet.gjenstaaendeOere)}`);
    }
    for (const rente of result.renteKrav) lines.push(`  Forsinkelsesrente bokført: ${formatRenteKrav(rente)}`);
    for (const r of result.refusjoner) {
      lines.push(`  Refundert ${formatKroner(r.beloepOere)} uplassert av innbetaling ${r.innbetalingId} (motpost krav ${r.motpostKravId}, krav til utbetaling ${r.utbetalingKravId})`);
    }
    for (const u of result.utbetalinger) {
      const til = u.konto === null ? (u.utbetalingsmaate === 'sjekk' ? 'sjekk i posten' : 'utbetalingskort i posten') : `konto ${formatKontonummer(u.konto as Kontonummer)}`;
      lines.push(`  Utbetalt ${formatKroner(u.beloepOere)} til ${u.partId}, ${til} (utbetaling ${u.utbetalingId}): ${u.melding}`);
    }
    for (const i of result.ikkeUtbetalt) lines.push(`  Ikke utbetalt ${formatKroner(i.beloepOere)} til ${i.partId}: ${grunnTekst[i.grunn]}`);
    if (lines.length === before) lines.push('  Ingenting å gjøre.');
  }
  return lines.join('\n');
}
