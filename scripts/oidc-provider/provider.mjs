// A real OpenID provider (panva/oidc-provider) for internal/auth's tests
// (oidcprovider_test.go). It issues access tokens by client_credentials as
// JWTs (RFC 9068, header typ at+jwt) for one resource indicator, the API's
// audience, with the roles nested as Keycloak nests them
// (realm_access.roles). Keys are private JWKs read from a file; on SIGHUP the
// file is read again and a new provider takes over the same port, which is
// how the test rotates and retires keys: the first key of the file signs,
// all of them are published.
//
// Environment: OIDC_PORT (loopback port), OIDC_KEYS (the JWK file),
// OIDC_AUDIENCE (the resource indicator), OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET. Prints "ready <issuer>" once listening and
// "reloaded" after each SIGHUP, which the test waits for.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import Provider, { errors } from 'oidc-provider';

const env = (name) => {
  const v = process.env[name];
  if (!v) {
    console.error(`provider: ${name} is required`);
    process.exit(2);
  }
  return v;
};
const port = Number(env('OIDC_PORT'));
const keysFile = env('OIDC_KEYS');
const audience = env('OIDC_AUDIENCE');
const clientId = env('OIDC_CLIENT_ID');
const clientSecret = env('OIDC_CLIENT_SECRET');
const issuer = `http://127.0.0.1:${port}`;

function build() {
  const { keys } = JSON.parse(readFileSync(keysFile, 'utf8'));
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    }],
    jwks: { keys },
    cookies: { keys: ['test-provider-cookie-key-not-a-secret'] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== audience) throw new errors.InvalidTarget();
          return {
            scope: 'api',
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: () => ({ realm_access: { roles: ['CITY_ADMIN'] }, unit: 'HCM' }),
  });
  return provider.callback();
}

let handler = build();
process.on('SIGHUP', () => {
  try {
    handler = build();
    console.log('reloaded');
  } catch (err) {
    console.error(`provider: reload: ${err.message}`);
  }
});
process.on('SIGTERM', () => process.exit(0));
http.createServer((req, res) => handler(req, res)).listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
