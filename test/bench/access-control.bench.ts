/**
 * What access control rules cost a request, with 100 rules against 1, side by side in one run:
 * 1. per request: JMAP `Core/echo` with a token on the local runtime (HTTP, DynamoDB Local), for a user of an
 *    organization with 1 rule and one with 100 (written past the API's limit of 10, to show the cost does not
 *    follow the rule count); the rules are read once a minute per process, so a request pays one pass over the
 *    compiled rules;
 * 2. the evaluation alone: AccessControlPolicy.effect over 1 and 100 compiled rules (IPv4 and IPv6 ranges, users,
 *    protocols), where the linear pass shows.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateOrganizationCommand,
  CreateUserCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbOrganizationRuleSet } from '../../lambdas/adapters/aws/dynamodb-organization-rule-set';
import { AccessControlPolicy } from '../../lambdas/core/access-control/access-control-policy';
import { DEFAULT_ACCESS_CONTROL_RULE } from '../../lambdas/core/access-control/rules';
import type { AccessControlRule } from '../../lambdas/core/access-control/types';
import { startRuntime } from '../../lambdas/local/runtime';

const REQUESTS = 300;
const EVALUATIONS = 200_000;
const PASSWORD = 'Correct-horse1';

/** `count` rules that do not match the benchmark's request, then the default allow rule. */
function rules(count: number): AccessControlRule[] {
  const misses = Array.from({ length: count - 1 }, (_, i) => ({
    ...DEFAULT_ACCESS_CONTROL_RULE,
    name: `deny-${i}`,
    effect: 'DENY' as const,
    actions: i % 2 === 0 ? ['IMAP', 'SMTP'] : [],
    ipRanges: [`10.${i % 256}.0.0/16`, `2001:db8:${i.toString(16)}::/48`],
    notUserIds: [`S-1-5-18-${i}`],
  }));
  return [...misses, DEFAULT_ACCESS_CONTROL_RULE];
}

function nanosecondsPerEvaluation(policy: AccessControlPolicy): number {
  let allowed = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < EVALUATIONS; i += 1)
    if (
      policy.effect({ action: 'JMAP', ipAddress: '192.0.2.7', userId: 'S-1-5-18-bench' }).effect === 'ALLOW'
    )
      allowed += 1;
  const elapsed = Number(process.hrtime.bigint() - start);
  if (allowed !== EVALUATIONS) throw new Error('the benchmark request must be allowed');
  return elapsed / EVALUATIONS;
}

/** The access control benchmark (see the file comment). */
export async function benchAccessControl(): Promise<Record<string, number>> {
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
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: runtime.engines.dynamoDbEndpoint,
      region: runtime.region,
      credentials: runtime.credentials,
    }),
  );
  const ruleSet = new DynamoDbOrganizationRuleSet<AccessControlRule>(
    documents,
    runtime.resources.directoryTable,
    {
      prefix: 'ACR',
      limit: 1_000,
      defaultRule: { key: DEFAULT_ACCESS_CONTROL_RULE.name, rule: DEFAULT_ACCESS_CONTROL_RULE },
    },
  );
  try {
    const tokenFor = async (alias: string, ruleCount: number) => {
      const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: alias }));
      const domain = `${alias}.example.com`;
      await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: domain }));
      const { UserId } = await workmail.send(
        new CreateUserCommand({ OrganizationId, Name: 'ana', DisplayName: 'Ana', Password: PASSWORD }),
      );
      await workmail.send(
        new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: `ana@${domain}` }),
      );
      await ruleSet.delete(OrganizationId!, DEFAULT_ACCESS_CONTROL_RULE.name, Date.now());
      for (const rule of rules(ruleCount))
        await ruleSet.write(OrganizationId!, rule.name, rule, Date.now(), 'upsert');
      const user = await runtime.userAuth.authenticator.signInWithPassword(`ana@${domain}`, PASSWORD, {
        sourceAddress: '127.0.0.1',
        protocol: 'JMAP',
      });
      if (!user.ok) throw new Error(user.reason);
      const created = await runtime.userAuth.tokens.create(user.user, { name: 'bench', scopes: ['mail'] });
      if (!created.ok) throw new Error(created.message);
      return `Bearer ${created.token}`;
    };
    const echo = async (authorization: string) => {
      const response = await fetch(`${runtime.endpoint}/jmap/api/`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ using: ['urn:ietf:params:jmap:core'], methodCalls: [['Core/echo', {}, 'e']] }),
      });
      if (response.status !== 200) throw new Error(`JMAP answered ${response.status}`);
      await response.arrayBuffer();
    };
    const msPerRequest = async (authorization: string) => {
      const start = performance.now();
      for (let i = 0; i < REQUESTS; i++) await echo(authorization);
      return (performance.now() - start) / REQUESTS;
    };
    const one = await tokenFor('acrbenchone', 1);
    const hundred = await tokenFor('acrbenchhundred', 100);
    await echo(one);
    await echo(hundred);
    // Alternate, best of three rounds each, so drift hits both alike.
    let bestOne = Infinity;
    let bestHundred = Infinity;
    for (let round = 0; round < 3; round += 1) {
      bestOne = Math.min(bestOne, await msPerRequest(one));
      bestHundred = Math.min(bestHundred, await msPerRequest(hundred));
    }
    const policyOne = new AccessControlPolicy(rules(1));
    const policyHundred = new AccessControlPolicy(rules(100));
    nanosecondsPerEvaluation(policyOne);
    nanosecondsPerEvaluation(policyHundred);
    const evaluationOne = nanosecondsPerEvaluation(policyOne);
    const evaluationHundred = nanosecondsPerEvaluation(policyHundred);
    return {
      'JMAP request ms, 1 rule': Number(bestOne.toFixed(3)),
      'JMAP request ms, 100 rules': Number(bestHundred.toFixed(3)),
      'ratio per request 100 rules / 1 rule': Number((bestHundred / bestOne).toFixed(2)),
      'evaluation ns, 1 rule': Math.round(evaluationOne),
      'evaluation ns, 100 rules': Math.round(evaluationHundred),
    };
  } finally {
    workmail.destroy();
    documents.destroy();
    await runtime.stop();
  }
}

if (process.argv[1]?.endsWith('access-control.bench.ts')) {
  console.log(await benchAccessControl());
}
