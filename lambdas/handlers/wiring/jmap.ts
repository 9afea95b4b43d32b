/**
 * The JMAP function's composition root: the mail front ends' shared pieces (`./mail`: sign-in, the mailbox model,
 * search, permissions, sending) behind JMAP Mail, and mail app autoconfiguration. The JMAP handler imports
 * {@link jmapRoute} from here.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDbVacationSettingsStore } from '../../adapters/aws/dynamodb-vacation-settings-store';
import { LambdaFunctionInvoker } from '../../adapters/aws/lambda-function-invoker';
import { RegionalFunctionInvoker } from '../../adapters/aws/regional-function-invoker';
import { principalAddress } from '../../core/availability/principal-address';
import { createAutoconfigRoute, type AutoconfigRoute } from '../../http/autoconfig';
import type { JmapRoute } from '../../http/jmap/jmap-api';
import { signInFromRequest } from '../../http/sso/session-cookie';
import { DynamoDbAccessControlRuleStore } from '../../adapters/aws/dynamodb-access-control-rule-store';
import { OpenIdRelyingParty } from '../../adapters/aws/openid-relying-party';
import { AccessControl } from '../../core/access-control/access-control';
import { WebSignIn } from '../../core/sso/web-sign-in';
import { createWebSignInRoute, type WebSignInRoute } from '../../http/sso/web-sign-in-route';
import { createMailJmap } from '../../http/jmap/mail/mail-api';
import { createAccountTokensRoute } from '../../http/account-tokens';
import { PersonalAccessTokens } from '../../core/user-auth';
import { DynamoDbPersonalAccessTokenStore } from '../../adapters/aws/dynamodb-personal-access-token-store';
import { logger } from '../observability';
import {
  audit,
  authenticator,
  identityProviders,
  mail,
  permissions,
  sealKey,
  submission,
  webSessions,
} from './mail';
import { availabilityWiring } from './availability';
import { calendars } from './calendars';
import { config, documents, entities, organizations, settings } from './shared';

const routes = new Map<string, JmapRoute>();
const authRoutes = new Map<string, WebSignInRoute>();

/** Single sign-on through each organization's OpenID Connect issuer (https only in the cloud). */
const webSignIn = new WebSignIn({
  organizations,
  entities,
  identityProviders,
  sessions: webSessions,
  relyingParty: new OpenIdRelyingParty(),
  accessControl: new AccessControl(
    new DynamoDbAccessControlRuleStore(documents, config.directoryTable),
    Date.now,
  ),
  testDomainSuffix: settings.testDomainSuffix,
});

/** Users' own personal access tokens (`/account/tokens`): list, create with the password or a session, revoke. */
export const accountTokensRoute = createAccountTokensRoute({
  authenticate: signInFromRequest(authenticator, 'WebMail'),
  tokens: new PersonalAccessTokens(new DynamoDbPersonalAccessTokenStore(documents, config.directoryTable), {
    audit,
    identityProviders,
  }),
});

/** Free/busy for Principal/getAvailability: our calendars and the organizations' availability providers. */
const availability = availabilityWiring({
  documents,
  directoryTable: config.directoryTable,
  sealKey,
  settings,
  organizations,
  entities,
  calendars,
  // CAP functions may live in another Region: one client per Region, built on first use.
  invoker: new RegionalFunctionInvoker((region) => new LambdaFunctionInvoker(new LambdaClient({ region }))),
  logger: {
    info: (message, fields) => logger.info(message, fields),
    warn: (message, fields) => logger.warn(message, fields),
  },
  allowLoopbackHttp: false,
  audit,
});

/** Mail app autoconfiguration (Thunderbird, Outlook, Apple), when the deployment offers IMAP and submission. */
export const autoconfigRoute: AutoconfigRoute | undefined =
  settings.mailAccess &&
  createAutoconfigRoute({
    mailAccess: settings.mailAccess,
    findDomainOwner: (domain) => organizations.findDomainOwner(domain),
  });

let originSecret: Promise<string | undefined> | undefined;

/**
 * The secret the web app's CloudFront distribution sends as its origin header, read once per container (a failure
 * is not cached); undefined when the stack deploys no web app.
 */
export function cloudFrontOriginSecret(): Promise<string | undefined> {
  const name = config.cloudFrontOriginSecret;
  if (!name) return Promise.resolve(undefined);
  originSecret ??= new SecretsManagerClient({})
    .send(new GetSecretValueCommand({ SecretId: name }))
    .then(({ SecretString }) => SecretString)
    .catch((error: unknown) => {
      originSecret = undefined;
      throw error;
    });
  return originSecret;
}

/**
 * Web sign-in (`/auth/…`) for one public base URL (API Gateway's with its stage, or a custom domain's).
 * @example
 * const route = webSignInRoute('https://mail.example.com');
 */
export function webSignInRoute(baseUrl: string): WebSignInRoute {
  let route = authRoutes.get(baseUrl);
  if (!route) {
    route = createWebSignInRoute({
      baseUrl,
      webSignIn,
      authenticator,
      logger: { warn: (message, fields) => logger.warn(message, fields) },
    });
    authRoutes.set(baseUrl, route);
  }
  return route;
}

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
      authenticate: signInFromRequest(authenticator, 'JMAP'),
      deps: mail,
      submission,
      vacation: { vacations: new DynamoDbVacationSettingsStore(documents, config.mailboxTable, sealKey) },
      availability: { availability, principalAddress: principalAddress(entities) },
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
      audit,
    });
    routes.set(baseUrl, route);
  }
  return route;
}
