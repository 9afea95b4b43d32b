import { runInsightsQuery, UnsupportedQueryError } from '../../support/insights-query';

const records = [
  {
    traceId: 't1',
    event: {
      eventName: 'ORGANIZATION_EMAIL_RECEIVED',
      from: 'UserA@example.com',
      recipients: ['b@x.example'],
      spamVerdict: 'FAIL',
    },
  },
  { traceId: 't1', event: { eventName: 'MAILBOX_EMAIL_DELIVERED', recipient: 'b@x.example' } },
  {
    traceId: 't2',
    event: {
      eventName: 'ORGANIZATION_EMAIL_RECEIVED',
      from: 'c@other.example',
      recipients: ['b@x.example'],
      spamVerdict: 'PASS',
    },
  },
  { traceId: 't2', event: { eventName: 'MAILBOX_EMAIL_DELIVERED', recipient: 'b@x.example' } },
].map((record, timestamp) => ({ timestamp, record }));

describe('Test support: the Insights query subset', () => {
  it('selects fields of the records a filter keeps, with = and case-insensitive regex like', () => {
    expect(
      runInsightsQuery(
        'fields @timestamp, traceId | sort @timestamp desc | filter (event.from like /(?i)usera@example.com/ and event.eventName = "ORGANIZATION_EMAIL_RECEIVED")',
        records,
      ),
    ).toEqual([{ '@timestamp': 0, traceId: 't1' }]);
  });

  it('matches like "text" as a case-sensitive substring and indexes arrays by dots', () => {
    expect(
      runInsightsQuery('fields event.recipients.0 | filter event.from like "other.example"', records),
    ).toEqual([{ 'event.recipients.0': 'b@x.example' }]);
    expect(runInsightsQuery('fields traceId | filter event.from like "USERA"', records)).toEqual([]);
  });

  it('counts by a field and sorts the counts', () => {
    expect(
      runInsightsQuery(
        'stats count(*) as c by traceId | filter event.eventName = "MAILBOX_EMAIL_DELIVERED" | sort c desc',
        records,
      ),
    ).toEqual([
      { traceId: 't1', c: 1 },
      { traceId: 't2', c: 1 },
    ]);
    expect(runInsightsQuery('stats count(*) as c by event.recipient | sort c desc', records)).toEqual([
      { 'event.recipient': undefined, c: 2 },
      { 'event.recipient': 'b@x.example', c: 2 },
    ]);
  });

  it('refuses anything outside the subset rather than evaluating something else', () => {
    expect(() => runInsightsQuery('fields traceId | filter event.from != "x"', records)).toThrow(
      UnsupportedQueryError,
    );
    expect(() => runInsightsQuery('fields traceId | limit 5', records)).toThrow(UnsupportedQueryError);
    expect(() => runInsightsQuery('stats count(*) by traceId', records)).toThrow(UnsupportedQueryError);
  });
});
