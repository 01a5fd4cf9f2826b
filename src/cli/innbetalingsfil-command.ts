import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { innbetalingsfilTekst, mottaInnbetalingsfil, type Innbetalingsfilrapport, type Mottak, type Transaksjonsutfall } from '../bank/index.js';
import { formatKroner } from './format.js';
import { CliInputError } from './input-error.js';
import { withRuntime, type GlobalOptions } from './runtime.js';

/**
 * `kob innbetalingsfil FILE…`: books bank files of payments (Nets OCR giro or camt.054, told from
 * the content) on the business date and prints each file's report. A file refused, or another
 * file under a known identity, books nothing and makes the exit code 2; the others are booked.
 */
export function registerInnbetalingsfilCommand(program: Command): void {
  program
    .command('innbetalingsfil')
    .description('Book bank files of payments (Nets OCR giro or camt.054) and print what became of each transaction')
    .argument('<fil...>', 'the files, in the order the bank sent them')
    .action(async (filer: string[], _options: unknown, command: Command) => {
      const innhold = await Promise.all(filer.map(readFile));
      await withRuntime(command.optsWithGlobals() as GlobalOptions, async ({ database, clock }) => {
        for (const [index, fil] of filer.entries()) {
          const mottak = await mottaInnbetalingsfil(database.db, { innhold: innhold[index]!, bokfoertDato: clock.today() });
          console.log(describeMottak(fil, mottak));
          if (mottak.kind === 'avvist' || mottak.kind === 'identitetskonflikt') process.exitCode = 2;
        }
      });
    });
}

async function readFile(fil: string): Promise<string> {
  try {
    return innbetalingsfilTekst(await fs.readFile(fil));
  } catch {
    throw new CliInputError(`kan ikke lese ${fil} (cannot read the file)`);
  }
}

export function describeMottak(fil: string, mottak: Mottak): string {
  switch (mottak.kind) {
    case 'avvist': {
      const sted = mottak.feil.linje !== undefined ? `linje ${mottak.feil.linje}` : (mottak.feil.element ?? 'filen');
      return `${fil}: avvist, ingenting er bokført (${mottak.feil.kode}, ${sted}): ${mottak.feil.melding}`;
    }
    case 'identitetskonflikt':
      return `${fil}: avvist, ingenting er bokført: en annen fil med identiteten ${mottak.filidentitet} er allerede mottatt.`;
    case 'tidligereMottatt':
      return [`${fil}: allerede mottatt; ingenting er bokført på nytt.`, ...describeRapport(mottak.rapport)].join('\n');
    case 'bokfoert':
      return [`${fil}:`, ...describeRapport(mottak.rapport)].join('\n');
  }
}

function describeRapport(rapport: Innbetalingsfilrapport): string[] {
  return [
    `  Fil ${rapport.filidentitet} (${rapport.format}), bokført ${rapport.bokfoertDato}: ${rapport.antallTransaksjoner} transaksjoner.`,
    `  Innbetalt ${formatKroner(rapport.bokfoertOere)}: plassert ${formatKroner(rapport.plassertOere)}, uplassert ${formatKroner(rapport.uplassertOere)}, uidentifisert ${formatKroner(rapport.uidentifisertOere)}.`,
    `  Utbetalinger bekreftet: ${rapport.antallUtbetalingerBekreftet}, returnert: ${rapport.antallUtbetalingerReturnert}. Avvist: ${rapport.antallAvvist}.`,
    ...rapport.transaksjoner.map((t) => `  ${t.sted} (${t.identitet}) ${formatKroner(t.beloepOere)}: ${describeUtfall(t)}`),
  ];
}

function describeUtfall(t: Transaksjonsutfall): string {
  switch (t.utfall) {
    case 'innbetaling':
      return `innbetaling ${t.innbetalingId} på ${t.partId}, plassert ${formatKroner(t.plassertOere)}, uplassert ${formatKroner(t.uplassertOere)}`;
    case 'uidentifisert':
      return `uidentifisert innbetaling ${t.uidentifisertId} (tildel den med kob uidentifisert tildel)`;
    case 'utbetalingBekreftet':
      return `utbetaling ${t.utbetalingId} til ${t.partId} bekreftet`;
    case 'utbetalingReturnert':
      return `utbetaling ${t.utbetalingId} til ${t.partId} returnert; beløpet står som tilgode (krav ${t.kreditKravId})`;
    case 'avvist':
      return `avvist: ${t.grunn}`;
  }
}
