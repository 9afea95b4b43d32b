import { sessionWorld } from './session-world';

const plain = (text: string) => Buffer.from(text).toString('base64');

describe('IMAP session: sign-in, capabilities, ENABLE and IDLE', () => {
  it('greets with its capabilities, and lists sign-in mechanisms only before sign-in', async () => {
    const world = await sessionWorld();
    const client = world.connect();

    const greeting = client.greeting();
    const before = await client.send('a CAPABILITY');
    const login = await client.send('b LOGIN ana@example.com ana-secret');
    const after = await client.send('c CAPABILITY');

    expect(greeting).toMatch(/^\* OK \[CAPABILITY IMAP4rev1 IMAP4rev2 .*AUTH=PLAIN AUTH=LOGIN\] Mailwright/);
    expect(before).toContain('AUTH=PLAIN AUTH=LOGIN');
    expect(login).toMatch(/^b OK \[CAPABILITY IMAP4rev1 .*APPENDLIMIT=41943040\] LOGIN completed\.\r\n$/);
    expect(login).not.toContain('AUTH=');
    expect(after).not.toContain('AUTH=');
    expect(after).toContain(' IDLE ');
  });

  it('refuses bad credentials with AUTHENTICATIONFAILED, without saying whether the address exists', async () => {
    const world = await sessionWorld();
    const client = world.connect();

    const unknown = await client.send('a LOGIN nobody@example.com whatever');
    const wrong = await client.send('b LOGIN ana@example.com wrong');

    expect(unknown).toBe('a NO [AUTHENTICATIONFAILED] Invalid credentials.\r\n');
    expect(wrong).toBe('b NO [AUTHENTICATIONFAILED] Invalid credentials.\r\n');
  });

  it('signs in with AUTHENTICATE PLAIN (initial response or continuation) and LOGIN; cancels on *', async () => {
    const world = await sessionWorld();
    const initial = world.connect();
    const continued = world.connect();
    const login = world.connect();
    const cancelled = world.connect();
    const impersonating = world.connect();

    const one = await initial.send(`a AUTHENTICATE PLAIN ${plain('\u0000ana@example.com\u0000ana-secret')}`);
    const two = continued.start('b AUTHENTICATE PLAIN');
    two.answer(plain('ana@example.com\u0000ana@example.com\u0000ana-secret'));
    await two.done;
    const three = login.start('c AUTHENTICATE LOGIN');
    three.answer(plain('ana@example.com'));
    three.answer(plain('ana-secret'));
    await three.done;
    const four = cancelled.start('d AUTHENTICATE PLAIN');
    four.answer('*');
    await four.done;
    const five = await impersonating.send(
      `e AUTHENTICATE PLAIN ${plain('ben@example.net\u0000ana@example.com\u0000ana-secret')}`,
    );

    expect(one).toMatch(/^a OK \[CAPABILITY/);
    expect(two.output()).toMatch(/^\+ \r\nb OK \[CAPABILITY/);
    expect(three.output()).toMatch(/^\+ VXNlcm5hbWU6\r\n\+ UGFzc3dvcmQ6\r\nc OK \[CAPABILITY/);
    expect(four.output()).toBe('+ \r\nd BAD Authentication cancelled.\r\n');
    expect(five).toBe('e NO [AUTHORIZATIONFAILED] Acting as another user is not allowed.\r\n');
    expect(await cancelled.send('f SELECT INBOX')).toMatch(/^f BAD/);
  });

  it('enables each extension once, answers ID and NAMESPACE', async () => {
    const world = await sessionWorld();
    const client = world.connect();
    await client.send('a LOGIN ana@example.com ana-secret');

    const enabled = await client.send('b ENABLE QRESYNC IMAP4rev2 X-UNKNOWN');
    const again = await client.send('c ENABLE QRESYNC');
    const id = await client.send('d ID ("name" "test")');
    const namespace = await client.send('e NAMESPACE');

    expect(enabled).toBe('* ENABLED QRESYNC IMAP4rev2\r\nb OK ENABLE completed.\r\n');
    expect(again).toBe('* ENABLED\r\nc OK ENABLE completed.\r\n');
    expect(id).toBe('* ID ("name" "Mailwright" "vendor" "Mailwright")\r\nd OK ID completed.\r\n');
    expect(namespace).toBe('* NAMESPACE (("" "/")) NIL NIL\r\ne OK NAMESPACE completed.\r\n');
  });

  it('speaks IMAP4rev2 once enabled: no RECENT, SEARCH answered with ESEARCH', async () => {
    const world = await sessionWorld();
    await world.deliver('m1', 'Subject: one\n\nx\n');
    const client = world.connect();
    await client.send('a LOGIN ana@example.com ana-secret');
    await client.send('b ENABLE IMAP4rev2');

    const selected = await client.send('c SELECT INBOX');
    const searched = await client.send('d SEARCH ALL');

    expect(selected).not.toContain('RECENT');
    expect(searched).toBe('* ESEARCH (TAG "d") ALL 1\r\nd OK SEARCH completed.\r\n');
  });

  it('reports new mail during IDLE as it arrives, and ends on DONE', async () => {
    const world = await sessionWorld();
    await world.deliver('m1', 'Subject: one\n\nx\n');
    const client = await world.anaInInbox();

    const idle = client.start('i IDLE');
    await new Promise((resolve) => setTimeout(resolve, 30));
    await world.deliver('m2', 'Subject: two\n\nx\n');
    // The watcher polls every 10 ms here.
    await new Promise((resolve) => setTimeout(resolve, 100));
    idle.answer('DONE');
    await idle.done;

    expect(idle.output()).toBe('+ idling\r\n* 2 EXISTS\r\ni OK IDLE terminated.\r\n');
  });

  it('answers BAD when IDLE ends with anything but DONE', async () => {
    const world = await sessionWorld();
    const client = await world.anaInInbox();

    const idle = client.start('i IDLE');
    idle.answer('STOP');
    await idle.done;

    expect(idle.output()).toBe('+ idling\r\ni BAD Expected DONE.\r\n');
  });
});
