import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from '../support/imports.js';

// ARCHITECTURE.md: `domain` imports nothing of ours outside it, and no package (it is pure).
const domainDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/domain');

describe('src/domain is pure', () => {
  const files = sourceFiles(domainDir);

  it('finds the domain sources', () => {
    expect(files.map((f) => relative(domainDir, f))).toEqual(expect.arrayContaining(['holidays.ts', join('deadlines', 'index.ts')]));
  });

  it.each(files.map((f) => [relative(domainDir, f), f]))('%s imports only from src/domain', (_, file) => {
    const { packages, files: imported } = importsOf(file);
    expect([...packages, ...imported.filter((path) => relative(domainDir, path).startsWith('..'))]).toEqual([]);
  });
});
