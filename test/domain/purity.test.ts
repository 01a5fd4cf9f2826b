import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md: `domain` imports nothing of ours outside it, and no package (it is pure).
const domainDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/domain');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const importPattern = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('src/domain is pure', () => {
  const files = sourceFiles(domainDir);

  it('finds the domain sources', () => {
    expect(files.map((f) => relative(domainDir, f))).toEqual(expect.arrayContaining(['holidays.ts', join('deadlines', 'index.ts')]));
  });

  it.each(files.map((f) => [relative(domainDir, f), f]))('%s imports only from src/domain', (_, file) => {
    const text = readFileSync(file, 'utf8');
    const outside = [...text.matchAll(importPattern)]
      .map((m) => m[1] ?? m[2] ?? '')
      .filter((specifier) => !specifier.startsWith('.') || relative(domainDir, resolve(dirname(file), specifier)).startsWith('..'));
    expect(outside).toEqual([]);
  });
});
