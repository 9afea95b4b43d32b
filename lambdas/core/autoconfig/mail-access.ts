/**
 * Where users' mail apps reach IMAP and SMTP submission, as a deployment publishes it. Client autoconfiguration
 * (Thunderbird, Outlook, Apple profiles) and the SRV records of `GetMailDomain` are built from it; absent, the
 * deployment offers no IMAP or submission and publishes neither.
 */
export interface MailAccessSettings {
  /** Host name of the IMAP and submission servers, e.g. `mail.example.com` (their TLS certificate names it). */
  readonly hostName: string;
  /** IMAP with STARTTLS (RFC 9051), usually 143. */
  readonly imapPort: number;
  /** IMAP over implicit TLS (RFC 8314), usually 993. */
  readonly imapTlsPort: number;
  /** SMTP submission with STARTTLS (RFC 6409), usually 587. */
  readonly submissionPort: number;
  /** SMTP submission over implicit TLS (RFC 8314 §3.3), usually 465. */
  readonly submissionTlsPort: number;
  /**
   * HTTPS host that serves the user API under the names `autoconfig.<domain>` and `autodiscover.<domain>` (a custom
   * domain or proxy whose certificate covers them). When set, `GetMailDomain` lists CNAMEs of both names to it.
   * @default - no such CNAMEs: clients find the settings at `https://<domain>/.well-known/...` only if that serves them
   */
  readonly autoconfigHostName?: string;
}

/** One way to reach a mail server: protocol, port and how TLS starts. */
export interface MailEndpoint {
  readonly protocol: 'imap' | 'submission';
  readonly port: number;
  /** `implicit`: TLS from the first byte; `starttls`: plain connection upgraded before sign-in. */
  readonly tls: 'implicit' | 'starttls';
}

/**
 * The endpoints a deployment offers, most preferred first: implicit TLS before STARTTLS, as RFC 8314 §5.1 asks, so a
 * client that takes the first entry of each protocol ends up on implicit TLS.
 * @example
 * mailEndpoints(settings.mailAccess).filter((e) => e.protocol === 'imap'); // 993 implicit, then 143 starttls
 */
export function mailEndpoints(access: MailAccessSettings): MailEndpoint[] {
  return [
    { protocol: 'imap', port: access.imapTlsPort, tls: 'implicit' },
    { protocol: 'imap', port: access.imapPort, tls: 'starttls' },
    { protocol: 'submission', port: access.submissionTlsPort, tls: 'implicit' },
    { protocol: 'submission', port: access.submissionPort, tls: 'starttls' },
  ];
}
