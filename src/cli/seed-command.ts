import type { Command } from 'commander';
import { limits } from '../domain/limits.js';
import { seedDefaults, seedDemo, seedSynthetic, type DemoSummary, type SeedProgress, type SeedReporting, type SeedSummary } from '../testdata/index.js';
import { formatAntall, formatSekunder, formatVarighet } from './format.js';
import { CliInputError } from './input-error.js';
import { withRuntime, type GlobalOptions } from './runtime.js';

interface SeedCommandOptions {
  demo?: boolean;
  parties?: string;
  seed?: string;
  years?: string;
}

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Fill the database with synthetic Norway (deterministic), or the demo dataset with --demo')
    .option('--demo', 'the demo dataset: the published test businesses, the demo clients and a few hundred synthetic businesses')
    .option('--parties <n>', `synthetic businesses (default ${seedDefaults.parties}; their persons come in addition)`)
    .option('--seed <s>', `seed of the generator (default ${seedDefaults.seed})`)
    .option('--years <y>', `calendar years of history up to the business date (default ${seedDefaults.years})`)
    .action(async (options: SeedCommandOptions, command: Command) => {
      if (options.demo && (options.parties ?? options.seed ?? options.years) !== undefined) {
        throw new CliInputError('--demo lager alltid det samme demodatasettet; --parties, --seed og --years gjelder bare uten --demo');
      }
      const parties = heltall('--parties', options.parties, seedDefaults.parties, 1, limits.seedPartiesMax);
      const seed = heltall('--seed', options.seed, seedDefaults.seed, 0, limits.seedValueMax);
      const years = heltall('--years', options.years, seedDefaults.years, 1, limits.seedYearsMax);
      await withRuntime(command.optsWithGlobals() as GlobalOptions, async ({ database, clock, config }) => {
        const reporting = progressReporting();
        const today = clock.today();
        if (options.demo) {
          const summary = await seedDemo(database.db, { today, dataDir: config.dataDir, publicUrl: config.publicUrl, clock, reporting, bulkCopy: database.bulkCopy });
          console.log(describeDemo(summary));
        } else {
          console.log(describeSeed(await seedSynthetic(database.db, { parties, seed, years, today, bulkCopy: database.bulkCopy }, reporting), seed));
        }
      });
    });
}

/** A whole number within bounds, or a Norwegian sentence saying what is wrong. */
function heltall(option: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = /^\d{1,10}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliInputError(`${option}: "${value}" er ikke et helt tall fra ${formatAntall(min)} til ${formatAntall(max)}`);
  }
  return n;
}

/** Progress on stderr every few seconds, so stdout holds only the summary. */
export function progressReporting(): SeedReporting {
  const start = performance.now();
  return {
    elapsedMs: () => performance.now() - start,
    onProgress: (progress) => console.error(`seed: ${describeProgress(progress)}`),
  };
}

export function describeProgress(progress: SeedProgress): string {
  const eta = progress.etaMs === undefined ? '' : `, ferdig om ca. ${formatVarighet(progress.etaMs)}`;
  return `${formatAntall(progress.virksomheter)}/${formatAntall(progress.virksomheterTotalt)} virksomheter, ${formatAntall(progress.rader)} rader, ${formatAntall(rate(progress))} rader/s${eta}`;
}

function rate(progress: SeedProgress): number {
  return progress.elapsedMs > 0 ? Math.round(progress.rader / (progress.elapsedMs / 1000)) : 0;
}

export function describeSeed(summary: SeedSummary, seed: number): string {
  const lines = [
    `Syntetiske data (frø ${seed}): ${formatAntall(summary.virksomheter)} virksomheter, ${formatAntall(summary.parter)} parter med personene, historikk ${summary.historikkFra}–${summary.historikkTil}.`,
  ];
  if (summary.gjentatt === summary.kommandoer) {
    lines.push(`Alle ${formatAntall(summary.kommandoer)} kommandoene var bokført fra før; ingenting er endret.`);
  } else {
    lines.push(`Bokført ${formatAntall(summary.rader)} rader i ${formatAntall(summary.kommandoer - summary.gjentatt)} kommandoer på ${formatSekunder(summary.elapsedMs)}: ${formatAntall(rate(summary))} rader/s.`);
  }
  return lines.join('\n');
}

export function describeDemo(summary: DemoSummary): string {
  return [
    `Demodata: ${formatAntall(summary.demo.virksomheter)} demovirksomheter (${formatAntall(summary.demo.rader)} rader) og ${formatAntall(summary.synthetic.virksomheter)} syntetiske (${formatAntall(summary.synthetic.rader)} rader), forretningsdato ${summary.synthetic.historikkTil}.`,
    `Klientnøkler: ${summary.access.files.regnskapssystem} og ${summary.access.files.finans}.`,
  ].join('\n');
}
