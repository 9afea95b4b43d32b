import type { DeploymentSettings } from '../core/api/deps';
import type { AvailabilityService } from '../core/availability/service';
import { principalAddress } from '../core/availability/principal-address';
import type { EntityStore, OrganizationStore } from '../core/directory/ports';
import { createAccountTokensRoute } from '../http/account-tokens';
import { createAutoconfigRoute } from '../http/autoconfig';
import { scheduleChange } from '../core/scheduling/schedule-change';
import { createDavApi, type DavRoute } from '../http/dav/dav-api';
import { schedulingChange } from '../http/dav/scheduling-change';
import type { JmapRoute } from '../http/jmap/jmap-api';
import { signInFromRequest } from '../http/sso/session-cookie';
import { createWebSignInRoute, type WebSignInRoute } from '../http/sso/web-sign-in-route';
import { createAdminSignInRoute } from '../http/sso/admin-sign-in-route';
import { createMailJmap } from '../http/jmap/mail/mail-api';
import type { HttpHandler } from '../http/types';
import type { LocalWiring } from './wiring';

/**
 * The local runtime's one HTTP port serves users as well as admins: mail app autoconfiguration (when the settings
 * name mail access), single sign-on for the web app (`/auth/`) and, when configured, the admin console
 * (`/admin/auth/`), CalDAV/CardDAV (`/.well-known/caldav|carddav`, `/dav/`) and JMAP (session at
 * `/.well-known/jmap`, the rest under `/jmap/`) first, everything else to the admin API. JMAP's session names absolute URLs, so its front end is
 * built once the server knows its address (`serveAt`).
 * @example
 * const users = withUserApi(adminApi, wiring);
 * const server = await startHttpServer(users.handler, { port: 8080 });
 * users.serveAt(server.url);
 */
export function withUserApi(
  adminApi: HttpHandler,
  wiring: Pick<
    LocalWiring,
    | 'userAuth'
    | 'mail'
    | 'permissions'
    | 'sending'
    | 'vacation'
    | 'calendars'
    | 'gal'
    | 'scheduling'
    | 'audit'
  > & {
    readonly deps: {
      readonly settings: DeploymentSettings;
      readonly organizations: OrganizationStore;
      readonly entities: EntityStore;
      readonly availability: AvailabilityService;
    };
  },
): { readonly handler: HttpHandler; serveAt(url: string): void } {
  const mounted: { jmap?: JmapRoute; dav?: DavRoute; auth?: WebSignInRoute; adminAuth?: WebSignInRoute } = {};
  const { mailAccess } = wiring.deps.settings;
  const autoconfig =
    mailAccess &&
    createAutoconfigRoute({
      mailAccess,
      findDomainOwner: (domain) => wiring.deps.organizations.findDomainOwner(domain),
    });
  const accountTokens = createAccountTokensRoute({
    authenticate: signInFromRequest(wiring.userAuth.authenticator, 'WebMail'),
    tokens: wiring.userAuth.tokens,
  });
  return {
    handler: async (request) =>
      (await autoconfig?.(request)) ??
      (await accountTokens(request)) ??
      (await mounted.auth?.(request)) ??
      (await mounted.adminAuth?.(request)) ??
      (await mounted.dav?.(request)) ??
      (await mounted.jmap?.(request)) ??
      adminApi(request),
    serveAt: (url) => {
      mounted.auth = createWebSignInRoute({
        baseUrl: url,
        webSignIn: wiring.userAuth.webSignIn,
        authenticator: wiring.userAuth.authenticator,
      });
      const { adminSignIn } = wiring.userAuth;
      if (adminSignIn)
        mounted.adminAuth = createAdminSignInRoute({
          baseUrl: url,
          adminSignIn,
          region: wiring.deps.settings.region,
        });
      mounted.dav = createDavApi({
        baseUrl: `${url}/dav`,
        authenticate: (authorization, sourceAddress) =>
          wiring.userAuth.authenticator.authenticate(authorization, { sourceAddress, protocol: 'CalDAV' }),
        calendars: wiring.calendars,
        sharedMailboxes: (user) => wiring.permissions.openableMailboxes(user.organizationId, user.userId),
        gal: wiring.gal,
        onScheduleChange: async (change) => {
          await scheduleChange(wiring.scheduling, schedulingChange(change));
        },
        audit: wiring.audit,
      });
      mounted.jmap = createMailJmap({
        baseUrl: `${url}/jmap`,
        authenticate: signInFromRequest(wiring.userAuth.authenticator, 'JMAP'),
        deps: wiring.mail,
        audit: wiring.audit,
        submission: wiring.sending,
        vacation: wiring.vacation,
        availability: {
          availability: wiring.deps.availability,
          principalAddress: principalAddress(wiring.deps.entities),
        },
        push: true,
        sharedMailboxes: async (user) =>
          (await wiring.permissions.openableMailboxes(user.organizationId, user.userId)).map(
            ({ mailboxId, email }) => ({ mailboxId, name: email }),
          ),
      });
    },
  };
}
