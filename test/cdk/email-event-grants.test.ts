import { grantsOf, synthesize } from './fixture';

describe('Grant: email event logs', () => {
  const { template } = synthesize();
  const emitters = ['InboundFunction', 'JmapFunction', 'SendEventsFunction'];

  it.each(emitters)('lets %s assume only roles of this account named for workmail or mailwright', (hint) => {
    const roles = grantsOf(template, hint, 'sts:AssumeRole').map((grant) => grant.resource);

    expect(roles).toHaveLength(4);
    for (const role of roles) {
      expect(role).toContain(':iam::123456789012:role/*');
      expect(role).toMatch(/role\/\*(workmail|WorkMail|mailwright|Mailwright)\*"/);
    }
  });

  // JMAP also writes audit records to /aws/workmail/* (audit-log-grants.test.ts).
  it.each(['InboundFunction', 'SendEventsFunction'])(
    'lets %s write as itself only to the default email event log groups',
    (hint) => {
      const puts = grantsOf(template, hint, 'logs:PutLogEvents').map((grant) => grant.resource);

      expect(puts).toHaveLength(2);
      for (const resource of puts)
        expect(resource).toContain(':logs:eu-west-1:123456789012:log-group:/aws/workmail/emailevents/*');
    },
  );

  it('grants no function an account-wide role or log group wildcard', () => {
    const wide = ['InboundFunction', 'JmapFunction', 'SendEventsFunction'].flatMap((hint) =>
      [
        ...grantsOf(template, hint, 'sts:AssumeRole'),
        ...grantsOf(template, hint, 'logs:PutLogEvents'),
      ].filter((grant) => /role\/\*"|log-group:\*/.test(grant.resource)),
    );

    expect(wide).toEqual([]);
  });
});
