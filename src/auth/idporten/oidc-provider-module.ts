import type ProviderClass from 'oidc-provider';

let loaded: Promise<typeof ProviderClass> | undefined;

/**
 * oidc-provider, loaded on first use so `kob` commands that never serve the identity provider
 * neither pay for it nor print its start-up notices. Version 9 warns "Unsupported runtime" on
 * Node 20; we support and test Node 20, so that one line is dropped and every other warning kept.
 */
export function loadOidcProvider(): Promise<typeof ProviderClass> {
  loaded ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
      warn(...args);
    };
    try {
      return (await import('oidc-provider')).default;
    } finally {
      console.warn = warn;
    }
  })();
  return loaded;
}
