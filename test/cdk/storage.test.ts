import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DIRECTORY_TABLE, KEY_TABLE, MAILBOX_TABLE } from '../../lambdas/adapters/aws/dynamodb-tables';
import { Storage } from '../../lib/storage';
import { CDK_JSON_CONTEXT, TEST_ENV, logicalId, synthesize } from './fixture';

describe('Construct: Storage', () => {
  const { template } = synthesize();
  const keyId = logicalId(template, 'AWS::KMS::Key', 'OrganizationKey');

  it('creates the default organization key with rotation, retained by default', () => {
    template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({
        EnableKeyRotation: true,
        Description: Match.stringLikeRegexp('organization key'),
      }),
      DeletionPolicy: 'Retain',
    });
  });

  it.each([
    ['DirectoryTable', DIRECTORY_TABLE],
    ['MailboxTable', MAILBOX_TABLE],
  ])('builds the %s from the shared key design, encrypted with the CMK and with PITR', (hint, definition) => {
    const table = template.toJSON().Resources[logicalId(template, 'AWS::DynamoDB::Table', hint)];
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: definition.partitionKey, KeyType: 'HASH' },
        { AttributeName: definition.sortKey, KeyType: 'RANGE' },
      ],
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
      TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
      DeletionProtectionEnabled: true,
    });
    const indexes = table.Properties.GlobalSecondaryIndexes as {
      IndexName: string;
      KeySchema: unknown;
      Projection: unknown;
    }[];
    expect(indexes.map((index) => index.IndexName)).toEqual([...definition.globalIndexes]);
    for (const index of indexes) {
      expect(index.KeySchema).toEqual([
        { AttributeName: `${index.IndexName}pk`, KeyType: 'HASH' },
        { AttributeName: `${index.IndexName}sk`, KeyType: 'RANGE' },
      ]);
      const included: Record<string, string[]> =
        definition === MAILBOX_TABLE
          ? {
              gsi2: ['messageId', 'uid', 'keywords', 'modseq', 'sizeBytes', 'receivedAt'],
              gsi3: ['messageId'],
            }
          : {};
      const attributes = included[index.IndexName];
      expect(index.Projection).toEqual(
        attributes ? { ProjectionType: 'INCLUDE', NonKeyAttributes: attributes } : { ProjectionType: 'ALL' },
      );
    }
  });

  it('keeps wrapped mailbox keys in their own table, without point-in-time recovery by default', () => {
    const table = template.toJSON().Resources[logicalId(template, 'AWS::DynamoDB::Table', 'MailboxKeyTable')];
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: KEY_TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: KEY_TABLE.sortKey, KeyType: 'RANGE' },
      ],
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      DeletionProtectionEnabled: true,
    });
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
  });

  it.each([
    [1, { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 1 }],
    [35, { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 }],
  ])('gives the key table a recovery window of %i days when asked', (days, expected) => {
    const stack = new Stack(new App({ context: CDK_JSON_CONTEXT }), 'Keys', { env: TEST_ENV });
    new Storage(stack, 'Storage', { mailboxKeyRecoveryDays: days });
    const keys = Template.fromStack(stack);
    const table = keys.toJSON().Resources[logicalId(keys, 'AWS::DynamoDB::Table', 'MailboxKeyTable')];
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual(expected);
  });

  it.each([-1, 36, 1.5])('refuses a key recovery window of %p days', (days) => {
    const stack = new Stack(new App({ context: CDK_JSON_CONTEXT }), 'Keys', { env: TEST_ENV });
    expect(() => new Storage(stack, 'Storage', { mailboxKeyRecoveryDays: days })).toThrow(/0 to 35/);
  });

  it('blocks public access on every bucket and denies requests without TLS', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    // Storage's four and the web app's (lib/web-app.ts).
    expect(Object.keys(buckets)).toHaveLength(5);
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const policy = policies.find((candidate) => candidate.Properties.Bucket.Ref === id);
      expect(policy?.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      );
    }
  });

  it('encrypts the data buckets with the organization key (SSE-KMS) and logs their access', () => {
    for (const hint of ['InboundBucket', 'StoreBucket', 'ExportsBucket']) {
      const bucket = template.toJSON().Resources[logicalId(template, 'AWS::S3::Bucket', hint)];
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
        },
      });
      expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({
        Ref: logicalId(template, 'AWS::S3::Bucket', 'AccessLogsBucket'),
      });
    }
  });

  it('expires JMAP uploads in the store bucket after a day, and nothing else there', () => {
    const store = template.toJSON().Resources[logicalId(template, 'AWS::S3::Bucket', 'StoreBucket')];
    const rules = store.Properties.LifecycleConfiguration.Rules as Record<string, unknown>[];

    expect(rules.filter((rule) => rule.ExpirationInDays !== undefined)).toEqual([
      expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
    ]);
  });

  it('keeps the access-log bucket on SSE-S3, the only encryption S3 log delivery supports', () => {
    const logs = template.toJSON().Resources[logicalId(template, 'AWS::S3::Bucket', 'AccessLogsBucket')];
    expect(
      logs.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
  });

  it('expires everything in the inbound bucket (incoming/ and message-flow/) after 7 days', () => {
    const bucket = template.toJSON().Resources[logicalId(template, 'AWS::S3::Bucket', 'InboundBucket')];
    const expiring = (bucket.Properties.LifecycleConfiguration.Rules as Record<string, unknown>[]).filter(
      (rule) => rule.ExpirationInDays !== undefined,
    );
    expect(expiring).toEqual([expect.objectContaining({ ExpirationInDays: 7, Status: 'Enabled' })]);
    expect(expiring[0]).not.toHaveProperty('Prefix');
    expect(expiring[0]).not.toHaveProperty('Filter');
  });

  it('keeps inbound objects for the configured retention, if it outlasts the Message Flow window', () => {
    const stack = new Stack(new App({ context: CDK_JSON_CONTEXT }), 'Retention', { env: TEST_ENV });
    new Storage(stack, 'Storage', { inboundRetention: Duration.days(2) });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 2 })]) },
    });
  });

  it('throws when the inbound retention is shorter than the Message Flow window plus a day', () => {
    const stack = new Stack(new App({ context: CDK_JSON_CONTEXT }), 'Retention', { env: TEST_ENV });
    expect(() => new Storage(stack, 'Storage', { inboundRetention: Duration.hours(36) })).toThrow(
      "Storage 'Storage': inboundRetention is 1 day 12 hours; use at least 2 days so messages outlive the " +
        '24-hour Message Flow window.',
    );
  });

  it('lets only SES receipt rules of this account and rule set write incoming/ (bucket and key policy)', () => {
    const sesConditions = {
      StringEquals: { 'aws:SourceAccount': '123456789012' },
      ArnLike: {
        'aws:SourceArn': 'arn:aws:ses:eu-west-1:123456789012:receipt-rule-set/Test-inbound:receipt-rule/*',
      },
    };
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(template, 'AWS::S3::Bucket', 'InboundBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'ses.amazonaws.com' },
            Action: Match.arrayWith(['s3:PutObject']),
            Condition: sesConditions,
            Resource: { 'Fn::Join': ['', [Match.anyValue(), '/incoming/*']] },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'ses.amazonaws.com' }, Condition: sesConditions }),
        ]),
      },
    });
  });

  it('destroys stateful resources only when asked to', () => {
    const { template: destroyed } = synthesize({ removalPolicy: RemovalPolicy.DESTROY });
    destroyed.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    destroyed.allResources('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
    destroyed.allResourcesProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
  });
});
