import { emailView } from '../../../../../lambdas/http/jmap/mail';
import { htmlToText } from '../../../../../lambdas/core/message';
import { preview } from '../../../../../lambdas/http/jmap/mail/preview';
import { loadEml } from '../../../../fixtures/mime/load';

function previewOf(raw: Buffer): string {
  return emailView(raw, { properties: ['preview'], blobIdOf: String }).preview as string;
}

describe('preview', () => {
  it('collapses the white space of the text body', () => {
    expect(previewOf(loadEml('plain-qp.eml'))).toBe(
      'Bonjour Bob, La réunion de l’équipe est déplacée à jeudi. -- Alice',
    );
  });

  it('joins the text parts of the text body in order', () => {
    expect(previewOf(loadEml('rfc8621-example.eml'))).toBe('A B D K');
  });

  it('reads an HTML-only body as text', () => {
    const raw = Buffer.from(
      'Content-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>T</title><style>p{}</style></head>' +
        '<body><!-- note --><p>Fish &amp; chips&nbsp;&#8364;5 &#x263A;</p><script>x()</script></body></html>',
    );

    expect(previewOf(raw)).toBe('Fish & chips €5 ☺');
  });

  it('keeps at most 256 characters, counting code points', () => {
    const raw = Buffer.from(`Content-Type: text/plain; charset=utf-8\r\n\r\n${'😀'.repeat(300)}`);

    const text = previewOf(raw);

    expect(Array.from(text)).toHaveLength(256);
    expect(text).toBe('😀'.repeat(256));
  });

  it('reads only the start of a long part, without a broken character at the cut', () => {
    const raw = Buffer.from(`Content-Type: text/plain; charset=utf-8\r\n\r\n${'é'.repeat(20000)}`);

    expect(previewOf(raw)).toBe('é'.repeat(256));
  });

  it('is empty for a message without text', () => {
    expect(previewOf(Buffer.from('Content-Type: image/png\r\n\r\nPNG'))).toBe('');
    expect(preview(Buffer.alloc(0), [])).toBe('');
  });
});

describe('htmlToText', () => {
  it('drops comments, head, style and script, and decodes character references', () => {
    expect(
      htmlToText('<head><style>x</style></head><p>a&lt;b&gt;&quot;&apos;&#39;&unknown;&#0;</p>').trim(),
    ).toBe("a<b>\"''&unknown;\ufffd");
  });

  it('copes with unclosed comments and tags', () => {
    expect(htmlToText('a<!-- open').trim()).toBe('a');
    expect(htmlToText('b<p class="x').trim()).toBe('b');
    expect(htmlToText('c<style>p{}').trim()).toBe('c');
  });
});
