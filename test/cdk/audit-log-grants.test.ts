import { grantsOf, synthesize } from './fixture';

describe('Grant: audit log delivery', () => {
  const { template } = synthesize();
  const writers = ['AdminApiFunction', 'JmapFunction'];

  it.each(writers)('lets %s write as itself to WorkMail log groups of this account and Region', (hint) => {
    const puts = grantsOf(template, hint, 'logs:PutLogEvents').map((grant) => grant.resource);

    expect(
      puts.some((resource) => resource.includes(':logs:eu-west-1:123456789012:log-group:/aws/workmail/*')),
    ).toBe(true);
    expect(puts.filter((resource) => /log-group:\*/.test(resource))).toEqual([]);
  });

  it.each(writers)(
    "lets %s put objects only under AWSLogs/<account>/WorkMail/ of this account's buckets",
    (hint) => {
      const puts = grantsOf(template, hint, 's3:PutObject').filter((grant) =>
        grant.resource.includes('AWSLogs'),
      );

      expect(puts).toEqual([
        {
          resource: expect.stringContaining(':s3:::*/AWSLogs/123456789012/WorkMail/*'),
          condition: { StringEquals: { 's3:ResourceAccount': '123456789012' } },
        },
      ]);
    },
  );

  it.each(writers)(
    'lets %s put records only into Firehose streams named for workmail or mailwright',
    (hint) => {
      const streams = grantsOf(template, hint, 'firehose:PutRecordBatch').map((grant) => grant.resource);

      expect(streams).toHaveLength(4);
      for (const stream of streams)
        expect(stream).toMatch(
          /:firehose:eu-west-1:123456789012:deliverystream\/\*(workmail|WorkMail|mailwright|Mailwright)\*"/,
        );
    },
  );
});
