import type {
  AdminSessionStore,
  AuthorizationRequest,
  IdentityProviderStore,
  OidcRelyingParty,
  RedemptionRefusal,
  WebSessionStore,
} from '../../../lambdas/core/sso/ports';
import type {
  AdminSession,
  IdentityCenterApplication,
  IdentityProviderConfiguration,
  OidcIssuerSettings,
  PendingLogin,
  VerifiedIdentity,
  WebSession,
} from '../../../lambdas/core/sso/types';

/** Identity provider configurations and applications in memory (counts kept as the DynamoDB adapter keeps them). */
export class MemoryIdentityProviderStore implements IdentityProviderStore {
  readonly configurations = new Map<string, IdentityProviderConfiguration>();
  readonly applications = new Map<string, IdentityCenterApplication>();

  async getConfiguration(organizationId: string) {
    return this.configurations.get(organizationId);
  }

  async putConfiguration(configuration: IdentityProviderConfiguration) {
    if (!this.applications.has(configuration.applicationArn)) return 'no-application' as const;
    this.configurations.set(configuration.organizationId, configuration);
    return 'ok' as const;
  }

  async deleteConfiguration(organizationId: string) {
    this.configurations.delete(organizationId);
  }

  async createApplication(application: IdentityCenterApplication) {
    if (this.applications.has(application.applicationArn)) return false;
    this.applications.set(application.applicationArn, application);
    return true;
  }

  async getApplication(applicationArn: string) {
    return this.applications.get(applicationArn);
  }

  async putIssuer(applicationArn: string, issuer: OidcIssuerSettings) {
    const application = this.applications.get(applicationArn);
    if (!application) return false;
    this.applications.set(applicationArn, { ...application, issuer });
    return true;
  }

  async deleteApplication(applicationArn: string) {
    const used = [...this.configurations.values()].some((each) => each.applicationArn === applicationArn);
    if (used) return 'in-use' as const;
    this.applications.delete(applicationArn);
    return 'ok' as const;
  }
}

/** Pending logins and sessions in memory. */
export class MemoryWebSessionStore implements WebSessionStore {
  readonly logins = new Map<string, PendingLogin>();
  readonly sessions = new Map<string, WebSession>();

  async putPendingLogin(login: PendingLogin) {
    this.logins.set(login.stateDigest, login);
  }

  async takePendingLogin(stateDigest: string) {
    const login = this.logins.get(stateDigest);
    this.logins.delete(stateDigest);
    return login;
  }

  async putSession(session: WebSession) {
    this.sessions.set(session.sessionDigest, session);
  }

  async getSession(sessionDigest: string) {
    return this.sessions.get(sessionDigest);
  }

  async deleteSession(sessionDigest: string) {
    this.sessions.delete(sessionDigest);
  }
}

/** A relying party that records what it was asked and answers `next` to every redemption. */
export class FakeRelyingParty implements OidcRelyingParty {
  readonly requests: AuthorizationRequest[] = [];
  readonly redemptions: {
    callbackUrl: string;
    expected: { state: string; nonce: string; codeVerifier: string };
  }[] = [];
  next:
    | { readonly ok: true; readonly identity: VerifiedIdentity }
    | { readonly ok: false; readonly reason: RedemptionRefusal } = {
    ok: true,
    identity: { subject: 'idp-ana', email: 'ana@example.com', emailVerified: true },
  };

  async authorizationUrl(issuer: OidcIssuerSettings, request: AuthorizationRequest) {
    this.requests.push(request);
    return `${issuer.issuer}/authorize?state=${request.state}`;
  }

  async redeem(
    _issuer: OidcIssuerSettings,
    callbackUrl: string,
    expected: { state: string; nonce: string; codeVerifier: string },
  ) {
    this.redemptions.push({ callbackUrl, expected });
    return this.next;
  }
}

/** Admin console sessions in memory. */
export class MemoryAdminSessionStore implements AdminSessionStore {
  readonly sessions = new Map<string, AdminSession>();

  async putAdminSession(session: AdminSession) {
    this.sessions.set(session.sessionDigest, session);
  }

  async getAdminSession(sessionDigest: string) {
    return this.sessions.get(sessionDigest);
  }

  async markKeyDelivered(sessionDigest: string) {
    const session = this.sessions.get(sessionDigest);
    if (!session || session.keyDelivered) return false;
    this.sessions.set(sessionDigest, { ...session, keyDelivered: true });
    return true;
  }

  async deleteAdminSession(sessionDigest: string) {
    this.sessions.delete(sessionDigest);
  }
}
