import type { Inventory, NotMoved } from './inventory-types';

/** What WorkMail keeps out of its API, whatever the organization holds. */
const ALWAYS: readonly NotMoved[] = [
  {
    what: 'Email flow rules',
    why: 'WorkMail manages them in its console only; its API cannot read them.',
    how: "Recreate each rule with Mailwright's CreateEmailFlowRule (docs/flow-rules.md).",
  },
  {
    what: 'Email journaling',
    why: 'WorkMail manages journaling in its console only.',
    how: "Set the journaling and report addresses with Mailwright's PutJournalingConfiguration (docs/journaling.md).",
  },
  {
    what: 'Passwords',
    why: 'No API reads a password.',
    how: 'Users sign in with the temporary password the migration set (the password CSV), or one you reset.',
  },
  {
    what: 'Contacts and tasks',
    why: "WorkMail's mailbox export does not contain them.",
    how: 'Users export contacts from their client (vCard) and import them over CardDAV.',
  },
];

/** The entity lists as the source gave them. */
export interface NotMovedSources {
  readonly listedUsers: readonly { Name: string; State: string; UserRole?: string }[];
  readonly listedGroups: readonly { Name: string; State: string }[];
  readonly listedResources: readonly { Name: string; State: string }[];
}

/**
 * The report's "what will not move" list for an inventory: WorkMail's console-only features, deleted and system
 * entities, EWS availability providers (their password cannot be read) and the test domain (its addresses get the target organization's test domain).
 * @example
 * const notMoved = notMovedItems(inventory, { listedUsers, listedGroups, listedResources });
 */
export function notMovedItems(inventory: Omit<Inventory, 'notMoved'>, sources: NotMovedSources): NotMoved[] {
  const items = [...ALWAYS];
  const deleted = [...sources.listedUsers, ...sources.listedGroups, ...sources.listedResources]
    .filter((entity) => entity.State === 'DELETED')
    .map((entity) => entity.Name);
  if (deleted.length > 0)
    items.push({
      what: `Deleted entities: ${deleted.join(', ')}`,
      why: 'They are deleted on the source.',
      how: 'Nothing to do.',
    });
  for (const user of inventory.users.filter((user) => user.role === 'SYSTEM_USER'))
    items.push({
      what: `System user ${user.name}`,
      why: 'WorkMail creates it for itself; no API creates one.',
      how: 'Nothing to do.',
    });
  for (const configuration of inventory.availabilityConfigurations.filter((entry) => entry.EwsProvider))
    items.push({
      what: `EWS availability configuration for ${String(configuration.DomainName)}`,
      why: 'The EWS password cannot be read back.',
      how: 'Create it again with CreateAvailabilityConfiguration and the EWS password (docs/availability.md).',
    });
  for (const domain of inventory.domains.filter((domain) => domain.isTest))
    items.push({
      what: `Test domain ${domain.name}`,
      why: 'It belongs to the source service; the target organization has a test domain of its own.',
      how: "Addresses on it are recreated on the target's test domain.",
    });
  return items;
}
