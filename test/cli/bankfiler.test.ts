import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';
import { localDate as d } from '../../src/domain/dates.js';
import { makeKid } from '../../src/domain/kid.js';
import { toOere } from '../../src/domain/money.js';
import { bokfoerKrav, registrerParter } from '../../src/ledger/index.js';
import { camt054Fil, ocrGiroFil } from '../support/bankfil-builders.js';
import { xsdErrors } from '../support/iso20022-schemas.js';
import { runKob } from '../support/kob-process.js';

/** `kob innbetalingsfil`, `kob uidentifisert` and `kob utbetalingsfil` run as an operator runs them: processes against a data directory. */
let dir: string;
let kid: string;
const as = '315020018';
const payee = '315020026';

const kob = (...args: string[]) => runKob(['--data-dir', path.join(dir, 'data'), ...args]);

function file(name: string, content: string | Buffer): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, content);
  return at;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kob-bankfiler-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'data') });
  try {
    await migrateToLatest(handle.db);
    await registrerParter(handle.db, [
      { partId: as, navn: 'Ærlig Bygg AS', organisasjonsform: 'AS', registrertDato: d('2015-01-01') },
      { partId: payee, navn: 'Tilgode AS', organisasjonsform: 'AS', registrertDato: d('2015-01-01'), utbetalingskonto: '12345678903' },
    ]);
    const krav = { kravtype: 'arbeidsgiveravgift', beskrivelse: 'Arbeidsgiveravgift - 2024/1', periode: { beskrivelse: 'Termin', aar: 2024, termin: '1' } };
    kid = (await bokfoerKrav(handle.db, { idempotencyKey: 'oppsett-1', bokfoertDato: d('2024-03-01'), partId: as, ...krav, forfall: [{ forfallsdato: d('2024-03-15'), beloepOere: toOere(100_000) }] })).forfall[0]!.kid!;
    await bokfoerKrav(handle.db, { idempotencyKey: 'oppsett-2', bokfoertDato: d('2024-03-01'), partId: payee, ...krav, kravtype: 'tilgodeMva', forfall: [{ forfallsdato: d('2024-03-01'), beloepOere: toOere(-50_000) }] });
  } finally {
    await handle.close();
  }
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('kob innbetalingsfil, uidentifisert and utbetalingsfil', () => {
  it('books an OCR giro file (ISO-8859-1), says what became of each payment, and books a second delivery nothing', async () => {
    const unknownKid = makeKid('4455667788', 'MOD11');
    const ocr = ocrGiroFil({
      forsendelsesnummer: '7001',
      oppgjoersdato: '2024-03-14',
      betalinger: [
        { beloepOere: 100_000, kid, oppdragsdato: '2024-03-14' },
        { beloepOere: 25_000, kid: unknownKid, oppdragsdato: '2024-03-14' },
      ],
    });
    const at = file('ocr.txt', Buffer.from(ocr, 'latin1'));
    const first = await kob('--today', '2024-03-14', 'innbetalingsfil', at);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toContain('  Fil ocr-giro:00008080:00010200:0007001 (ocr-giro), bokført 2024-03-14: 2 transaksjoner.');
    expect(lines).toContain('  Innbetalt 1 250,00 kr: plassert 1 000,00 kr, uplassert 0,00 kr, uidentifisert 250,00 kr.');
    expect(lines).toContain(`  linje 3 (0007001:0000001) 1 000,00 kr: innbetaling 84000001 på ${as}, plassert 1 000,00 kr, uplassert 0,00 kr`);
    expect(lines).toContain('  linje 5 (0007001:0000002) 250,00 kr: uidentifisert innbetaling 86000001 (tildel den med kob uidentifisert tildel)');

    const again = await kob('--today', '2024-03-15', 'innbetalingsfil', at);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${at}: allerede mottatt; ingenting er bokført på nytt.`);

    const liste = await kob('uidentifisert', 'liste');
    expect(liste.stdout.trim()).toBe(`86000001  250,00 kr  innbetalt 2024-03-14, bokført 2024-03-14  KID ${unknownKid}  fra 12345678903`);
    const tildelt = await kob('--today', '2024-03-16', 'uidentifisert', 'tildel', '86000001', '--part', as);
    expect(tildelt.stderr).toBe('');
    expect(tildelt.stdout).toContain(`Innbetaling 84000002 på 250,00 kr fra ${as}, innbetalt 2024-03-14, bokført 2024-03-16.`);
    expect((await kob('uidentifisert', 'liste')).stdout.trim()).toBe('Ingen uidentifiserte innbetalinger.');
    const twice = await kob('--today', '2024-03-16', 'uidentifisert', 'tildel', '86000001', '--part', payee);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`allerede tildelt ${as}`);
  });

  it('refuses a malformed file naming its line, books nothing from it, and still books the good file beside it', async () => {
    const good = ocrGiroFil({ forsendelsesnummer: '7002', oppgjoersdato: '2024-03-16', betalinger: [{ beloepOere: 1_000, fritekst: `Til ${as}` }] });
    const bad = good.replace(/^(NY000089\d{8})/m, (_, head: string) => head.replace(/\d{8}$/, '00000099'));
    const result = await kob('--today', '2024-03-16', 'innbetalingsfil', file('bad.txt', bad), file('good.txt', good));
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/bad\.txt: avvist, ingenting er bokført \(count-mismatch, linje 7\): /);
    expect(result.stdout).toContain('1 transaksjoner');
  });

  it('writes the day’s payouts as pain.001 and takes the bank’s camt.054 confirming them', async () => {
    expect((await kob('--today', '2024-03-18', 'oppgjoer')).code).toBe(0);
    const out = path.join(dir, 'pain001.xml');
    const written = await kob('utbetalingsfil', '--dato', '2024-03-18', '--ut', out);
    expect(written.stderr).toBe('');
    expect(written.stdout.trim()).toBe(`${out}: 1 utbetalinger på 500,00 kr (KOB-UTB-2024-03-18).`);
    const pain001 = fs.readFileSync(out, 'utf8');
    expect(xsdErrors(pain001, 'pain.001.001.09')).toBe('');
    const stdout = await kob('utbetalingsfil', '--dato', '2024-03-18');
    expect(stdout.stdout).toBe(pain001);
    expect((await kob('utbetalingsfil', '--dato', '2024-03-19')).code).toBe(2);
    const utbetalingId = /<EndToEndId>(\d+)<\/EndToEndId>/.exec(pain001)![1]!;

    const camt = camt054Fil({ msgId: 'CAMT-CLI-1', bokfoeringsdato: '2024-03-19', poster: [{ art: 'utbetaling', ref: 'C1', beloepOere: 50_000, utbetalingId, mottaker: 'Tilgode AS', mottakerKonto: '12345678903' }] });
    const confirmed = await kob('--today', '2024-03-19', 'innbetalingsfil', file('camt.xml', camt));
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toContain(`utbetaling ${utbetalingId} til ${payee} bekreftet`);
  });
});
