import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from '../support/imports.js';

// ARCHITECTURE.md: the bank file formats are pure formats — they import src/domain and the XML
// library, nothing of the ledger, the database or the server, and nothing that does I/O.
const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const bankfilerDir = resolve(srcDir, 'bankfiler');

describe('src/bankfiler imports only src/domain and fast-xml-parser', () => {
  const files = sourceFiles(bankfilerDir);

  it('finds the bank file sources', () => {
    expect(files.map((f) => relative(bankfilerDir, f))).toEqual(expect.arrayContaining(['index.ts', 'ocr-giro/ocr-giro-reader.ts', 'iso20022/camt054-reader.ts']));
  });

  it.each(files.map((f) => [relative(bankfilerDir, f), f]))('%s', (_, file) => {
    const { packages, files: imported } = importsOf(file);
    expect(packages.filter((name) => name !== 'fast-xml-parser')).toEqual([]);
    const outside = imported.map((path) => relative(srcDir, path)).filter((path) => !path.startsWith('bankfiler/') && !path.startsWith('domain/'));
    expect(outside).toEqual([]);
  });
});
