/**
 * Webmail: the bytes of its first load and the time from opening the page to the first rows of a 50,000-message
 * folder in headless Debian Chromium, against opening a plain `index.html` from the same server in the same run
 * (the floor any page pays: a connection, a document, a first paint). The first-load bytes are what Chromium fetched
 * of the app (entry script, its chunks, style sheet) until the list showed. The folder is filled through the mailbox
 * service's `deliver` (what inbound mail ends in), one message at a time. Opt-in (`--only webmail`): filling the
 * folder takes minutes. `MW_WEBMAIL_BENCH_MESSAGES` sets another size.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import {
  CreateOrganizationCommand,
  CreateUserCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { startRuntime } from '../../lambdas/local/runtime';
import { launchChromium } from '../support/browser';

const PASSWORD = 'Correct-horse1';
const EMAIL = 'ana@webbench.example.com';
const RUNS = 5;

/** A small message numbered `index`. */
const message = (index: number) =>
  Buffer.from(
    `From: Sender ${index % 97} <s${index % 97}@outside.example.net>\r\nTo: ${EMAIL}\r\n` +
      `Subject: Bench message #${index}\r\nMessage-ID: <bench-${index}@outside.example.net>\r\n` +
      `Date: ${new Date(Date.UTC(2026, 0, 1) + index * 60_000).toUTCString()}\r\n\r\nBody of message ${index}.\r\n`,
  );

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchWebmail(): Promise<Record<string, number>> {
  const count = Number(process.env.MW_WEBMAIL_BENCH_MESSAGES ?? 50_000);
  const runtime = await startRuntime({
    port: 0,
    smtpPort: 0,
    submissionPort: 0,
    submissionsPort: 0,
    imapPort: 0,
    imapTlsPort: 0,
    memory: true,
    region: 'us-east-1',
  });
  const plain = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>Plain</title><p id="ready">Hello</p>');
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const workmail = new WorkMailClient({
    endpoint: runtime.endpoint,
    region: runtime.region,
    credentials: runtime.credentials,
  });
  const browser = await launchChromium();
  try {
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'webbench' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: EMAIL.split('@')[1] }));
    const { UserId } = await workmail.send(
      new CreateUserCommand({ OrganizationId, Name: 'ana', DisplayName: 'Ana', Password: PASSWORD }),
    );
    await workmail.send(new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: EMAIL }));
    const filling = performance.now();
    for (let index = 0; index < count; index++)
      await runtime.mailboxes.deliver({
        organizationId: OrganizationId!,
        mailboxId: UserId!,
        messageId: `bench-${index}`,
        folder: 'INBOX',
        raw: message(index),
        receivedAt: Date.UTC(2026, 0, 1) + index * 60_000,
        summary: {},
        quotaBytes: 1e12,
      });
    const fillSeconds = (performance.now() - filling) / 1000;

    const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
    const plainMs: number[] = [];
    const listMs: number[] = [];
    const firstLoad = { scriptBytes: 0, scriptGzipBytes: 0, styleGzipBytes: 0 };
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // What the browser fetched of the app until the list showed: entry, its chunks, style sheet.
      const assets = new Map<string, Promise<Buffer>>();
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (run === 0 && url.pathname.startsWith('/assets/') && !assets.has(url.pathname))
          assets.set(url.pathname, response.body());
      });
      let start = performance.now();
      await page.goto(plainUrl);
      await page.locator('#ready').waitFor();
      plainMs.push(performance.now() - start);

      start = performance.now();
      await page.goto(runtime.endpoint);
      await page.getByLabel('Email address').fill(EMAIL);
      await page.getByLabel('Password or personal access token').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page
        .getByRole('option')
        .filter({ hasText: `Bench message #${count - 1}` })
        .waitFor({ timeout: 60_000 });
      listMs.push(performance.now() - start);
      for (const [path, body] of assets) {
        const bytes = await body;
        if (path.endsWith('.js')) {
          firstLoad.scriptBytes += bytes.length;
          firstLoad.scriptGzipBytes += gzipSync(bytes).length;
        } else if (path.endsWith('.css')) firstLoad.styleGzipBytes += gzipSync(bytes).length;
      }
      await context.close();
    }
    return {
      messages: count,
      fillSeconds: Math.round(fillSeconds),
      firstLoadScriptBytes: firstLoad.scriptBytes,
      firstLoadScriptGzipBytes: firstLoad.scriptGzipBytes,
      firstLoadStyleGzipBytes: firstLoad.styleGzipBytes,
      plainPageMedianMs: Math.round(median(plainMs)),
      firstMessageListMedianMs: Math.round(median(listMs)),
      firstMessageListVsPlainRatio: Number((median(listMs) / median(plainMs)).toFixed(2)),
    };
  } finally {
    await browser.close();
    workmail.destroy();
    await new Promise((resolve) => plain.close(resolve));
    await runtime.stop();
  }
}
