import { adminSecretContext } from '../../lambdas/core/auth/types';
import { mailboxKeyContext } from '../../lambdas/core/crypto/context';
import { DELIVERY_LEDGER_KEY_NAME, deploymentKeyContext } from '../../lambdas/core/crypto/deployment-keys';
import { asArray, functionStatements, logicalId, synthesize } from './fixture';

type Statement = {
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

describe('Construct grants on the KMS keys', () => {
  const { template } = synthesize();
  const organizationKey = JSON.stringify({
    'Fn::GetAtt': [logicalId(template, 'AWS::KMS::Key', 'OrganizationKey'), 'Arn'],
  });
  const operationsKey = JSON.stringify({
    'Fn::GetAtt': [logicalId(template, 'AWS::KMS::Key', 'OperationsKey'), 'Arn'],
  });
  const ref = (type: string, hint: string) => ({ Ref: logicalId(template, type, hint) });
  const arnOf = (type: string, hint: string) => ({ 'Fn::GetAtt': [logicalId(template, type, hint), 'Arn'] });
  const keyStatements = (hint: string, key = organizationKey) =>
    (functionStatements(template, hint) as Statement[]).filter((statement) =>
      asArray(statement.Resource).some((resource) => JSON.stringify(resource) === key),
    );
  const viaService = (statement: Statement) => statement.Condition?.StringEquals?.['kms:ViaService'];
  const functions = ['AdminApiFunction', 'InboundFunction', 'MaintenancePurgeFunction', 'SendEventsFunction'];

  it.each(functions)('gives %s no key statement without a condition', (hint) => {
    const statements = [...keyStatements(hint), ...keyStatements(hint, operationsKey)];

    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect(statement.Condition).toBeDefined();
  });

  it.each(functions)('limits the DynamoDB use of the key by %s to its tables', (hint) => {
    const viaDynamoDb = keyStatements(hint).filter(
      (statement) => viaService(statement) === 'dynamodb.eu-west-1.amazonaws.com',
    );
    const tables = viaDynamoDb
      .filter((statement) => asArray(statement.Action).includes('kms:Decrypt'))
      .map(
        (statement) => statement.Condition?.StringEquals?.['kms:EncryptionContext:aws:dynamodb:tableName'],
      );

    expect(tables).toEqual(
      expect.arrayContaining([
        ref('AWS::DynamoDB::Table', 'DirectoryTable'),
        ref('AWS::DynamoDB::Table', 'MailboxTable'),
        ref('AWS::DynamoDB::Table', 'MailboxKeyTable'),
      ]),
    );
    expect(tables).toHaveLength(3);
  });

  it('limits the S3 use of the key to the buckets each function reads or writes', () => {
    const buckets = (hint: string) =>
      keyStatements(hint)
        .filter((statement) => viaService(statement) === 's3.eu-west-1.amazonaws.com')
        .map((statement) => ({
          actions: asArray(statement.Action).sort(),
          arns: statement.Condition?.StringLike?.['kms:EncryptionContext:aws:s3:arn'],
        }));
    const objectsOf = (hint: string) => {
      const bucket = arnOf('AWS::S3::Bucket', hint);
      return [bucket, { 'Fn::Join': ['', [bucket, '/*']] }];
    };
    const readWrite = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];

    expect(buckets('AdminApiFunction')).toEqual([{ actions: readWrite, arns: objectsOf('InboundBucket') }]);
    expect(buckets('InboundFunction')).toEqual(
      expect.arrayContaining([
        // readWrite on the inbound bucket: journal records are written under journal/ (grantJournalRecording).
        { actions: readWrite, arns: objectsOf('InboundBucket') },
        { actions: readWrite, arns: objectsOf('StoreBucket') },
      ]),
    );
    expect(buckets('MaintenancePurgeFunction')).toEqual([]);
  });

  it('lets the API function decrypt through Secrets Manager only its two secrets', () => {
    const secrets = keyStatements('AdminApiFunction')
      .filter((statement) => viaService(statement) === 'secretsmanager.eu-west-1.amazonaws.com')
      .map((statement) => ({
        actions: statement.Action,
        secret: statement.Condition?.StringEquals?.['kms:EncryptionContext:SecretARN'],
      }));

    expect(secrets).toEqual(
      expect.arrayContaining([
        { actions: 'kms:Decrypt', secret: ref('AWS::SecretsManager::Secret', 'BootstrapAdminSecret') },
        { actions: 'kms:Decrypt', secret: ref('AWS::SecretsManager::Secret', 'PageTokenSecret') },
      ]),
    );
    expect(secrets).toHaveLength(2);
    const keyPolicy = JSON.stringify(
      template.toJSON().Resources[logicalId(template, 'AWS::KMS::Key', 'OrganizationKey')].Properties
        .KeyPolicy,
    );
    expect(keyPolicy).not.toContain('AdminApiFunctionServiceRole');
  });

  it('lets the inbound function use the operations key through SQS for its dead-letter queue only', () => {
    const statements = keyStatements('InboundFunction', operationsKey);

    expect(statements).toEqual([
      {
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Effect: 'Allow',
        Resource: JSON.parse(operationsKey),
        Condition: {
          StringEquals: {
            'kms:ViaService': 'sqs.eu-west-1.amazonaws.com',
            'kms:EncryptionContext:aws:sqs:arn': arnOf('AWS::SQS::Queue', 'InboundDeadLetterQueue'),
          },
        },
      },
    ]);
  });

  /** Direct Encrypt/Decrypt statements (no kms:ViaService) of a function, keyed by their context keys. */
  const wrapping = (hint: string) =>
    keyStatements(hint)
      .filter(
        (statement) =>
          viaService(statement) === undefined && asArray(statement.Action).includes('kms:Decrypt'),
      )
      .map((statement) => ({
        keys: statement.Condition?.['ForAllValues:StringEquals']?.['kms:EncryptionContextKeys'],
        condition: statement.Condition,
      }));

  it('lets each function wrap only the kinds of keys it uses, each with its encryption context', () => {
    const kinds = (hint: string) => wrapping(hint).map((statement) => statement.keys);
    const mailbox = ['aws:workmail:arn', 'mailwright:mailbox'];
    const admin = ['purpose', 'accessKeyId'];
    const ledger = ['mailwright:purpose'];

    // The ledger's deployment key: VerifyJournalReport derives the journal report MAC key from it.
    expect(kinds('AdminApiFunction')).toEqual(expect.arrayContaining([mailbox, admin, ledger]));
    expect(kinds('AdminApiFunction')).toHaveLength(3);
    expect(kinds('InboundFunction')).toEqual(expect.arrayContaining([mailbox, ledger]));
    expect(kinds('InboundFunction')).toHaveLength(2);
    expect(kinds('MaintenancePurgeFunction')).toEqual([mailbox]);
  });

  it('requires mailbox keys to name an organization of this account and Region, and the ledger key by name', () => {
    const inbound = wrapping('InboundFunction');
    const mailbox = inbound.find((statement) => asArray(statement.keys).includes('mailwright:mailbox'));
    const ledger = inbound.find((statement) => asArray(statement.keys).includes('mailwright:purpose'));

    expect(mailbox?.condition?.StringLike).toEqual({
      'kms:EncryptionContext:aws:workmail:arn': 'arn:aws:workmail:eu-west-1:123456789012:organization/*',
      'kms:EncryptionContext:mailwright:mailbox': '?*',
    });
    expect(ledger?.condition?.StringEquals).toEqual({
      'kms:EncryptionContext:mailwright:purpose': 'delivery-ledger',
    });
  });

  it('names exactly the context keys the runtime sends when it wraps each kind of key', () => {
    const contexts = [
      mailboxKeyContext('arn:aws:workmail:eu-west-1:123456789012:organization/m-1', 'S-1-1'),
      adminSecretContext('AKMW0123456789ABCDEF'),
      deploymentKeyContext(DELIVERY_LEDGER_KEY_NAME),
    ].map((context) => Object.keys(context).sort());
    const granted = [...wrapping('AdminApiFunction'), ...wrapping('InboundFunction')].map((statement) =>
      [...asArray(statement.keys as string[])].sort(),
    );

    for (const keys of contexts) expect(granted).toContainEqual(keys);
    expect(adminSecretContext('AKMW0123456789ABCDEF').purpose).toBe('mailwright-admin-key');
  });
});
