import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import { purgeExpired } from './adapter.js';
import { createIdportenProvider, portalClientId } from './provider.js';
import { loadIdportenSecrets } from './secrets.js';

export interface BuiltInIdporten {
  readonly provider: Provider;
  readonly issuer: string;
  /** Min side's registration at this provider (secret shared through the database). */
  readonly portalClient: { readonly clientId: string; readonly clientSecret: string };
}

/** The sandbox's identity provider at `${publicUrl}/idporten`, with Min side as its client. */
export async function createBuiltInIdporten(options: {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly publicUrl: string;
  readonly portalRedirectUri: string;
}): Promise<BuiltInIdporten> {
  const { db, clock, publicUrl, portalRedirectUri } = options;
  const issuer = `${publicUrl}/idporten`;
  const secrets = await loadIdportenSecrets(db, clock);
  await purgeExpired(db, clock);
  const provider = await createIdportenProvider({
    db,
    clock,
    issuer,
    secrets,
    portalClient: { clientSecret: secrets.portalClientSecret, redirectUri: portalRedirectUri },
  });
  return { provider, issuer, portalClient: { clientId: portalClientId, clientSecret: secrets.portalClientSecret } };
}
