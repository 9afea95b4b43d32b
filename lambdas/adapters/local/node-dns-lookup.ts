import { Resolver } from 'node:dns/promises';
import type { DnsLookup } from '../../core/migration';

/** Answers for a name that has none of the type asked: an empty list rather than an error. */
const NO_ANSWER = new Set(['ENODATA', 'ENOTFOUND', 'ENONAME', 'NXDOMAIN']);

/**
 * The cut-over check's DNS through Node's resolver (the system's servers, or those given).
 * @example
 * const dns = new NodeDnsLookup(['1.1.1.1']);
 */
export class NodeDnsLookup implements DnsLookup {
  private readonly resolver = new Resolver();

  constructor(servers?: readonly string[]) {
    if (servers?.length) this.resolver.setServers([...servers]);
  }

  async resolve(hostname: string, type: 'MX' | 'TXT' | 'CNAME' | 'SRV'): Promise<readonly string[]> {
    try {
      switch (type) {
        case 'MX':
          return (await this.resolver.resolveMx(hostname)).map((mx) => `${mx.priority} ${mx.exchange}`);
        case 'TXT':
          return (await this.resolver.resolveTxt(hostname)).map((chunks) => chunks.join(''));
        case 'CNAME':
          return await this.resolver.resolveCname(hostname);
        case 'SRV':
          return (await this.resolver.resolveSrv(hostname)).map(
            (srv) => `${srv.priority} ${srv.weight} ${srv.port} ${srv.name}`,
          );
      }
    } catch (error) {
      if (NO_ANSWER.has((error as NodeJS.ErrnoException).code ?? '')) return [];
      throw error;
    }
  }
}
