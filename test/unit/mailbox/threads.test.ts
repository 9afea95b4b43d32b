import { randomBytes } from 'node:crypto';
import { messageIds, threadCandidates } from '../../../lambdas/core/mailbox/threads';

describe('threads', () => {
  const key = randomBytes(32);

  it('reads Message-IDs in order, skipping comments and phrases, bounded to 100', () => {
    expect(messageIds('<a@x> (a comment) "phrase" <b@y>\r\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(messageIds('no ids here')).toEqual([]);
    expect(messageIds(undefined)).toEqual([]);
    expect(messageIds(Array.from({ length: 150 }, (_, i) => `<m${i}@x>`).join(' '))).toHaveLength(100);
  });

  it('names a thread after the root of References, so every reply computes the same name', () => {
    const root = threadCandidates({ messageId: '<root@x>' }, key, 'ses-1');
    const reply = threadCandidates(
      { messageId: '<r1@x>', inReplyTo: '<root@x>', references: '<root@x>' },
      key,
      'ses-2',
    );
    const deeper = threadCandidates(
      { messageId: '<r2@x>', inReplyTo: '<r1@x>', references: '<root@x> <r1@x>' },
      key,
      'ses-3',
    );

    expect(reply.newThreadId).toBe(root.newThreadId);
    expect(deeper.newThreadId).toBe(root.newThreadId);
    expect(deeper.threadIds[0]).toBe(root.newThreadId);
  });

  it('lets a parent that arrives after its reply find the reply’s thread under its own Message-ID', () => {
    const reply = threadCandidates({ messageId: '<r1@x>', references: '<root@x>' }, key, 'ses-2');
    const root = threadCandidates({ messageId: '<root@x>' }, key, 'ses-1');

    expect(root.threadIds).toContain(reply.newThreadId);
  });

  it('looks up the parent’s reference record when References is missing, and records its own', () => {
    const parent = threadCandidates({ messageId: '<p@x>', references: '<root@x>' }, key, 'ses-1');
    const child = threadCandidates({ messageId: '<c@x>', inReplyTo: '<p@x>' }, key, 'ses-2');

    expect(child.referenceKeys[0]).toBe(parent.ownReferenceKey);
  });

  it('names a message without any Message-ID after its stored id, uniquely', () => {
    const a = threadCandidates({}, key, 'ses-1');
    const b = threadCandidates(undefined, key, 'ses-2');

    expect(a.threadIds).toEqual([]);
    expect(a.ownReferenceKey).toBeUndefined();
    expect(a.newThreadId).not.toBe(b.newThreadId);
  });

  it('derives names from the mailbox’s index key: another mailbox’s names differ and none shows the Message-ID', () => {
    const mine = threadCandidates({ messageId: '<secret-project@x>' }, key, 'ses-1');
    const theirs = threadCandidates({ messageId: '<secret-project@x>' }, randomBytes(32), 'ses-1');

    expect(mine.newThreadId).not.toBe(theirs.newThreadId);
    expect(JSON.stringify(mine)).not.toContain('secret');
  });
});
