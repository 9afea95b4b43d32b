/**
 * The CalDAV/CardDAV front end of the user API function: the calendar model and sign-in of `./mail`, and the
 * organizations' global address lists over the directory's change marks. The JMAP handler imports {@link davRoute}.
 */
import { DynamoDbGalChangeLog } from '../../adapters/aws/dynamodb-gal-changes';
import { GlobalAddressList } from '../../core/gal/global-address-list';
import { scheduleChange } from '../../core/scheduling/schedule-change';
import { createDavApi, type DavRoute } from '../../http/dav/dav-api';
import { schedulingChange } from '../../http/dav/scheduling-change';
import { logger } from '../observability';
import { calendars } from './calendars';
import { audit, authenticator, permissions, scheduling } from './mail';
import { config, documents, entities } from './shared';

const gal = new GlobalAddressList({
  directory: entities,
  changes: new DynamoDbGalChangeLog(documents, config.directoryTable),
});
const routes = new Map<string, DavRoute>();

/**
 * The DAV front end for one public base URL (API Gateway's with its stage, or a custom domain's), built once per
 * container.
 * @example
 * const route = davRoute('https://mail.example.com/dav');
 */
export function davRoute(baseUrl: string): DavRoute {
  let route = routes.get(baseUrl);
  if (!route) {
    route = createDavApi({
      baseUrl,
      authenticate: (authorization, sourceAddress) =>
        authenticator.authenticate(authorization, { sourceAddress, protocol: 'CalDAV' }),
      calendars,
      sharedMailboxes: (user) => permissions.openableMailboxes(user.organizationId, user.userId),
      gal,
      onScheduleChange: async (change) => {
        await scheduleChange(scheduling.deps, schedulingChange(change));
      },
      audit,
      logError: (message, error) =>
        logger.error(message, { error: error instanceof Error ? error.name : typeof error }),
    });
    routes.set(baseUrl, route);
  }
  return route;
}
