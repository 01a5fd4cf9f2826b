import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those whose name contains the first
 * argument). Each file exports `run(): Promise<void>` and prints its own lines.
 */
const directory = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.bench.ts') && name.includes(filter))
  .sort();

for (const file of files) {
  console.log(`# ${file}`);
  const module = (await import(pathToFileURL(path.join(directory, file)).href)) as { run: () => Promise<void> };
  await module.run();
}
