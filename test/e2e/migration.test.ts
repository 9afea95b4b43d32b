import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SdkWorkMailApi } from '../../lambdas/adapters/aws/sdk-workmail-api';
import { CsvPasswordSheet } from '../../lambdas/adapters/local/csv-password-sheet';
import { FileMigrationState } from '../../lambdas/adapters/local/file-migration-state';
import {
  migrateDirectory,
  readInventory,
  type Inventory,
  type WorkMailApi,
} from '../../lambdas/core/migration';
import { migrateCommand } from '../../lambdas/local/migrate';
import { ImapClient } from '../support/imap-client';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { testBucketNames, testS3Client, testS3Endpoint } from '../support/s3';
import {
  SOURCE_DOMAINS,
  SOURCE_PASSWORD,
  sourceOrganization,
  type SourceOrganization,
} from '../support/migration-organization';

/** What `migrate` printed and returned. */
interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * The organization as names and values only (ids replaced by names), comparable between source and target: what
 * the migration promises to keep. Addresses on the test domain are written `…@<test>`.
 */
function comparable(inventory: Inventory) {
  const names = new Map<string, string>();
  for (const entity of [...inventory.users, ...inventory.groups, ...inventory.resources])
    names.set(entity.id, entity.name);
  const roles = new Map(
    inventory.impersonationRoles.map((role) => [role.ImpersonationRoleId, String(role.Name)]),
  );
  const name = (id: unknown) => names.get(String(id)) ?? roles.get(String(id)) ?? `unknown:${String(id)}`;
  const testDomain = inventory.domains.find((domain) => domain.isTest)?.name;
  const address = (value?: string) => value?.replace(`@${testDomain}`, '@<test>');
  const sorted = <T>(items: readonly T[], key: (item: T) => string) =>
    [...items].sort((a, b) => key(a).localeCompare(key(b)));
  const ids = (value: unknown) => (value as string[] | undefined)?.map(name).sort();
  return {
    domains: sorted(
      inventory.domains
        .filter((domain) => !domain.isTest)
        .map(({ name, isDefault }) => ({ name, isDefault })),
      (domain) => domain.name,
    ),
    users: sorted(
      inventory.users.map(({ id: _id, mailboxSizeMegabytes: _size, ...user }) => ({
        ...user,
        email: address(user.email),
        aliases: [...user.aliases].sort(),
      })),
      (user) => user.name,
    ),
    groups: sorted(
      inventory.groups.map(({ id: _id, ...group }) => ({
        ...group,
        aliases: [...group.aliases].sort(),
        members: group.members.map((member) => name(member.Id)).sort(),
      })),
      (group) => group.name,
    ),
    resources: sorted(
      inventory.resources.map(({ id: _id, ...resource }) => ({
        ...resource,
        delegates: resource.delegates.map((delegate) => name(delegate.Id)).sort(),
      })),
      (resource) => resource.name,
    ),
    permissions: inventory.permissions
      .flatMap((entry) =>
        entry.grants.map(
          (grant) =>
            `${name(entry.entityId)} ${name(grant.GranteeId)} ${[...grant.PermissionValues].sort().join('+')}`,
        ),
      )
      .sort(),
    impersonationRoles: inventory.impersonationRoles.map((role) => ({
      Name: role.Name,
      Type: role.Type,
      Description: role.Description,
      Rules: (role.Rules as Record<string, unknown>[]).map((rule) => ({
        Name: rule.Name,
        Effect: rule.Effect,
        TargetUsers: ids(rule.TargetUsers),
      })),
    })),
    accessControlRules: sorted(
      inventory.accessControlRules.map(
        ({ DateCreated: _c, DateModified: _m, ...rule }): Record<string, unknown> => ({
          ...rule,
          UserIds: ids(rule.UserIds),
          ImpersonationRoleIds: ids(rule.ImpersonationRoleIds),
        }),
      ),
      (rule) => String(rule.Name),
    ),
    mobileDeviceRules: sorted(
      inventory.mobileDeviceRules.map(
        ({
          MobileDeviceAccessRuleId: _id,
          DateCreated: _c,
          DateModified: _m,
          ...rule
        }): Record<string, unknown> => rule,
      ),
      (rule) => String(rule.Name),
    ),
    mobileDeviceOverrides: inventory.mobileDeviceOverrides.map(
      ({ DateCreated: _c, DateModified: _m, ...override }) => ({
        ...override,
        UserId: name(override.UserId),
      }),
    ),
    retentionPolicy: { ...inventory.retentionPolicy, Id: undefined },
    availabilityConfigurations: inventory.availabilityConfigurations
      .filter((entry) => entry.LambdaProvider)
      .map(({ DateCreated: _c, DateModified: _m, ...entry }) => entry),
    inboundDmarcEnforced: inventory.inboundDmarcEnforced,
    emailMonitoring: inventory.emailMonitoring,
    tags: inventory.tags,
  };
}

