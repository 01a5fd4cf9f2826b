import { readFileSync } from 'node:fs';
import { AlleKrav } from '../src/api/kravogbetalinger/index.js';
import { jsonWriter } from '../src/api/serialization.js';
import { xmlWriter } from '../src/api/xml.js';

/**
 * The API serializer on a large body: 500 claims built from the published 2023-08-28 example
 * (many due items, placements, set-offs). JSON.stringify of the same object is the yardstick:
 * it cannot print `10000.0`, but it shows what the schema walk costs.
 */
const example = JSON.parse(readFileSync('test/fixtures/examples/history/2023-08-28/krav.json', 'utf8')) as AlleKrav;
const claims = example.krav ?? [];
const body: AlleKrav = { ...example, krav: Array.from({ length: 500 }, (_, i) => claims[i % claims.length]!) };

function measure(name: string, write: () => string): void {
  let bytes = 0;
  for (let i = 0; i < 20; i++) bytes = write().length; // warm-up
  const rounds = 200;
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) write();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perBody = (seconds / rounds) * 1000;
  console.log(`${name.padEnd(28)} ${perBody.toFixed(2).padStart(7)} ms/body  ${((bytes * rounds) / seconds / 1e6).toFixed(0).padStart(4)} MB/s  (${(bytes / 1024).toFixed(0)} KiB)`);
}

export async function run(): Promise<void> {
  const json = jsonWriter(AlleKrav);
  const xml = xmlWriter(AlleKrav);
  measure('JSON.stringify (yardstick)', () => JSON.stringify(body));
  measure('API JSON serializer', () => json(body));
  measure('API XML serializer', () => xml(body));
}
