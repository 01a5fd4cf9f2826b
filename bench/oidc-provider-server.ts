import Provider from 'oidc-provider';

/**
 * The comparison server for token.bench.ts, in its own process: oidc-provider with one client
 * that authenticates with private_key_jwt and gets RS256 JWT access tokens by client_credentials.
 * Argument: the port; stdin: `{ "clientJwk": <public JWK>, "signingJwk": <private JWK> }`.
 */
const port = Number(process.argv[2]);
let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const { clientJwk, signingJwk } = JSON.parse(input) as { clientJwk: object; signingJwk: object };
const issuer = `http://127.0.0.1:${port}`;
const scope = 'skatteetaten:kravogbetalinger';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'bench',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
      scope,
      jwks: { keys: [clientJwk] },
    },
  ],
  jwks: { keys: [signingJwk] },
  scopes: [scope],
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:bench:api',
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope, audience: 'urn:bench:api', accessTokenTTL: 120, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
    },
  },
});
provider.listen(port, () => console.log('ready'));
