import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from '../support/imports.js';

// ARCHITECTURE.md: src/bank reads and writes files with src/bankfiler and books with src/ledger,
// each through its public door; nothing of the server, the APIs or access control.
const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const bankDir = resolve(srcDir, 'bank');
const allowed = ['bank/', 'bankfiler/index.ts', 'ledger/index.ts', 'domain/', 'db/database.ts'];

describe('src/bank imports only the doors of bankfiler and ledger, domain and the database type', () => {
  const files = sourceFiles(bankDir);

  it.each(files.map((f) => [relative(bankDir, f), f]))('%s', (_, file) => {
    const { packages, files: imported } = importsOf(file);
    expect(packages.filter((name) => !name.startsWith('node:') && name !== 'kysely')).toEqual([]);
    const outside = imported.map((path) => relative(srcDir, path).replace(/\.js$/, '.ts')).filter((path) => !allowed.some((prefix) => path.startsWith(prefix)));
    expect(outside).toEqual([]);
  });
});
