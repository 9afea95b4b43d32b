import {
  emailMonitoringConfiguration,
  organizationEmailReceived,
  outgoingEmailBounced,
  outgoingEmailSubmitted,
} from '../../../lambdas/core/email-events';

const received = {
  recipients: ['ana@example.com'],
  from: 'boss@remote.example',
  subject: 'Hello',
  messageId: '<1@remote.example>',
  verdicts: { spam: 'PASS', dkim: 'PASS', dmarc: 'PASS', spf: 'PASS' },
  receivedAt: Date.UTC(2026, 11, 4, 10, 0, 0),
};

describe('Email events: field rules (requirement 22)', () => {
  it('writes ORGANIZATION_EMAIL_RECEIVED with the §5.1 fields, without sender or dmarcPolicy by default', () => {
    expect(organizationEmailReceived(received)).toEqual({
      eventName: 'ORGANIZATION_EMAIL_RECEIVED',
      recipients: ['ana@example.com'],
      from: 'boss@remote.example',
      subject: 'Hello',
      messageId: '<1@remote.example>',
      spamVerdict: 'PASS',
      dkimVerdict: 'PASS',
      dmarcVerdict: 'PASS',
      spfVerdict: 'PASS',
      messageTimestamp: '2026-12-04T10:00:00.000Z',
    });
  });

  it('adds sender only for send-on-behalf (a Sender: other than the From:)', () => {
    expect(organizationEmailReceived({ ...received, sender: 'assistant@remote.example' }).sender).toBe(
      'assistant@remote.example',
    );
    expect(organizationEmailReceived({ ...received, sender: 'BOSS@remote.example' })).not.toHaveProperty(
      'sender',
    );
    expect(outgoingEmailSubmitted({ recipients: [], from: 'a@x.example', subject: '' })).not.toHaveProperty(
      'sender',
    );
  });

  it('adds dmarcPolicy only when the DMARC verdict is FAIL, in upper case, NONE when unknown', () => {
    const failed = (dmarcPolicy?: string) =>
      organizationEmailReceived({
        ...received,
        verdicts: { ...received.verdicts, dmarc: 'FAIL', dmarcPolicy },
      });

    expect(failed('reject').dmarcPolicy).toBe('REJECT');
    expect(failed('quarantine').dmarcPolicy).toBe('QUARANTINE');
    expect(failed(undefined).dmarcPolicy).toBe('NONE');
    expect(
      organizationEmailReceived({ ...received, verdicts: { ...received.verdicts, dmarcPolicy: 'reject' } }),
    ).not.toHaveProperty('dmarcPolicy');
  });

  it('gives OUTGOING_EMAIL_BOUNCED a bouncedRecipient object, a destination and a reason', () => {
    expect(
      outgoingEmailBounced({
        emailAddress: 'x@remote.example',
        reason: 'smtp; 550 5.1.1 unknown',
        status: '5.1.1',
      }),
    ).toEqual({
      eventName: 'OUTGOING_EMAIL_BOUNCED',
      bouncedRecipient: {
        emailAddress: 'x@remote.example',
        reason: 'smtp; 550 5.1.1 unknown',
        status: '5.1.1',
      },
      destination: 'x@remote.example',
      reason: 'smtp; 550 5.1.1 unknown',
    });
  });
});

describe('emailMonitoringConfiguration', () => {
  const location = { region: 'eu-west-1', accountId: '111122223333' };
  const group = (region: string, account: string) =>
    `arn:aws:logs:${region}:${account}:log-group:workmail-monitoring:*`;
  const check = (logGroupArn: string, roleArn?: string) =>
    emailMonitoringConfiguration(location, { organizationId: 'm-1', logGroupArn, roleArn }, 5);

  it('accepts a log group of the deployment and an optional role of its account', () => {
    expect(check(group('eu-west-1', '111122223333'))).toEqual({
      ok: true,
      value: { organizationId: 'm-1', logGroupArn: group('eu-west-1', '111122223333'), updatedAt: 5 },
    });
    expect(
      check(group('eu-west-1', '111122223333'), 'arn:aws:iam::111122223333:role/workmail-x'),
    ).toMatchObject({
      ok: true,
      value: { roleArn: 'arn:aws:iam::111122223333:role/workmail-x' },
    });
  });

  it.each([
    [group('us-east-1', '111122223333'), undefined, { field: 'LogGroupArn', reason: 'otherRegion' }],
    [group('eu-west-1', '444455556666'), undefined, { field: 'LogGroupArn', reason: 'otherAccount' }],
    [
      'arn:aws:logs:eu-west-1:111122223333:log-group:x',
      undefined,
      { field: 'LogGroupArn', reason: 'malformed' },
    ],
    [
      group('eu-west-1', '111122223333'),
      'arn:aws:iam::444455556666:role/workmail-x',
      { field: 'RoleArn', reason: 'otherAccount' },
    ],
    [
      group('eu-west-1', '111122223333'),
      'arn:aws:iam::111122223333:user/workmail-x',
      { field: 'RoleArn', reason: 'malformed' },
    ],
  ])('refuses %s with role %s', (logGroupArn, roleArn, refusal) => {
    expect(check(logGroupArn, roleArn)).toEqual({ ok: false, refusal });
  });
});
