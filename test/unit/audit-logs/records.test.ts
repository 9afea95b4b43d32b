import {
  accessControlRecord,
  authenticationRecord,
  availabilityProviderRecord,
  mailboxAccessRecord,
  personalAccessTokenRecord,
} from '../../../lambdas/core/audit-logs/records';

const head = {
  timestamp: 1_900_000_000_123,
  requestId: 'req-1',
  organizationArn: 'arn:aws:workmail:us-east-1:111122223333:organization/m-0123',
};
const common = {
  event_timestamp: 1_900_000_000_123,
  request_id: 'req-1',
  organization_arn: head.organizationArn,
};

describe('Audit records: AUTHENTICATION_LOGS', () => {
  it('has the success fields, method basic, and no failure reason', () => {
    const record = authenticationRecord(head, {
      organizationId: 'm-0123',
      userId: 'u-1',
      user: 'ana@example.com',
      protocol: 'IMAP',
      sourceIp: '192.0.2.1',
      userAgent: 'Thunderbird',
      successful: true,
    });

    expect(record).toEqual({
      ...common,
      user_id: 'u-1',
      protocol: 'IMAP',
      source_ip: '192.0.2.1',
      user_agent: 'Thunderbird',
      user: 'ana@example.com',
      method: 'basic',
      auth_successful: true,
    });
  });

  it('adds auth_failed_reason only on failure, and personal_access_token_id when a token was used', () => {
    const record = authenticationRecord(head, {
      organizationId: 'm-0123',
      user: 'ana@example.com',
      protocol: 'JMAP',
      sourceIp: '192.0.2.1',
      successful: false,
      failedReason: 'TOKEN_EXPIRED',
      personalAccessTokenId: 'abc',
    });

    expect(record).toMatchObject({ auth_successful: false, auth_failed_reason: 'TOKEN_EXPIRED' });
    expect(record.personal_access_token_id).toBe('abc');
    expect(record).not.toHaveProperty('user_id');
    expect(record).not.toHaveProperty('user_agent');
  });
});

describe('Audit records: ACCESS_CONTROL_LOGS', () => {
  it('has no user_agent, and rule_id and impersonator_id only when known', () => {
    const matched = accessControlRecord(head, {
      organizationId: 'm-0123',
      userId: 'u-1',
      impersonatorId: 'role-1',
      protocol: 'IMAP',
      sourceIp: '192.0.2.1',
      scope: 'ImpersonationAccessControl',
      ruleId: 'rule-1',
      accessGranted: true,
    });
    const unmatched = accessControlRecord(head, {
      organizationId: 'm-0123',
      userId: 'u-1',
      protocol: 'JMAP',
      sourceIp: '192.0.2.1',
      scope: 'AccessControl',
      accessGranted: true,
    });

    expect(matched).toEqual({
      ...common,
      user_id: 'u-1',
      impersonator_id: 'role-1',
      protocol: 'IMAP',
      source_ip: '192.0.2.1',
      scope: 'ImpersonationAccessControl',
      rule_id: 'rule-1',
      access_granted: true,
    });
    expect(Object.keys(unmatched).sort()).toEqual(
      [...Object.keys(common), 'user_id', 'protocol', 'source_ip', 'scope', 'access_granted'].sort(),
    );
  });
});

describe('Audit records: WORKMAIL_MAILBOX_ACCESS_LOGS', () => {
  it('has the item and folder fields the operation names, and action_allowed', () => {
    const record = mailboxAccessRecord(head, {
      organizationId: 'm-0123',
      userId: 'u-1',
      protocol: 'JMAP',
      sourceIp: '192.0.2.1',
      action: 'delete',
      ownerId: 'u-2',
      objectType: 'Message',
      itemId: 'msg-1',
      folderId: 'f-1',
      allowed: false,
    });

    expect(record).toEqual({
      ...common,
      user_id: 'u-1',
      protocol: 'JMAP',
      source_ip: '192.0.2.1',
      action: 'delete',
      owner_id: 'u-2',
      object_type: 'Message',
      item_id: 'msg-1',
      folder_id: 'f-1',
      action_allowed: false,
    });
  });
});

describe('Audit records: WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS', () => {
  it('uses protocol webapp, an ISO expiry and the scopes', () => {
    const record = personalAccessTokenRecord(head, {
      organizationId: 'm-0123',
      userId: 'u-1',
      user: 'ana@example.com',
      action: 'create',
      name: 'laptop',
      expiresAt: Date.UTC(2027, 0, 2),
      scopes: ['mail'],
    });

    expect(record).toEqual({
      ...common,
      user_id: 'u-1',
      user: 'ana@example.com',
      protocol: 'webapp',
      action: 'create',
      name: 'laptop',
      expires_time: '2027-01-02T00:00:00.000Z',
      scopes: ['mail'],
    });
  });
});

describe('Audit records: WORKMAIL_AVAILABILITY_PROVIDER_LOGS', () => {
  it('names the function of a LAMBDA provider and has no error_message on success', () => {
    const record = availabilityProviderRecord(head, {
      organizationId: 'm-0123',
      userId: 'u-1',
      domain: 'external.example',
      provider: { type: 'LAMBDA', functionArn: 'arn:aws:lambda:us-east-1:111122223333:function:cap' },
    });

    expect(record).toEqual({
      ...common,
      user_id: 'u-1',
      type: 'LAMBDA',
      domain: 'external.example',
      function_arn: 'arn:aws:lambda:us-east-1:111122223333:function:cap',
      availability_event_successful: true,
    });
  });

  it('names the endpoint of an EWS provider and the error of a failed call', () => {
    const record = availabilityProviderRecord(head, {
      organizationId: 'm-0123',
      userId: 'u-1',
      domain: 'external.example',
      provider: { type: 'EWS', ewsEndpoint: 'https://ews.external.example/EWS/Exchange.asmx' },
      errorMessage: 'EWS answered HTTP 500',
    });

    expect(record).toMatchObject({
      type: 'EWS',
      ews_endpoint: 'https://ews.external.example/EWS/Exchange.asmx',
      error_message: 'EWS answered HTTP 500',
      availability_event_successful: false,
    });
    expect(record).not.toHaveProperty('function_arn');
  });
});
