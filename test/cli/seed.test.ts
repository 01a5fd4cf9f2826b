import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProgress } from '../../src/cli/seed-command.js';
import { runKob } from '../support/kob-process.js';

/** `kob seed` run as a user runs it: a process against a data directory. */
let dataDir: string;

const kob = (...args: string[]) => runKob(['--data-dir', dataDir, '--today', '2026-03-02', ...args]);

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kob-seed-'));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kob seed', () => {
  it('seeds, says what it booked and how fast; the same options again change nothing', async () => {
    const first = await kob('seed', '--parties', '3', '--seed', '9', '--years', '1');
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Syntetiske data \(frø 9\): 3 virksomheter, \d+ parter med personene, historikk 2026-01-01–2026-03-02\.$/);
    expect(lines[1]).toMatch(/^Bokført [\d ]+ rader i [\d ]+ kommandoer på \d+,\d s: [\d ]+ rader\/s\.$/);

    const again = await kob('seed', '--parties', '3', '--seed', '9', '--years', '1');
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n')[1]).toMatch(/^Alle [\d ]+ kommandoene var bokført fra før; ingenting er endret\.$/);

    const other = await kob('seed', '--parties', '3', '--seed', '10', '--years', '1');
    expect(other.code).toBe(2);
    expect(other.stdout).toBe('');
    expect(other.stderr).toBe('kob: Databasen har allerede syntetiske data laget med et annet --seed. Bruk en tom database (--data-dir eller --database-url), eller samme --seed som sist.\n');
   }, 240_000);

  it.each([
    ['a word', ['--parties', 'abc'], 'kob: --parties: "abc" er ikke et helt tall fra 1 til 1 000 000'],
    ['a negative number', ['--parties=-5'], 'kob: --parties: "-5" er ikke et helt tall fra 1 til 1 000 000'],
    ['too many parties', ['--parties', '1000001'], 'kob: --parties: "1000001" er ikke et helt tall fra 1 til 1 000 000'],
    ['too many years', ['--years', '9'], 'kob: --years: "9" er ikke et helt tall fra 1 til 8'],
    ['a seed with decimals', ['--seed', '1.5'], 'kob: --seed: "1.5" er ikke et helt tall fra 0 til 4 294 967 295'],
    ['--demo with generator options', ['--demo', '--parties', '3'], 'kob: --demo lager alltid det samme demodatasettet; --parties, --seed og --years gjelder bare uten --demo'],
  ])('refuses %s with one Norwegian line and exit code 2', async (_case, args, message) => {
    const result = await kob('seed', ...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${message}\n`);
  });

  it('prints progress as "virksomheter, rader, rader/s"', () => {
    expect(describeProgress({ virksomheter: 2_000, virksomheterTotalt: 10_000, rader: 124_000, elapsedMs: 10_000 })).toBe('2 000/10 000 virksomheter, 124 000 rader, 12 400 rader/s');
  });

  it('adds the time left at the rate so far', () => {
    expect(describeProgress({ virksomheter: 2_000, virksomheterTotalt: 10_000, rader: 124_000, elapsedMs: 10_000, etaMs: 40_000 })).toBe(
      '2 000/10 000 virksomheter, 124 000 rader, 12 400 rader/s, ferdig om ca. 40 s',
    );
    expect(describeProgress({ virksomheter: 1, virksomheterTotalt: 620_000, rader: 200, elapsedMs: 10, etaMs: 7_384_000 })).toMatch(/ferdig om ca\. 2 t 3 min$/);
  });
});
