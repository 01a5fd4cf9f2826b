import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWebRoot } from '../../src/web-root.js';

/** The built browser code (npm run build): what a visitor downloads. */
describe('the built Min side', async () => {
  const root = defaultWebRoot();
  const files = (await readdir(path.join(root, 'assets'))).map((name) => path.join(root, 'assets', name));
  const texts = await Promise.all([...files, path.join(root, 'index.html'), path.join(root, 'idporten.html')].map((f) => readFile(f, 'utf8')));

  it('contains no Skatteetaten logo (the design system ships two; we use neither)', async () => {
    const logoModules = [
      'node_modules/@skatteetaten/ds-layout/TopBannerLogo/ske-logo.svg.esm.js',
      'node_modules/@skatteetaten/ds-layout/TopBannerLogo/ske-logo-en.svg.esm.js',
      'node_modules/@skatteetaten/ds-core-utils/SkatteetatenLogo/SKESquare40.svg.esm.js',
    ];
    for (const module of logoModules) {
      const dataUri = /"(data:image\/svg\+xml[^"]{200})/.exec(await readFile(path.resolve(module), 'utf8'))![1]!;
      for (const text of texts) expect(text.includes(dataUri), module).toBe(false);
    }
  });

  it('loads nothing from another origin: pages reference only their own /assets', () => {
    for (const html of texts.slice(-2)) {
      const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(references.length).toBeGreaterThan(0);
      for (const reference of references) expect(reference).toMatch(/^\/(assets\/|favicon\.svg$)/);
    }
    for (const css of texts.filter((_, i) => files[i]?.endsWith('.css'))) expect(css).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
  });

  it('has no inline script or style in its pages (the CSP allows none)', () => {
    for (const html of texts.slice(-2)) {
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/<style|style="/);
    }
  });
});
