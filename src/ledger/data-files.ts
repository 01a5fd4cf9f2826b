import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Reads a reference-data file from the project's `data/` folder. The same code runs from
 * `src/ledger` (tsx, tests) and from `dist/src/ledger` (the built `kob`), so both depths are tried.
 */
export function readDataFile(relativePath: string): string {
  const candidates = [new URL(`../../data/${relativePath}`, import.meta.url), new URL(`../../../data/${relativePath}`, import.meta.url)];
  for (const candidate of candidates) {
    const filePath = fileURLToPath(candidate);
    if (fs.existsSync(filePath)) return fs.readFileSync(filePath, 'utf8');
  }
  throw new Error(`Finner ikke datafilen data/${relativePath}`);
}
