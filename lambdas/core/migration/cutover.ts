import type { DnsLookup, WorkMailApi } from './ports';

/** One DNS record to publish for the cut-over, and the source's record it replaces when there is one. */
export interface CutoverRecord {
  readonly domain: string;
  readonly type: 'MX' | 'TXT' | 'CNAME' | 'SRV';
  readonly hostname: string;
  readonly value: string;
  /** The source's value for the same name and type, when it differs (what to replace). */
  readonly replaces?: string;
}

/** How a cut-over record stands in the DNS. */
export type CutoverStatus = 'published' | 'still-source' | 'missing' | 'different';

/** The organizations whose domains are compared: each side's endpoint and organization id. */
export interface CutoverSides {
  readonly source: WorkMailApi;
  readonly sourceOrganizationId: string;
  readonly target: WorkMailApi;
  readonly targetOrganizationId: string;
}

/**
 * The DNS changes per domain to move mail to the target: every record the target's GetMailDomain lists (MX to SES
 * inbound in the target Region, SPF, DKIM, DMARC, AutoDiscover/autoconfig, SRV), each with the source record of the
 * same name and type it replaces. Test domains are the services' own and are left out.
 * @example
 * const records = await cutoverRecords(sides, ['example.com']);
 */
export async function cutoverRecords(
  sides: CutoverSides,
  domains: readonly string[],
): Promise<CutoverRecord[]> {
  const records: CutoverRecord[] = [];
  for (const domain of domains) {
    const source = await sides.source.call('GetMailDomain', {
      OrganizationId: sides.sourceOrganizationId,
      DomainName: domain,
    });
    if (source.IsTestDomain === true) continue;
    const target = await sides.target.call('GetMailDomain', {
      OrganizationId: sides.targetOrganizationId,
      DomainName: domain,
    });
    const before = (source.Records as WireRecord[] | undefined) ?? [];
    for (const record of (target.Records as WireRecord[] | undefined) ?? []) {
      const type = record.Type as CutoverRecord['type'];
      const replaced = before.find(
        (old) =>
          old.Type === record.Type &&
          sameName(old.Hostname, record.Hostname) &&
          !sameValue(old.Value, record.Value),
      );
      records.push({
        domain,
        type,
        hostname: record.Hostname,
        value: record.Value,
        ...(replaced ? { replaces: replaced.Value } : {}),
      });
    }
  }
  return records;
}

interface WireRecord {
  readonly Type: string;
  readonly Hostname: string;
  readonly Value: string;
}

/**
 * Looks each cut-over record up in the DNS: `published` when an answer is the target's value, `still-source` when
 * it is still the source's, `missing` when the name has no such record, `different` otherwise.
 * @example
 * for (const { record, status } of await checkCutover(records, dns)) console.log(record.hostname, status);
 */
export async function checkCutover(
  records: readonly CutoverRecord[],
  dns: DnsLookup,
): Promise<{ record: CutoverRecord; status: CutoverStatus }[]> {
  const results: { record: CutoverRecord; status: CutoverStatus }[] = [];
  for (const record of records) {
    const answers = await dns.resolve(record.hostname, record.type);
    const status: CutoverStatus = answers.some((answer) => sameValue(answer, record.value))
      ? 'published'
      : record.replaces && answers.some((answer) => sameValue(answer, record.replaces!))
        ? 'still-source'
        : answers.length === 0
          ? 'missing'
          : 'different';
    results.push({ record, status });
  }
  return results;
}

/** DNS names and values compare without case, trailing dots or repeated blanks. */
function normalize(value: string): string {
  return value.trim().replace(/\s+/g, ' ').replace(/\.$/, '').replace(/\. /g, ' ').toLowerCase();
}

function sameName(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}

function sameValue(a: string, b: string): boolean {
  return normalize(a).replace(/^"|"$/g, '') === normalize(b).replace(/^"|"$/g, '');
}
