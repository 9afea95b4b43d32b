import { Match } from 'aws-cdk-lib/assertions';
import { functionStatements, grantsOf, logicalId, synthesize } from './fixture';

describe('Construct: SearchIndexing', () => {
  const { template } = synthesize();
  const indexerFn = logicalId(template, 'AWS::Lambda::Function', 'SearchIndexingFunction');
  const mailboxTable = logicalId(template, 'AWS::DynamoDB::Table', 'MailboxTable');
  const statements = functionStatements(template, 'SearchIndexingFunction');

  it('streams the Mailbox table keys only', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
    });
  });

  it('feeds the indexer new message change-log entries in batches, retrying failed mailboxes, then a queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: indexerFn },
      EventSourceArn: { 'Fn::GetAtt': [mailboxTable, 'StreamArn'] },
      StartingPosition: 'LATEST',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { Keys: { sk: { S: [{ prefix: 'CHG#EMAIL#' }] } } },
            }),
          },
        ],
      },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it("reads this table's stream only, with no account-wide wildcard", () => {
    const describe = grantsOf(template, 'SearchIndexingFunction', 'dynamodb:DescribeStream');
    const list = grantsOf(template, 'SearchIndexingFunction', 'dynamodb:ListStreams');
    expect(describe.map((grant) => grant.resource)).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [mailboxTable, 'StreamArn'] }),
    ]);
    expect(list.map((grant) => grant.resource)).toEqual([
      JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [mailboxTable, 'Arn'] }, '/stream/*']] }),
    ]);
    for (const statement of statements) expect(statement.Resource).not.toBe('*');
  });

  it('may read message blobs and keys and write index items, but never change mail, keys or the directory', () => {
    const actions = statements.flatMap((statement) => [statement.Action].flat() as string[]);
    expect(actions).toEqual(
      expect.arrayContaining(['s3:GetObject*', 'dynamodb:BatchWriteItem', 'kms:Decrypt']),
    );
    expect(actions).not.toEqual(expect.arrayContaining(['s3:PutObject']));
    expect(actions.some((action) => action.startsWith('s3:DeleteObject'))).toBe(false);
    // It unwraps mailbox keys but never wraps one (KMS Encrypt outside a service's own use of the table or bucket
    // key), and never deletes or transacts on the Mailbox table.
    const directEncrypt = statements.filter(
      (statement) =>
        [statement.Action].flat().includes('kms:Encrypt') &&
        !JSON.stringify(statement.Condition ?? {}).includes('kms:ViaService'),
    );
    expect(directEncrypt).toEqual([]);
    for (const action of ['dynamodb:DeleteItem', 'dynamodb:TransactWriteItems', 'dynamodb:PutItem'])
      expect(actions).not.toContain(action);
    const keyTable = JSON.stringify({
      'Fn::GetAtt': [logicalId(template, 'AWS::DynamoDB::Table', 'MailboxKeyTable'), 'Arn'],
    });
    const directory = JSON.stringify({
      'Fn::GetAtt': [logicalId(template, 'AWS::DynamoDB::Table', 'DirectoryTable'), 'Arn'],
    });
    for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']) {
      const resources = grantsOf(template, 'SearchIndexingFunction', action).map((grant) => grant.resource);
      expect(resources).not.toContain(keyTable);
      expect(resources).not.toContain(directory);
    }
  });

  it('alarms on batches that failed every attempt, on errors and on index lag', () => {
    for (const description of ['failed every retry', 'search indexer failed', 'more than a minute'])
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmDescription: Match.stringLikeRegexp(description),
      });
  });
});
