/**
 * Requests per second a JMAP user gets with a personal access token against the directory password, on the local
 * runtime (its HTTP server, DynamoDB Local, s3rver), side by side in one run: `Core/echo` requests one after another
 * over loopback, so the figure is the sign-in's cost plus the request layer's. A password sign-in pays scrypt once
 * and is then served from the 60-second verified-password cache (which still re-reads the user each request); a
 * token costs one hash and one read. The first password sign-in (scrypt) is reported on its own.
 */
import {
  CreateOrganizationCommand,
  CreateUserCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { startRuntime } from '../../lambdas/local/runtime';

const REQUESTS = 300;
const PASSWORD = 'Correct-horse1';

/** The JMAP sign-in benchmark (see the file comment). */
export async function benchJmapAuth(): Promise<Record<string, number>> {
  const runtime = await startRuntime({
    port: 0,
    smtpPort: 0,
    submissionPort: 0,
    submissionsPort: 0,
    memory: true,
    logger: { error: () => {} },
  });
  const workmail = new WorkMailClient({
    endpoint: runtime.endpoint,
    region: runtime.region,
    credentials: runtime.credentials,
  });
  try {
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'benchauth' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: 'bench.example.com' }));
    const { UserId } = await workmail.send(
      new CreateUserCommand({ OrganizationId, Name: 'ana', DisplayName: 'Ana', Password: PASSWORD }),
    );
    const email = 'ana@bench.example.com';
    await workmail.send(new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: email }));
    // The first sign-in pays scrypt; later ones within 60 s are served from the verified-password cache.
    const firstStart = performance.now();
    const user = await runtime.userAuth.authenticator.signInWithPassword(email, PASSWORD, {
      sourceAddress: '127.0.0.3',
      protocol: 'JMAP',
    });
    const firstPasswordMs = performance.now() - firstStart;
    if (!user.ok) throw new Error(user.reason);
    const created = await runtime.userAuth.tokens.create(user.user, { name: 'bench', scopes: ['mail'] });
    if (!created.ok) throw new Error(created.message);

    const echo = async (authorization: string) => {
      const response = await fetch(`${runtime.endpoint}/jmap/api/`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ using: ['urn:ietf:params:jmap:core'], methodCalls: [['Core/echo', {}, 'e']] }),
      });
      if (response.status !== 200) throw new Error(`JMAP answered ${response.status}`);
      await response.arrayBuffer();
    };
    const perSecond = async (authorization: string) => {
      await echo(authorization); // warm: connection, caches
      const start = performance.now();
      for (let i = 0; i < REQUESTS; i++) await echo(authorization);
      return REQUESTS / ((performance.now() - start) / 1000);
    };
    const basic = `Basic ${Buffer.from(`${email}:${PASSWORD}`).toString('base64')}`;
    const token = await perSecond(`Bearer ${created.token}`);
    const password = await perSecond(basic);
    return {
      [`JMAP Core/echo per second with a token (${REQUESTS} sequential)`]: Number(token.toFixed(0)),
      [`JMAP Core/echo per second with a password, cached (${REQUESTS} sequential)`]: Number(
        password.toFixed(0),
      ),
      'ratio requests per second token / password': Number((token / password).toFixed(2)),
      'password sign-in without the cache (scrypt) ms': Number(firstPasswordMs.toFixed(1)),
    };
  } finally {
    workmail.destroy();
    await runtime.stop();
  }
}
