/**
 * The JMAP function's composition root: the mail front ends' shared pieces (`./mail`: sign-in, the mailbox model,
 * search, permissions, sending) behind JMAP Mail, and mail app autoconfiguration. The JMAP handler imports
 * {@link jmapRoute} from here.
 */
import { DynamoDbVacationSettingsStore } from '../../adapters/aws/dynamodb-vacation-settings-store';
import { createAutoconfigRoute, type AutoconfigRoute } from '../../http/autoconfig';
import type { JmapRoute } from '../../http/jmap/jmap-api';
import { createMailJmap } from '../../http/jmap/mail/mail-api';
import { logger } from '../observability';
import { authenticator, mail, permissions, sealKey, submission } from './mail';
import { config, documents, organizations, settings } from './shared';

const routes = new Map<string, JmapRoute>();

/** Mail app autoconfiguration (Thunderbird, Outlook, Apple), when the deployment offers IMAP and submission. */
export const autoconfigRoute: AutoconfigRoute | undefined =
  settings.mailAccess &&
  createAutoconfigRoute({
    mailAccess: settings.mailAccess,
    findDomainOwner: (domain) => organizations.findDomainOwner(domain),
  });

/**
 * The JMAP front end for one public base URL (API Gateway's, or a custom domain's), built once per container.
 * @example
 * const route = jmapRoute('https://mail.example.com/jmap');
 */
export function jmapRoute(baseUrl: string): JmapRoute {
  let route = routes.get(baseUrl);
  if (!route) {
    route = createMailJmap({
      baseUrl,
      authenticate: (authorization, sourceAddress) =>
        authenticator.authenticate(authorization, { sourceAddress, protocol: 'JMAP' }),
      deps: mail,
      submission,
      vacation: { vacations: new DynamoDbVacationSettingsStore(documents, config.mailboxTable, sealKey) },
      // A Lambda behind API Gateway receives at most 6 MB, base64 included.
      limits: { maxSizeUpload: 4 * 1024 * 1024, maxSizeRequest: 4_000_000 },
      sharedMailboxes: async (user) =>
        (await permissions.openableMailboxes(user.organizationId, user.userId)).map(
          ({ mailboxId, email }) => ({
            mailboxId,
            name: email,
          }),
        ),
      logger: { error: (message, fields) => logger.error(message, { ...fields }) },
    });
    routes.set(baseUrl, route);
  }
  return route;
}
