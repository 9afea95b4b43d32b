/**
 * Address lists (RFC 5322 §3.4, with the obsolete forms of §4.4) read the way Dovecot's `message-address.c` reads
 * them for ENVELOPE (`MESSAGE_ADDRESS_PARSE_FLAG_FILL_MISSING`): what cannot be read is kept with placeholders, a
 * missing mailbox becomes `MISSING_MAILBOX`, a missing domain `MISSING_DOMAIN`, a broken `<...>` gets the domain
 * `SYNTAX_ERROR` and a broken route `INVALID_ROUTE`; a comment after a bare address is its display name.
 */
import { Rfc822Reader, type TextSink } from './rfc822-reader';

/**
 * One address of an ENVELOPE address list. A group start has only `mailbox` (the group name); a group end has
 * nothing. Strings are latin1.
 */
export interface EnvelopeAddress {
  name?: string;
  route?: string;
  mailbox?: string;
  domain?: string;
}

class AddressListReader {
  readonly list: EnvelopeAddress[] = [];
  private addr: EnvelopeAddress = {};
  private readonly str: TextSink = { text: '' };
  private readonly r: Rfc822Reader;

  constructor(value: string) {
    this.r = new Rfc822Reader(value);
  }

  read(): void {
    if (this.r.skipLwsp() <= 0) return;
    for (;;) {
      if (this.readAddress() === 0) break;
      if (this.r.peek() !== 0x2c) break;
      this.r.pos++;
      const ret = this.r.skipLwsp();
      if (ret <= 0) {
        if (ret < 0) this.addFixed();
        break;
      }
    }
  }

  private add(): void {
    this.list.push(this.addr);
    this.addr = {};
  }

  private addFixed(): void {
    this.addr.mailbox ??= 'MISSING_MAILBOX';
    if (!this.addr.domain) this.addr.domain = 'MISSING_DOMAIN';
    this.add();
  }

  private readLocalPart(): number {
    this.str.text = '';
    const ret = this.r.peek() === 0x22 ? this.r.readQuotedString(this.str) : this.r.readDotAtom(this.str);
    if (ret < 0) return -1;
    this.addr.mailbox = this.str.text;
    return ret;
  }

  private readDomain(): number {
    this.str.text = '';
    const ret = this.r.readDomain(this.str);
    if (ret < 0) return -1;
    this.addr.domain = this.str.text;
    return ret;
  }

  /** `obs-domain-list` of a route: `@a,@b`. */
  private readRoute(): number {
    this.str.text = '';
    for (;;) {
      if (this.r.atEnd()) return 0;
      if (this.r.peek() !== 0x40) break;
      if (this.str.text !== '') this.str.text += ',';
      this.str.text += '@';
      const ret = this.r.readDomain(this.str);
      if (ret <= 0) return ret;
      while (this.r.skipLwsp() > 0 && this.r.peek() === 0x2c) this.r.pos++;
    }
    this.addr.route = this.str.text;
    return 1;
  }

  private readAngleAddr(): number {
    this.r.pos++;
    if (this.r.skipLwsp() <= 0) return -1;
    if (this.r.peek() === 0x40) {
      if (this.readRoute() > 0 && this.r.peek() === 0x3a) this.r.pos++;
      else {
        this.addr.route = 'INVALID_ROUTE';
        if (this.r.atEnd()) return -1;
      }
      if (this.r.skipLwsp() <= 0) return -1;
    }
    if (this.r.peek() !== 0x3e) {
      if (this.readLocalPart() <= 0) return -1;
      if (this.r.peek() === 0x40 && this.readDomain() <= 0) return -1;
    }
    if (this.r.peek() !== 0x3e) return -1;
    this.r.pos++;
    return this.r.skipLwsp();
  }

  private readNameAddr(): number {
    this.str.text = '';
    if (this.r.readPhrase(this.str) <= 0 || this.r.peek() !== 0x3c) return -1;
    if (this.str.text !== '') this.addr.name = this.str.text;
    if (this.readAngleAddr() < 0) this.addr.domain = 'SYNTAX_ERROR';
    return this.r.atEnd() ? 0 : 1;
  }

  /** Reads `local-part@domain`; returns the read result and whether Dovecot would mark it invalid here. */
  private readAddrSpec(): [number, boolean] {
    this.r.lastComment = '';
    const quoted = this.r.peek() === 0x22;
    let ret = this.readLocalPart();
    let invalid = ret <= 0;
    let domainRet = -2;
    if (ret !== 0 && this.r.peek() === 0x40) {
      domainRet = this.readDomain();
      if (domainRet <= 0) ret = domainRet;
    }
    if (this.r.lastComment !== '') this.addr.name = this.r.lastComment;
    else if (domainRet === -2) {
      // A lone word is a mailbox without domain; followed by more words, all of it is a display name.
      this.str.text += ' ';
      const before = this.str.text.length;
      this.r.readPhrase(this.str);
      if (this.str.text.length !== before) {
        this.addr.mailbox = undefined;
        this.addr.name = this.str.text;
      } else if (!quoted) this.addr.domain = '';
      invalid = true;
      ret = -1;
    }
    return [ret, invalid];
  }

  private readMailbox(): number {
    const start = this.r.pos;
    let ret = this.readNameAddr();
    if (ret < 0) {
      this.r.pos = start;
      const [specRet, invalid] = this.readAddrSpec();
      ret = specRet;
      const a = this.addr;
      if (invalid && a.name === undefined && a.mailbox !== undefined && a.domain === undefined) {
        a.name = a.mailbox;
        a.mailbox = undefined;
      }
    }
    this.addFixed();
    return ret;
  }

  private readGroup(): number {
    this.str.text = '';
    if (this.r.readPhrase(this.str) <= 0 || this.r.peek() !== 0x3a) return -1;
    this.r.pos++;
    let ret = this.r.skipLwsp();
    this.addr.mailbox = this.str.text;
    this.add();
    if (ret > 0 && this.r.peek() !== 0x3b) {
      for (;;) {
        this.readMailbox();
        if (this.r.peek() !== 0x2c) break;
        this.r.pos++;
        if (this.r.skipLwsp() <= 0) {
          ret = -1;
          break;
        }
      }
    }
    if (ret >= 0) {
      if (this.r.peek() !== 0x3b) ret = -1;
      else {
        this.r.pos++;
        ret = this.r.skipLwsp();
      }
    }
    this.addr = {};
    this.add();
    return ret === 0 ? 0 : 1;
  }

  private readAddress(): number {
    const start = this.r.pos;
    const ret = this.readGroup();
    if (ret >= 0) return ret;
    this.r.pos = start;
    return this.readMailbox();
  }
}

/**
 * Reads an address-list header value into ENVELOPE addresses, never failing.
 * @param value - the field value (latin1, folding kept)
 * @example
 * readAddressList('Ana <ana@example.com>'); // [{ name: 'Ana', mailbox: 'ana', domain: 'example.com' }]
 */
export function readAddressList(value: string): EnvelopeAddress[] {
  // NUL is no atext, so a NUL in an atom makes the address unreadable; in quoted strings and comments (display
  // names) it reads as U+FFFD. Both as Dovecot's rfc822-parser.c does.
  const reader = new AddressListReader(value);
  reader.read();
  return reader.list;
}
