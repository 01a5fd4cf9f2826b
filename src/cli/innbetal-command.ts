import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { compareDates, parseLocalDate } from '../domain/dates.js';
import { parseKroner } from '../domain/money.js';
import { bokfoerInnbetaling, type InnbetalingResultat, type Plasseringsgrunnlag, type Utfall } from '../ledger/index.js';
import { formatKroner, formatPost, formatRenteKrav } from './format.js';
import { CliInputError } from './input-error.js';
import { withRuntime, type GlobalOptions } from './runtime.js';

interface InnbetalOptions {
  part: string;
  beloep: string;
  kid?: string;
  dato?: string;
  melding?: string;
  konto?: string;
  idempotencyKey?: string;
}

const grunnlagTekst: Readonly<Record<Plasseringsgrunnlag, string>> = {
  kid: 'KID',
  forfalt: 'forfalt',
  rente: 'renter av denne innbetalingen',
  ikkeForfalt: 'ikke forfalt',
};

export function registerInnbetalCommand(program: Command): void {
  program
    .command('innbetal')
    .description('Book a payment on a party and print how it was allocated')
    .requiredOption('--part <partId>', 'organisation number or fødselsnummer of the payer')
    .requiredOption('--beloep <kroner>', 'amount in kroner, e.g. 1234.50')
    .option('--kid <kid>', 'KID of the payment')
    .option('--dato <date>', 'payment date YYYY-MM-DD (default: the business date)')
    .option('--melding <text>', 'message to the recipient (when there is no KID)')
    .option('--konto <kontonummer>', "Skatteetaten's receiving account (default: the KID's claim's account, else 76940524802)")
    .option('--idempotency-key <key>', 're-sending the same key books nothing again (default: a new key)')
    .action(async (options: InnbetalOptions, command: Command) => {
      const beloepOere = parseKroner(options.beloep);
      if (beloepOere === undefined || beloepOere <= 0) {
        throw new CliInputError(`--beloep: "${options.beloep}" er ikke et positivt beløp i kroner (f.eks. 1234.50)`);
      }
      const dato = options.dato === undefined ? undefined : parseLocalDate(options.dato);
      if (options.dato !== undefined && dato === undefined) throw new CliInputError(`--dato: "${options.dato}" er ikke en dato på formen ÅÅÅÅ-MM-DD`);
      await withRuntime(command.optsWithGlobals() as GlobalOptions, async ({ database, clock }) => {
        const bokfoertDato = clock.today();
        if (dato !== undefined && compareDates(dato, bokfoertDato) > 0) {
          throw new CliInputError(`--dato: innbetalingsdatoen ${dato} er etter forretningsdatoen ${bokfoertDato}`);
        }
        const result = await bokfoerInnbetaling(database.db, {
          idempotencyKey: options.idempotencyKey ?? `kob-innbetal-${randomUUID()}`,
          bokfoertDato,
          partId: options.part,
          beloepOere,
          innbetalingsdato: dato,
          kid: options.kid,
          melding: options.melding,
          mottakerkonto: options.konto,
          avvisUgyldigKid: true,
        });
        console.log(describeInnbetaling(result, bokfoertDato));
      });
    });
}

/** How the payment was allocated, in Norwegian, one fact per line. */
export function describeInnbetaling(result: Utfall<InnbetalingResultat>, bokfoertDato: string): string {
  const lines: string[] = [];
  if (result.replayed) lines.push('Innbetalingen var allerede bokført med denne idempotensnøkkelen; ingenting er endret.');
  lines.push(`Innbetaling ${result.innbetalingId} på ${formatKroner(result.beloepOere)} fra ${result.partId}, innbetalt ${result.innbetalingsdato}, bokført ${bokfoertDato}.`);
  if (result.kid) {
    if (!result.kid.gyldig) lines.push(`KID ${result.kid.kid} er ikke gyldig for mottakerkontoen; innbetalingen er plassert etter standard rekkefølge.`);
    else if (result.kid.kravId) lines.push(`KID ${result.kid.kid} gjelder krav ${result.kid.kravId}.`);
    else lines.push(`KID ${result.kid.kid} gjelder ingen åpne krav; innbetalingen er plassert etter standard rekkefølge.`);
  }
  if (result.plasseringer.length > 0) {
    lines.push('Plassert:');
    for (const p of result.plasseringer) {
      lines.push(`  ${formatKroner(p.plassertOere)} på ${formatPost(p)} – gjenstår ${formatKroner(p.gjenstaaendeOere)} (${grunnlagTekst[p.grunnlag]})`);
    }
  }
  if (result.renteKrav.length > 0) {
    lines.push('Forsinkelsesrente bokført:');
    for (const rente of result.renteKrav) lines.push(`  ${formatRenteKrav(rente)}`);
  }
  lines.push(`Uplassert: ${formatKroner(result.uplassertOere)}${result.uplassertOere > 0 ? ' (brukes når et nytt krav kommer, eller refunderes ved oppgjør)' : ''}`);
  return lines.join('\n');
}
