import { useState } from 'preact/hooks';
import { AccessControl } from './access-control';
import type { AdminSession } from './api';
import { Availability } from './availability';
import { Domains } from './domains';
import { FlowRules } from './flow-rules';
import { Groups } from './groups';
import { Journaling } from './journaling';
import { Impersonation } from './impersonation';
import { Logs } from './logs';
import { Migration } from './migration';
import { MobileDevices } from './mobile-devices';
import type { OrganizationSummary } from './organizations';
import { Resources } from './resources';
import { Retention } from './retention';
import { Users } from './users';

const PAGES = {
  Domains,
  Users,
  Groups,
  Resources,
  'Flow rules': FlowRules,
  Retention,
  Journaling,
  Availability,
  'Access control': AccessControl,
  'Mobile devices': MobileDevices,
  Impersonation,
  Logs,
  Migration,
} as const;
type PageName = keyof typeof PAGES;

/** One organization: its pages as tabs. */
export function Organization(props: { session: AdminSession; organization: OrganizationSummary }) {
  const [page, setPage] = useState<PageName>('Domains');
  const Page = PAGES[page];
  return (
    <section aria-labelledby="organization-heading">
      <h2 id="organization-heading">{props.organization.Alias}</h2>
      <nav aria-label="Organization pages">
        <ul>
          {(Object.keys(PAGES) as PageName[]).map((name) => (
            <li key={name}>
              <a
                href={`#/organizations/${props.organization.OrganizationId}/${name.toLowerCase().replace(/ /g, '-')}`}
                aria-current={name === page ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  setPage(name);
                }}
              >
                {name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Page session={props.session} organizationId={props.organization.OrganizationId} />
    </section>
  );
}
