import type { AdminKeyScope } from '../auth/types';
import type { OidcIssuerSettings } from './types';

/** One rule of admin single sign-on: members of `group` get keys for `organizations`. */
export interface AdminGrant {
  /** A value of the groups claim, e.g. `mail-admins`. */
  readonly group: string;
  /** The organization ids the key may act on, or `'*'` for all of them. */
  readonly organizations: AdminKeyScope;
}

/**
 * The deployment's admin sign-in through an OpenID Connect issuer (the admin console's "Sign in with single
 * sign-on"): a local runtime option (`--admin-sign-in FILE`) or the stack's `adminSignIn` prop.
 */
export interface AdminSignInSettings {
  readonly issuer: OidcIssuerSettings;
  /** The ID token claim listing the user's groups. @default 'groups' */
  readonly groupsClaim?: string;
  /** Which groups get which organizations; a user in no listed group is refused. */
  readonly grants: readonly AdminGrant[];
  /** How long a signed-in admin's key lasts, in minutes (5–720). @default 60 */
  readonly keyLifetimeMinutes?: number;
}

/** Settings that cannot be used; the message names the field. */
export class InvalidAdminSignInSettingsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidAdminSignInSettingsError';
  }
}

const ORGANIZATION_ID = /^m-[0-9a-f]{32}$/;

/**
 * The scope a verified identity's claims earn: every organization when one of its groups grants all, else the
 * organizations its groups list together; undefined when no group matches (the sign-in is refused).
 * @example
 * grantedScope(settings, { groups: ['mail-admins'] }); // '*'
 */
export function grantedScope(
  settings: AdminSignInSettings,
  claims: Readonly<Record<string, unknown>>,
): AdminKeyScope | undefined {
  const value = claims[settings.groupsClaim ?? 'groups'];
  const groups = new Set(
    (Array.isArray(value) ? value : [value]).filter((group): group is string => typeof group === 'string'),
  );
  const matching = settings.grants.filter((grant) => groups.has(grant.group));
  if (matching.length === 0) return undefined;
  if (matching.some((grant) => grant.organizations === '*')) return '*';
  return [...new Set(matching.flatMap((grant) => grant.organizations as readonly string[]))];
}

/**
 * Reads admin sign-in settings from their JSON form (the `--admin-sign-in` file, the stack's environment):
 * `{ issuer, clientId, clientSecret?, groupsClaim?, keyLifetimeMinutes?, grants: [{ group, allOrganizations? ,
 * organizationIds? }] }`.
 * @throws InvalidAdminSignInSettingsError naming what is wrong
 * @example
 * const settings = parseAdminSignInSettings(JSON.parse(await readFile(path, 'utf8')));
 */
export function parseAdminSignInSettings(json: unknown): AdminSignInSettings {
  const fail = (message: string): never => {
    throw new InvalidAdminSignInSettingsError(`admin sign-in settings: ${message}`);
  };
  const object = (value: unknown, name: string) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : fail(`${name} must be an object`);
  const text = (value: unknown, name: string) =>
    typeof value === 'string' && value.length > 0 ? value : fail(`${name} must be a non-empty string`);
  const root = object(json, 'the settings');
  const issuer = text(root.issuer, 'issuer');
  if (!URL.canParse(issuer)) fail('issuer must be a URL');
  const lifetime = root.keyLifetimeMinutes ?? 60;
  if (!Number.isInteger(lifetime) || (lifetime as number) < 5 || (lifetime as number) > 720)
    fail('keyLifetimeMinutes must be a whole number from 5 to 720');
  if (!Array.isArray(root.grants) || root.grants.length === 0) fail('grants must list at least one grant');
  const grants = (root.grants as unknown[]).map((each, index): AdminGrant => {
    const grant = object(each, `grants[${index}]`);
    const group = text(grant.group, `grants[${index}].group`);
    if (grant.allOrganizations === true) return { group, organizations: '*' };
    const ids = grant.organizationIds;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => ORGANIZATION_ID.test(String(id))))
      fail(`grants[${index}] needs allOrganizations: true or organizationIds (m-… ids)`);
    return { group, organizations: ids as string[] };
  });
  return {
    issuer: {
      issuer,
      clientId: text(root.clientId, 'clientId'),
      ...(root.clientSecret === undefined ? {} : { clientSecret: text(root.clientSecret, 'clientSecret') }),
    },
    ...(root.groupsClaim === undefined ? {} : { groupsClaim: text(root.groupsClaim, 'groupsClaim') }),
    grants,
    keyLifetimeMinutes: lifetime as number,
  };
}