const FOLDERS = ['INBOX', 'Projects', 'Sent Items'];
const buckets = testBucketNames('exports', 'imports');

/** Every message of a mailbox over IMAP, as `<folder> <sha256 of its bytes>`, sorted. */
async function mailboxDigest(mw: TestRuntime, address: string, password: string): Promise<string[]> {
  const imap = await ImapClient.connect(mw.imap.host, mw.imap.port);
  await imap.login(address, password);
  const digests: string[] = [];
  for (const folder of FOLDERS) {
    if ((await imap.command(`EXAMINE "${folder}"`)).status !== 'OK') continue;
    for (const line of (await imap.command('UID FETCH 1:* (BODY.PEEK[])')).untagged) {
      const items = line[2];
      if (line[1] !== 'FETCH' || !Array.isArray(items)) continue;
      const body = Buffer.from(items[items.indexOf('BODY[]') + 1] as string, 'latin1');
      digests.push(`${folder} ${createHash('sha256').update(body).digest('hex')}`);
    }
  }
  await imap.logout();
  return digests.sort();
}

/** Files messages into a source mailbox over IMAP. */
async function append(
  mw: TestRuntime,
  address: string,
  folder: string,
  count: number,
  bodyBytes = 0,
): Promise<void> {
  const imap = await ImapClient.connect(mw.imap.host, mw.imap.port);
  await imap.login(address, SOURCE_PASSWORD);
  await imap.command(`CREATE "${folder}"`);
  for (let i = 0; i < count; i++)
    await imap.command(
      `APPEND "${folder}"`,
      Buffer.from(
        `From: someone@example.org\r\nTo: ${address}\r\nSubject: ${folder} ${i}\r\n` +
          `Message-ID: <${folder.replace(/\W/g, '')}-${i}-${address}>\r\n\r\nBody ${i} of ${folder}.\r\n` +
          `${'x'.repeat(76)}\r\n`.repeat(Math.ceil(bodyBytes / 78)),
      ),
    );
  await imap.logout();
}

