import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FieldSealer } from '../../core/crypto/field-sealer';
import type { WebSessionStore } from '../../core/sso/ports';
import type { PendingLogin, WebSession } from '../../core/sso/types';
import { sealerOf } from './dynamodb-sealed-items';

/** The purpose of the sealer of pending logins' nonce and PKCE verifier. */
export const SSO_LOGIN_PURPOSE = 'sso-pending-login';

const loginKey = (stateDigest: string) => ({ pk: `SSOLOGIN#${stateDigest}`, sk: 'LOGIN' });
const sessionKey = (sessionDigest: string) => ({ pk: `SSOSESSION#${sessionDigest}`, sk: 'SESSION' });
const ttlOf = (expiresAt: number) => Math.ceil(expiresAt / 1000);

/**
 * {@link WebSessionStore} in the Directory table: `SSOLOGIN#<state digest> / LOGIN` (organizationId, returnTo, nonce
 * and PKCE verifier sealed together, expiresAt, `ttl`) and `SSOSESSION#<cookie digest> / SESSION` (organizationId,
 * userId, csrfToken, createdAt, expiresAt, `ttl`). Keys hold digests only: the table never holds a state or cookie
 * value. Readers check `expiresAt` (TTL removes items late).
 * @example
 * const sessions = new DynamoDbWebSessionStore(documents, 'mailwright-directory', ledgerKey);
 */
export class DynamoDbWebSessionStore implements WebSessionStore {
  private readonly sealer: () => Promise<FieldSealer>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    sealKey: Uint8Array | (() => Promise<Uint8Array>),
  ) {
    this.sealer = sealerOf(sealKey, SSO_LOGIN_PURPOSE);
  }

  async putPendingLogin(login: PendingLogin): Promise<void> {
    const key = loginKey(login.stateDigest);
    const secrets = JSON.stringify({ nonce: login.nonce, codeVerifier: login.codeVerifier });
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key,
          organizationId: login.organizationId,
          returnTo: login.returnTo,
          secrets: (await this.sealer()).seal(secrets, [key.pk, key.sk, 'secrets']),
          expiresAt: login.expiresAt,
          ttl: ttlOf(login.expiresAt),
        },
      }),
    );
  }

  async takePendingLogin(stateDigest: string): Promise<PendingLogin | undefined> {
    const key = loginKey(stateDigest);
    const { Attributes: item } = await this.documents.send(
      new DeleteCommand({ TableName: this.tableName, Key: key, ReturnValues: 'ALL_OLD' }),
    );
    if (!item) return undefined;
    const { nonce, codeVerifier } = JSON.parse(
      (await this.sealer()).open(String(item.secrets), [key.pk, key.sk, 'secrets']),
    ) as { nonce: string; codeVerifier: string };
    return {
      stateDigest,
      organizationId: String(item.organizationId),
      returnTo: String(item.returnTo),
      nonce,
      codeVerifier,
      expiresAt: Number(item.expiresAt),
    };
  }

  async putSession(session: WebSession): Promise<void> {
    const { sessionDigest, ...fields } = session;
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...sessionKey(sessionDigest), ...fields, ttl: ttlOf(session.expiresAt) },
      }),
    );
  }

  async getSession(sessionDigest: string): Promise<WebSession | undefined> {
    const { Item: item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: sessionKey(sessionDigest), ConsistentRead: true }),
    );
    if (!item) return undefined;
    return {
      sessionDigest,
      organizationId: String(item.organizationId),
      userId: String(item.userId),
      csrfToken: String(item.csrfToken),
      createdAt: Number(item.createdAt),
      expiresAt: Number(item.expiresAt),
    };
  }

  async deleteSession(sessionDigest: string): Promise<void> {
    await this.documents.send(
      new DeleteCommand({ TableName: this.tableName, Key: sessionKey(sessionDigest) }),
    );
  }
}
