import { asArray, functionStatements, grantsOf, logicalId, synthesize } from './fixture';

describe('Construct: UserApi', () => {
  const { template } = synthesize();
  const api = logicalId(template, 'AWS::ApiGateway::RestApi', 'UserApi');
  const ofApi = (type: string) =>
    Object.values(template.findResources(type)).filter((resource) =>
      JSON.stringify(resource.Properties).includes(`"${api}"`),
    );

  it('serves the JMAP session at /.well-known/jmap and everything else under /jmap/, without API Gateway auth', () => {
    expect(
      ofApi('AWS::ApiGateway::Resource')
        .map((resource) => resource.Properties.PathPart)
        .sort(),
    ).toEqual(['.well-known', 'jmap', 'jmap', '{proxy+}'].sort());
    const methods = ofApi('AWS::ApiGateway::Method').map((method) => method.Properties);
    expect(methods.map((method) => method.HttpMethod).sort()).toEqual(['ANY', 'GET']);
    for (const method of methods)
      expect(method).toMatchObject({ AuthorizationType: 'NONE', Integration: { Type: 'AWS_PROXY' } });
    expect(template.findOutputs('JmapSessionUrl')).toBeDefined();
  });

  it('lets the JMAP function read mailbox keys but never write them', () => {
    const keyTable = logicalId(template, 'AWS::DynamoDB::Table', 'MailboxKeyTable');
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    for (const action of writes)
      expect(
        grantsOf(template, 'JmapFunction', action).filter((grant) => grant.resource.includes(keyTable)),
      ).toEqual([]);
    expect(
      grantsOf(template, 'JmapFunction', 'dynamodb:GetItem').some((grant) =>
        grant.resource.includes(keyTable),
      ),
    ).toBe(true);
  });

  it('writes the Directory table only in the sign-in and token partitions', () => {
    const directory = logicalId(template, 'AWS::DynamoDB::Table', 'DirectoryTable');
    const writes = functionStatements(template, 'JmapFunction').filter(
      (statement) =>
        asArray(statement.Action as string | string[]).some((action) =>
          /Put|Update|Delete|BatchWrite/.test(action),
        ) && JSON.stringify(statement.Resource).includes(directory),
    );

    expect(writes).toHaveLength(1);
    expect(writes[0].Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SIGNIN#*', 'PAT#*'] },
    });
  });

  it('reads, writes (uploads, imports) and deletes message blobs in the store bucket only', () => {
    const store = logicalId(template, 'AWS::S3::Bucket', 'StoreBucket');
    const inbound = logicalId(template, 'AWS::S3::Bucket', 'InboundBucket');
    const on = (bucket: string, action: string) =>
      grantsOf(template, 'JmapFunction', action).filter((grant) => grant.resource.includes(bucket));

    for (const action of ['s3:GetObject*', 's3:PutObject', 's3:DeleteObject*'])
      expect(on(store, action).length).toBeGreaterThan(0);
    for (const action of ['s3:GetObject*', 's3:PutObject']) expect(on(inbound, action)).toEqual([]);
  });
});
