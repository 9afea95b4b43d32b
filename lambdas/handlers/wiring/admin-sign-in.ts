/**
 * The admin console's single sign-on in the user API function (`/admin/auth/…`), when the stack's `adminSignIn`
 * configures it: short-lived admin keys minted and revoked here, verified by the admin API as any other key.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDbAdminAuditLog } from '../../adapters/aws/dynamodb-admin-audit-log';
import { DynamoDbAdminKeyStore } from '../../adapters/aws/dynamodb-admin-key-store';
import { DynamoDbAdminSessionStore } from '../../adapters/aws/dynamodb-admin-session-store';
import { OpenIdRelyingParty } from '../../adapters/aws/openid-relying-party';
import { AdminKeys } from '../../core/auth/admin-keys';
import { AdminSignIn } from '../../core/sso/admin-sign-in';
import { createAdminSignInRoute } from '../../http/sso/admin-sign-in-route';
import type { HttpRequest, HttpResponse } from '../../http/types';
import { logger } from '../observability';
import { webSessions } from './mail';
import { config, documents, keyWrapper } from './shared';

type AdminSignInRoute = (request: HttpRequest) => Promise<HttpResponse | undefined>;

const adminSignIn =
  config.adminSignIn &&
  new AdminSignIn({
    settings: config.adminSignIn,
    relyingParty: new OpenIdRelyingParty(),
    pendingLogins: webSessions,
    sessions: new DynamoDbAdminSessionStore(documents, config.directoryTable),
    keys: new AdminKeys(new DynamoDbAdminKeyStore(documents, config.directoryTable), keyWrapper),
    audit: new DynamoDbAdminAuditLog(documents, config.directoryTable),
    requestId: randomUUID,
  });
const routes = new Map<string, AdminSignInRoute>();

/**
 * The admin sign-in route for one public base URL (API Gateway's with its stage, or a custom domain's), or
 * undefined when the deployment has no admin sign-in.
 * @example
 * const response = await adminSignInRoute('https://mail.example.com')?.(request);
 */
export function adminSignInRoute(baseUrl: string): AdminSignInRoute | undefined {
  if (!adminSignIn) return undefined;
  let route = routes.get(baseUrl);
  if (!route) {
    route = createAdminSignInRoute({
      baseUrl,
      adminSignIn,
      region: config.region,
      logger: { warn: (message, fields) => logger.warn(message, fields) },
    });
    routes.set(baseUrl, route);
  }
  return route;
}
