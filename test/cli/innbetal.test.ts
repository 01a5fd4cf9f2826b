import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';
import { localDate as d } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import { bokfoerKrav, registrerParter } from '../../src/ledger/index.js';
import { runKob } from '../support/kob-process.js';

/** `kob innbetal` and `kob oppgjoer` run as a user runs them: a process against a data directory. */
let dataDir: string;
let kid: string;

const kob = (...args: string[]) => runKob(['--data-dir', dataDir, ...args]);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kob-innbetal-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await migrateToLatest(handle.db);
    await registrerParter(handle.db, [
      { partId: '13114614453', navn: 'Gurcharan Singh', registrertDato: d('2015-01-01'), utbetalingskonto: '54221361434' },
      { partId: '871978433', navn: 'Singh Bygg', organisasjonsform: 'ENK', eierPartId: '13114614453', registrertDato: d('2015-01-01') },
    ]);
    const krav = await bokfoerKrav(handle.db, {
      idempotencyKey: 'oppsett-1',
      bokfoertDato: d('2024-03-01'),
      partId: '871978433',
      kravtype: 'arbeidsgiveravgift',
      beskrivelse: 'Arbeidsgiveravgift - 2024/1',
      periode: { beskrivelse: 'Termin', aar: 2024, termin: '1' },
      forfall: [{ forfallsdato: d('2024-03-15'), beloepOere: toOere(1_000_000) }],
    });
    kid = krav.forfall[0]!.kid!;
  } finally {
    await handle.close();
  }
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kob innbetal', () => {
  it('books a late payment and tells where it went, in Norwegian; the same key again changes nothing', async () => {
    const args = ['--today', '2024-04-15', 'innbetal', '--part', '871978433', '--beloep', '10200.50', '--kid', kid, '--idempotency-key', 'cli-1'];
    const first = await kob(...args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toBe('Innbetaling 84000001 på 10 200,50 kr fra 871978433, innbetalt 2024-04-15, bokført 2024-04-15.');
    expect(lines).toContain(`KID ${kid} gjelder krav 250000001.`);
    expect(lines).toContain('  10 000,00 kr på krav 250000001 Arbeidsgiveravgift - 2024/1, forfall 2024-03-15 – gjenstår 0,00 kr (KID)');
    // 10 000 kr × 12.50 % × 31/365 = 106.16 → 106 kr, posted and covered by the rest.
    expect(lines).toContain('  krav 250000002 Forsinkelsesrente Arbeidsgiveravgift - 2024/1: 106,00 kr, forfall 2024-04-15 (hovedstol krav 250000001)');
    expect(lines).toContain('  106,00 kr på krav 250000002 Forsinkelsesrente Arbeidsgiveravgift - 2024/1, forfall 2024-04-15 – gjenstår 0,00 kr (renter av denne innbetalingen)');
    expect(lines.at(-1)).toBe('Uplassert: 94,50 kr (brukes når et nytt krav kommer, eller refunderes ved oppgjør)');

    const again = await kob(...args);
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n')[0]).toBe('Innbetalingen var allerede bokført med denne idempotensnøkkelen; ingenting er endret.');
    expect(again.stdout).toContain('Innbetaling 84000001 på 10 200,50 kr');
  });

  it('kob oppgjoer refunds what could not be placed to the registered account', async () => {
    const paid = await kob('--today', '2024-04-16', 'innbetal', '--part', '13114614453', '--beloep', '500', '--dato', '2024-04-15');
    expect(paid.code).toBe(0);
    expect(paid.stdout).toContain('Uplassert: 500,00 kr');
    const run = await kob('--today', '2024-04-17', 'oppgjoer', '--part', '871978433', '--refunder-uplassert');
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('Oppgjør 2024-04-17:');
    expect(lines[1]).toBe('Skyldnergruppe 13114614453, 871978433:');
    expect(lines).toContain('  Refundert 500,00 kr uplassert av innbetaling 84000002 (motpost krav 250000003, krav til utbetaling 250000004)');
    expect(lines).toContain('  Ikke utbetalt 94,50 kr til 871978433: verken utbetalingskonto eller postadresse er registrert');
    expect(lines.find((line) => line.startsWith('  Utbetalt'))).toBe(
      '  Utbetalt 500,00 kr til 13114614453, konto 5422 13 61434 (utbetaling 74000001): For mye betalt 15.04.24',
    );
  });

  it.each([
    ['an unknown party', ['--part', '310000000', '--beloep', '1'], 'kob: Ukjent part 310000000'],
    ['a party number with a bad check digit', ['--part', '871978434', '--beloep', '1'], 'kob: part: "871978434" er verken et gyldig organisasjonsnummer eller fødselsnummer/D-nummer'],
    ['a bad amount', ['--part', '871978433', '--beloep', '12,345'], 'kob: --beloep: "12,345" er ikke et positivt beløp i kroner (f.eks. 1234.50)'],
    ['a KID with a bad check digit', ['--part', '871978433', '--beloep', '1', '--kid', '2500000019'], 'kob: KID 2500000019 er ikke en gyldig MOD11-KID for konto 76940524802'],
    ['a bad date', ['--part', '871978433', '--beloep', '1', '--dato', '2024-02-30'], 'kob: --dato: "2024-02-30" er ikke en dato på formen ÅÅÅÅ-MM-DD'],
  ])('refuses %s with one line and exit code 2', async (_case, args, message) => {
    const result = await kob('--today', '2024-04-18', 'innbetal', ...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${message}\n`);
  });
});
