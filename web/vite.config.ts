import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * Min side's browser code. Two pages: the portal (index.html) and the built-in identity
 * provider's person picker (idporten.html). Output goes to dist/web, served by src/portal.
 * Everything is bundled (design system CSS included): nothing loads from another origin.
 */
export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Files rather than data: URIs, so the CSP needs no exceptions for them.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        portal: fileURLToPath(new URL('index.html', import.meta.url)),
        idporten: fileURLToPath(new URL('idporten.html', import.meta.url)),
      },
    },
  },
  server: {
    // The shared formatting lives in src/domain (also used by the server's exports).
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: { '/portal': 'http://localhost:8080', '/idporten': 'http://localhost:8080' },
  },
});