describe('E2E: migrate a whole organization from one Mailwright to another', () => {
  let source: TestRuntime;
  let target: TestRuntime;
  let organization: SourceOrganization;
  let dir: string;
  /** The outside DNS the `check` step sees: `TYPE name` → answers. */
  const publishedDns = new Map<string, string[]>();

  const migrate = async (step: string, ...extra: string[]): Promise<Ran> => {
    let out = '';
    let err = '';
    const sink = (write: (text: string) => void) =>
      new Writable({ write: (chunk: Buffer, _encoding, done) => (write(chunk.toString()), done()) });
    const code = await migrateCommand(
      [
        step,
        '--source-organization-id',
        organization.organizationId,
        '--source-endpoint',
        source.endpoint,
        '--target-endpoint',
        target.endpoint,
        '--state',
        join(dir, 'state.json'),
        '--report',
        dir,
        '--passwords-file',
        join(dir, 'passwords.csv'),
        ...extra,
      ],
      {
        stdout: sink((text) => (out += text)),
        stderr: sink((text) => (err += text)),
        env: {
          MAILWRIGHT_SOURCE_ACCESS_KEY_ID: source.credentials.accessKeyId,
          MAILWRIGHT_SOURCE_SECRET_ACCESS_KEY: source.credentials.secretAccessKey,
          MAILWRIGHT_TARGET_ACCESS_KEY_ID: target.credentials.accessKeyId,
          MAILWRIGHT_TARGET_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
        },
        dns: { resolve: async (name, type) => publishedDns.get(`${type} ${name}`) ?? [] },
      },
    );
    return { code, out, err };
  };
  const api = (runtime: TestRuntime): WorkMailApi => new SdkWorkMailApi(runtime.workmail());
  const targetOrganizations = async () =>
    ((await api(target).call('ListOrganizations', {})).OrganizationSummaries as unknown[]).length;

  beforeAll(async () => {
    [source, target] = await Promise.all([startTestRuntime(), startTestRuntime()]);
    organization = await sourceOrganization(source);
    dir = await mkdtemp(join(tmpdir(), 'mw-migration-'));
    (await testS3Client(buckets.exports, buckets.imports)).destroy();
    // 2,000 messages across folders and domains, two of them 10 MB.
    await append(source, `u00@${SOURCE_DOMAINS[0]}`, 'INBOX', 700);
    await append(source, `u00@${SOURCE_DOMAINS[0]}`, 'Projects', 400);
    await append(source, `u01@${SOURCE_DOMAINS[0]}`, 'INBOX', 500);
    await append(source, `u31@${SOURCE_DOMAINS[1]}`, 'Sent Items', 398);
    await append(source, `u31@${SOURCE_DOMAINS[1]}`, 'INBOX', 2, 10 * 1024 * 1024);
  }, 600_000);

  afterAll(async () => {
    await Promise.all([source?.stop(), target?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('plans without changing anything: what moves, what does not and why, volume and time', async () => {
    const ran = await migrate('plan');

    expect(ran.code).toBe(0);
    const plan = JSON.parse(await readFile(join(dir, 'migration-plan.json'), 'utf8')) as {
      moves: Record<string, number>;
      notMoved: { what: string }[];
      estimate: { seconds: number };
    };
    expect(plan.moves).toMatchObject({ domains: 2, users: 47, groups: 4, resources: 2, mailboxes: 42 });
    expect(plan.notMoved.map((item) => item.what)).toEqual(
      expect.arrayContaining([
        'Email flow rules',
        'Email journaling',
        'Deleted entities: u47, u48, u49',
        'EWS availability configuration for legacy.example',
      ]),
    );
    expect(await readFile(join(dir, 'migration-plan.md'), 'utf8')).toContain('## What does not move');
    expect(await targetOrganizations()).toBe(0);
  });

  it('prints every call of a dry run, passwords masked, and changes nothing', async () => {
    const ran = await migrate('directory', '--dry-run');

    expect(ran.code).toBe(0);
    expect(ran.out).toMatch(/would call CreateUser \{.*"Name":"u00".*"Password":"\*\*\*"/);
    expect(ran.out).toContain('would call PutRetentionPolicy');
    expect(ran.out).not.toContain('Source-password1');
    expect(await targetOrganizations()).toBe(0);
  });

  it('reports an address the target already uses, finishes a run killed half-way without duplicates, then a re-run changes nothing', async () => {
    // Prepare: the target already has the organization, with a user holding the sales group's alias.
    const squatted = api(target);
    const { OrganizationId } = (await squatted.call('CreateOrganization', { Alias: 'northwind' })) as {
      OrganizationId: string;
    };
    await squatted.call('RegisterMailDomain', { OrganizationId, DomainName: SOURCE_DOMAINS[0] });
    const { UserId } = (await squatted.call('CreateUser', {
      OrganizationId,
      Name: 'squatter',
      DisplayName: 'Squatter',
    })) as { UserId: string };
    await squatted.call('RegisterToWorkMail', {
      OrganizationId,
      EntityId: UserId,
      Email: `deals@${SOURCE_DOMAINS[0]}`,
    });
    // A first run is killed after 150 calls to the target.
    let calls = 0;
    const dying: WorkMailApi = {
      call: (action, input) => {
        if (++calls > 150) throw new Error('killed');
        return squatted.call(action, input);
      },
    };
    const inventory = await readInventory(api(source), organization.organizationId);
    await expect(
      migrateDirectory(
        {
          target: dying,
          state: await FileMigrationState.open(join(dir, 'state.json')),
          passwords: await CsvPasswordSheet.open(join(dir, 'passwords.csv')),
          log: () => {},
        },
        inventory,
      ),
    ).rejects.toThrow('killed');

    // Act: the whole run, resumed from the state file.
    const resumed = await migrate(
      'run',
      ...['--export-bucket', buckets.exports, '--export-role-arn', 'arn:aws:iam::111122223333:role/Export'],
      ...[
        '--export-kms-key-arn',
        'arn:aws:kms:us-east-1:111122223333:key/export',
        '--import-bucket',
        buckets.imports,
      ],
      ...[
        '--export-s3-endpoint',
        testS3Endpoint(),
        '--import-s3-endpoint',
        testS3Endpoint(),
        '--concurrency',
        '10',
      ],
    );

    // Assess: everything but the squatted alias moved, entity by entity, once.
    expect(resumed.out).toMatch(/not done: alias deals@northwind\.example: EmailAddressInUseException/);
    expect(resumed.out.match(/^ {2}not done:/gm)).toHaveLength(1);
    expect(resumed.code).toBe(1);
    const moved = await readInventory(api(target), OrganizationId);
    const expected = comparable(inventory);
    const actual = comparable(moved);
    expect(actual.users.map((user) => user.name)).toEqual(
      [...expected.users.map((user) => user.name), 'squatter'].sort(),
    );
    expect(actual.users.filter((user) => user.name !== 'squatter')).toEqual(expected.users);
    const sales = expected.groups.find((group) => group.name === 'sales')!;
    expect(actual.groups).toEqual(
      expected.groups.map((group) => (group === sales ? { ...sales, aliases: [] } : group)),
    );
    const { users: _u, groups: _g, ...rest } = actual;
    const { users: _eu, groups: _eg, ...expectedRest } = expected;
    expect(rest).toEqual(expectedRest);
    expect(await targetOrganizations()).toBe(1);
    expect(resumed.out).toContain(`${SOURCE_DOMAINS[0]}  MX`);

    // The passwords sheet: owner-only, one row per enabled user, and a password that signs in on the target.
    const sheet = await readFile(join(dir, 'passwords.csv'), 'utf8');
    expect((await stat(join(dir, 'passwords.csv'))).mode & 0o777).toBe(0o600);
    const rows = sheet.trim().split('\n').slice(1);
    expect(rows).toHaveLength(40);
    const [address, , password] = rows.find((row) => row.startsWith('u01@'))!.split(',');
    const session = await fetch(`${target.endpoint}/.well-known/jmap`, {
      headers: { authorization: `Basic ${Buffer.from(`${address}:${password}`).toString('base64')}` },
    });
    expect(session.status).toBe(200);

    // Mailboxes: every one moved, each message byte for byte in its folder.
    expect(resumed.out).toMatch(/mailboxes: 42 moved, 0 unchanged, 0 failed; 2000 messages imported/);
    for (const address of [
      `u00@${SOURCE_DOMAINS[0]}`,
      `u01@${SOURCE_DOMAINS[0]}`,
      `u31@${SOURCE_DOMAINS[1]}`,
    ]) {
      const targetPassword = rows.find((row) => row.startsWith(`${address},`))!.split(',')[2]!;
      const moved = await mailboxDigest(target, address, targetPassword);
      expect(moved).toEqual(await mailboxDigest(source, address, SOURCE_PASSWORD));
      expect(moved.length).toBeGreaterThan(1);
    }

    // A second run finds everything done.
    const again = await migrate('directory');
    expect(again.out).toMatch(/directory: 0 changes on .*, 0 adopted, 1 problems/);

    // Cut-over: the first domain's records are published, the second's not yet.
    const { Records } = (await squatted.call('GetMailDomain', {
      OrganizationId,
      DomainName: SOURCE_DOMAINS[0],
    })) as {
      Records: { Type: string; Hostname: string; Value: string }[];
    };
    for (const record of Records) publishedDns.set(`${record.Type} ${record.Hostname}`, [record.Value]);
    const checked = await migrate('check');
    expect(checked.code).toBe(1);
    expect(checked.out).toContain(
      `check: ${Records.length} of ${2 * Records.length} records point at Mailwright`,
    );
    expect(checked.out).toMatch(new RegExp(`^missing +MX +${SOURCE_DOMAINS[1]}`, 'm'));
  }, 600_000);
});
