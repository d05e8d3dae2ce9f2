import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import type { OidcOptions } from '../../server/oidc/config.js';

/** Someone the test provider knows, by the name typed into its sign-in form. */
export interface ProviderPerson {
  name: string;
  email?: string;
  email_verified?: boolean;
  /** The claim Samskriv's mapping reads in these tests (OIDC_ROLE_CLAIM=groups). */
  groups?: readonly string[];
}

export interface TestIdentityProvider {
  /** `http://127.0.0.1:<port>`, known at once; the provider answers once `register` was called. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** People by login (the login is also their subject, `sub`). */
  readonly people: Map<string, ProviderPerson>;
  /** Makes the provider, with Samskriv registered as its client (the server's address is known only once it listens). */
  register(samskrivUrl: string): void;
  /** Changes the next ID token the token endpoint hands out (to see the server refuse it). */
  tamperNextIdToken(change: (idToken: string) => string): void;
  /** Samskriv's options for this provider (OIDC_*), with the claim mapping the tests use. */
  options(overrides?: Partial<OidcOptions>): OidcOptions;
  close(): Promise<void>;
}

/** The claim mapping of these tests: JD's editors' group, a coordinators' group and readers. */
export const TEST_ROLE_MAP: OidcOptions['mapping'] = {
  claim: 'groups',
  rules: [
    { value: 'samskriv-jd', role: 'editor', ministry: 'JD' },
    { value: 'samskriv-hod', role: 'editor', ministry: 'HOD' },
    { value: 'samskriv-koordinator', role: 'coordinator', ministry: null },
    { value: 'samskriv-lesere', role: 'reader', ministry: null },
  ],
};

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function html(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`);
}

/**
 * A real OpenID Connect provider (the certified `oidc-provider` package) on 127.0.0.1, port 0,
 * with a sign-in form of its own (any known login, no password: it is the provider's business,
 * not Samskriv's), consent given by itself, RP-initiated logout with a confirmation button, and
 * PKCE required. ID tokens carry only `sub`: the rest comes from UserInfo, as with many providers.
 */
export async function startIdentityProvider(people: Record<string, ProviderPerson> = {}): Promise<TestIdentityProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else html(res, 503, 'Not ready', '<p>The provider is not registered yet.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const known = new Map(Object.entries(people));
  const clientId = 'samskriv';
  const clientSecret = randomBytes(24).toString('hex');
  let tamper: ((idToken: string) => string) | null = null;

  const register = (samskrivUrl: string): void => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [`${samskrivUrl}/api/auth/oidc/callback`],
          post_logout_redirect_uris: [`${samskrivUrl}/`],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
      cookies: { keys: [randomBytes(16).toString('hex')] },
      pkce: { required: () => true },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Grant: 600, Session: 600 },
      claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'], groups: ['groups'] },
      scopes: ['openid', 'profile', 'email', 'groups'],
      findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
        const person = known.get(id);
        if (!person) return undefined;
        return { accountId: id, claims: () => ({ sub: id, ...person }) };
      },
      interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      // Samskriv is the organisation's own application: no consent screen.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const { client, session, result } = ctx.oidc;
        if (!client || !session?.accountId) return undefined;
        const grantId = (result?.consent as { grantId?: string } | undefined)?.grantId ?? session.grantIdFor(client.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
        grant.addOIDCScope('openid profile email groups');
        await grant.save();
        return grant;
      },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
            ctx.type = 'html';
            ctx.body = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Logg ut</title></head><body><main><h1>Logge ut hos testleverandøren?</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes" data-testid="idp-sign-out">Ja, logg meg ut</button></main></body></html>`;
          },
        },
      },
    });
    provider.on('server_error', (_ctx: unknown, error: Error) => console.error('test identity provider:', error));
    // The tampering hook: after the token endpoint answered, before the answer leaves.
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.path === '/token' && tamper && typeof (ctx.body as { id_token?: unknown } | undefined)?.id_token === 'string') {
        const body = ctx.body as { id_token: string };
        body.id_token = tamper(body.id_token);
        tamper = null;
      }
    });
    const callback = provider.callback();
    handler = (req, res) => {
      const path = new URL(req.url ?? '/', issuer).pathname;
      const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
      if (!match) {
        void callback(req, res);
        return;
      }
      void (async () => {
        try {
          const details = await provider.interactionDetails(req, res);
          if (match[2] && req.method === 'POST') {
            const login = (await readForm(req)).get('login')?.trim() ?? '';
            if (!known.has(login)) {
              html(res, 200, 'Logg inn hos testleverandøren', `<p role="alert">Ukjent bruker «${escape(login)}».</p>`);
              return;
            }
            await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
            return;
          }
          if (details.prompt.name !== 'login') throw new Error(`unexpected prompt ${details.prompt.name}`);
          html(
            res,
            200,
            'Logg inn hos testleverandøren',
            `<form method="post" action="/interaction/${escape(details.uid)}/login"><label>Brukernavn hos leverandøren <input name="login" autofocus></label><button type="submit" data-testid="idp-sign-in">Logg inn</button></form>`,
          );
        } catch (error) {
          html(res, 400, 'Feil hos testleverandøren', `<p>${escape(String(error))}</p>`);
        }
      })();
    };
  };

  return {
    issuer,
    clientId,
    clientSecret,
    people: known,
    register,
    tamperNextIdToken(change) {
      tamper = change;
    },
    options: (overrides = {}) => ({
      issuer,
      clientId,
      clientSecret,
      scopes: ['openid', 'profile', 'email', 'groups'],
      displayName: 'Testleverandøren',
      mapping: TEST_ROLE_MAP,
      usernameClaim: 'preferred_username',
      ...overrides,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
