import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type Projection,
} from '@aws-sdk/client-dynamodb';

/**
 * The key design of Mailwright's two tables, shared by the CDK stack (lib/storage.ts) and the local runtime.
 * Every attribute below is a string.
 *
 * Directory table (`pk`, `sk`):
 *   COUNTER#ORGANIZATIONS / COUNT           { total }: organizations of the account that are not deleted (quota)
 *   ORG#<orgId> / ORG                       organization, { domainCount } (custom domains, quota), { tagsVersion }
 *                                           (optimistic concurrency of TagResource/UntagResource)
 *                                           gsi1: ORGS / <orgId> (removed when the organization is deleted)
 *   ORGALIAS#<alias lower> / CLAIM          alias uniqueness
 *   ORG#<orgId> / DOMAIN#<domain>           mail domain, { addressCount }: addresses (primary or alias) claimed in it,
 *                                           added and subtracted in the address claims' transactions; the domain is
 *                                           only removed at 0, and only claimed in while it exists
 *   DOMAIN#<domain> / CLAIM                 verified domain → organization (inbound routing, cross-org uniqueness;
 *                                           written with the VERIFIED status, checked for parent domains too)
 *   ORG#<orgId> / ENTITY#<entityId>         user, group or resource; { rev }: revision of the alias set (optimistic
 *                                           concurrency); { delegateCount } on a resource: its delegates
 *       gsi1: ORG#<orgId>#<KIND> / <name>                       listing by name (UsernamePrefix, NamePrefix)
 *       gsi2: ORG#<orgId>#<KIND>#<STATE> / <name>               State filter
 *       gsi3: ORG#<orgId>#<KIND>#EMAIL / <primary email>        PrimaryEmailPrefix filter (sparse)
 *       gsi4: ORG#<orgId>#<KIND>#DISPLAY / <display name>       DisplayNamePrefix filter (sparse)
 *   ORG#<orgId> / COUNTER#USERS             { total }: seats taken by users that are not DELETED (users quota)
 *   ORG#<orgId> / IDPUSER#<idcUserId>#<userId>   { entityId }: IdentityProviderUserIdPrefix filter
 *   ORG#<orgId> / NAME#<name lower>         entity name uniqueness (users, groups and resources share names)
 *   ORG#<orgId> / EMAIL#<domain>#<local>    address claim (primary or alias) → entity; one address, one entity
 *   ORG#<orgId> / MEMBER#<groupId>#<memberId>   and  MEMBEROF#<memberId>#<groupId>   group membership
 *   ORG#<orgId> / DELEGATE#<resourceId>#<entityId>  and  DELEGATEOF#<entityId>#<resourceId>   resource delegates
 *   ORG#<orgId> / PERM#<mailboxId>#<granteeId>  and  PERMOF#<granteeId>#<mailboxId>   mailbox permissions:
 *                                           { mailboxId, granteeId, granteeKind, permissionValues (list) }; one Query
 *                                           lists a mailbox's grantees, another what a user or group was granted
 *   ORG#<orgId> / GALMARK#<entityId>        { entityId }: the entity's last global-address-list change, replaced in the
 *                                           transaction of each register, disable, rename, address or display change
 *       gsi1: ORG#<orgId>#GALMARK / <time, 15 digits>#<entityId>   what changed after a sync position (CardDAV)
 *   ORG#<orgId> / FLOWRULE#<direction>#<name>   email flow rule (one Query loads a direction)
 *   ORG#<orgId> / FLOWRULES                 flow-rule counter: sender patterns (org quota) and rules version
 *   ORG#<orgId> / MESSAGEFLOW               { contentBuckets (list), version }: PutRawMessageContent source buckets
 *   MSGFLOWBUCKET#<bucket> / CLAIM          { organizationId }: a content bucket belongs to one organization, written
 *                                           in the same transaction as the list
 *   ORG#<orgId> / AVAILCONFIG#<domain>      availability configuration: providerType (EWS | LAMBDA), ewsEndpoint,
 *                                           ewsUsername, ewsPassword (sealed, purpose `availability-provider`, bound to
 *                                           pk, sk and attribute), or lambdaArn; createdAt, modifiedAt
 *   ORG#<orgId> / AVAILCONFIGS              { total }: availability configurations (limit 100), in their transactions
 *   ORG#<orgId> / JOURNALING                journaling configuration: status, journalingAddress, reportAddress, updatedAt
 *   ORG#<orgId> / EMAILMONITORING           email event log destination (PutEmailMonitoringConfiguration): logGroupArn,
 *                                           roleArn (absent: the deployment's own role), updatedAt (epoch ms, a number)
 *   ORG#<orgId> / AUDITLOG#<logType>        audit log delivery of one log type (AuditLogDelivery: logType, destination
 *                                           { kind, logGroupArn | bucketArn | deliveryStreamArn }, updatedAt); one
 *                                           Query reads an organization's five
 *   JOURNAL#<recordId> / RECORD             journal record waiting for delivery (PendingJournalRecord: addresses, attempts,
 *                                           nextAttemptAt); removed once delivered or given up on
 *       gsi1: JOURNALDUE / <nextAttemptAt, 15 digits>#<recordId>   records due, earliest first
 *   ORG#<orgId> / RETENTION                 { policy } (the retention policy: id, name, description,
 *                                           folderConfigurations) or { removed: true } once deleted
 *       gsi1: RETENTIONORGS / <orgId>       every organization that has or had a policy (the sweep's list)
 *   ADMINKEY#<keyId> / KEY                  admin access key (expiresAt for single sign-on keys)   gsi1: ADMINKEYS / <keyId>
 *   IDEMPOTENCY#<action>#<clientToken> / TOKEN    ClientToken replay record, expires through `ttl`
 *   PAT#<tokenId> / TOKEN                   personal access token: organizationId, userId, name, scopes (list),
 *                                           tokenHash (base64url SHA-256 of the value, never the value), createdAt,
 *                                           expiresAt, lastUsedAt (written at most hourly); `ttl` 30 days after expiry
 *       gsi1: ORG#<orgId>#PATS / <userId>#<createdAt, 15 digits>#<tokenId>   listing per organization or per user
 *   SIGNIN#<key> / FAILURES                 failed sign-ins under one key: failures (password attempts are counted
 *                                           before they are checked, and taken back when they succeed),
 *                                           lastFailureAt, expiresAt, `ttl`;
 *                                           key = L#<SHA-256 of (login or token id, source network)> or
 *                                           S#<SHA-256 of the source network> (core/user-auth/sign-in-throttle.ts)
 *   DEPLOYMENT#KEYS / KEY#<name>            deployment-wide 256-bit key (e.g. `delivery-ledger`): wrappedKey (binary,
 *                                           KMS ciphertext, context {"mailwright:purpose": <name>}), createdAt; created
 *                                           once with a conditional put, never updated
 *   ORG#<orgId> / EXPORTJOB#<jobId>         mailbox export job: record (request, keys), state, checkpoint (upload id,
 *                                           next part, zip offset, walk position, SHA-384 state), endedAt, errorInfo,
 *                                           ttl (30 days); job ids start with the start time in base 36, so the last
 *                                           7 days are one key range     gsi1: EXPORTJOBS#RUNNING / <orgId>#<jobId>
 *                                           while RUNNING (sparse: the jobs to resume)
 *   ORG#<orgId> / EXPORTJOBS                { running }: RUNNING export jobs (limit 10), in the jobs' transactions
 *   ORG#<orgId> / EXPORTMBX#<mailboxId>     { lastStartedAt }: one export per mailbox per 24 hours, ttl
 *   ORG#<orgId> / EXPORTPART#<jobId>#<part, 5 digits>#<chunk, 3 digits>   an uploaded part: etag (chunk 0), cd
 *                                           (its entries' central directory records, ≤ 300 KiB per chunk), ttl;
 *                                           written in the checkpoint's transaction
 *   ORG#<orgId> / IMPORTJOB#<jobId>         mailbox import job: bucket, key, roleArn?, state, entriesDone,
 *                                           messagesImported, bytesImported, updatedAt, ttl (30 days)
 *                                           gsi1: IMPORTJOBS#RUNNING / <orgId>#<jobId> while RUNNING (sparse)
 *   ORG#<orgId> / ACR                       { count }: access control rules (limit 10); absent while the organization has
 *                                           only the implicit default rule
 *   ORG#<orgId> / ACR#<name>                { rule }: one access control rule (with its dates)
 *   ORG#<orgId> / MDR  and  MDR#<ruleId>    mobile device access rules, the same way (implicit allow-all `default`)
 *   ORG#<orgId> / MDO#<userId>#<DEVICEID>   { override }: a mobile device access override
 *       gsi1: ORG#<orgId>#MDODEVICE#<DEVICEID> / <userId>   overrides of one device
 *   ORG#<orgId> / MDPOLICY                  { policy, modifiedAt }: the organization's mobile device policy
 *   ORG#<orgId> / IMPROLE  and  IMPROLE#<roleId>   impersonation roles (count, limit 20; { rule }: the role)
 *   IMPTOKEN#<tokenId> / TOKEN              { token }: an issued role token (SHA-256 digest, role, expiresAt), `ttl`
 *   ORG#<orgId> / IDPCONFIG                 identity provider configuration: authenticationMode, instanceArn,
 *                                           applicationArn, patStatus, patLifetimeInDays?, updatedAt; written in one
 *                                           transaction with the organizationCount of the application(s) it names
 *   IDCAPP#<applicationArn> / APP           Identity Center application (account-wide): name, instanceArn, createdAt,
 *                                           organizationCount (deleted only at 0), issuer, clientId, clientSecret
 *                                           (sealed, purpose `sso-client-secret`, bound to pk, sk and attribute)
 *   SSOLOGIN#<SHA-256 of state> / LOGIN     pending web sign-in: organizationId, returnTo, secrets (nonce and PKCE
 *                                           verifier, sealed, purpose `sso-pending-login`), expiresAt, `ttl` (10 min);
 *                                           deleted when the callback takes it
 *   SSOSESSION#<SHA-256 of cookie> / SESSION   web session: organizationId, userId, csrfToken, createdAt, expiresAt,
 *                                           `ttl`; the cookie value itself is never stored
 *   ADMINSESSION#<SHA-256 of cookie> / SESSION   admin console session (single sign-on): accessKeyId of its
 *                                           short-lived admin key, username, csrfToken, keyDelivered, createdAt,
 *                                           expiresAt, `ttl`; no secret (the key's stays in its ADMINKEY item)
 *   AUDIT#<orgId or ACCOUNT> / <time, 15 digits>#<requestId>   { event }: an admin call that may change something
 *                                           (who, action, identifiers, source, outcome), `ttl` 90 days
 * Pairs (MEMBER/MEMBEROF, DELEGATE/DELEGATEOF, PERM/PERMOF) and counters are written in the same transaction as what they mirror
 * or count.
 * Items that expire carry `ttl` (epoch seconds).
 */
export const DIRECTORY_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: ['gsi1', 'gsi2', 'gsi3', 'gsi4'],
  timeToLiveAttribute: 'ttl',
} as const;

/**
 * Mailbox table: per mailbox keys, counters, folders, the message index and the search index. See docs/encryption.md.
 * Its stream (keys only, cloud) feeds the search indexer.
 * Nothing here holds a subject, body or address in plaintext; message ids are restricted to [A-Za-z0-9._:-].
 *
 * Mailbox table (`pk`, `sk`), pk = MBX#<orgId>#<mailboxId>:
 *   MBX#… / MAILBOX                   state (ACTIVE|DESTROYING), keyScheme, currentKeyVersion, usedBytes,
 *                                     messageCount, createdAt, modseq (numbers); quota is enforced on usedBytes;
 *                                     every change of the mailbox model is conditional on modseq and increments it;
 *                                     vacation { fromDate?, toDate? } (epoch ms, no user content) while the owner's
 *                                     vacation response is enabled, written with the VACATION item: deliveries read
 *                                     it with the record, so a mailbox without it costs no request more
 *   MBX#… / INFLIGHT#<messageFlowId>  reference to an in-flight Message Flow record naming this mailbox, ttl
 *   MBX#… / MSG#<messageId>           folder, receivedAt, sizeBytes, blobKey, keyVersion, formatVersion,
 *                                     wrappedMessageKey (binary), summary (map of binary: subject/from/to/snippet,
 *                                     each AES-GCM sealed), keywords (list), uid, threadId, modseq, createdModseq
 *       gsi1: MBX#<orgId>#<mailboxId>#FOLDER#<folder> / <receivedAt, 15 digits>#<messageId>   folder listing
 *       gsi2: MBX#<orgId>#<mailboxId>#FOLDER#<folder> / <uid, 10 digits>   a folder in UID order (IMAP SELECT),
 *             projecting only messageId, uid, keywords, modseq, sizeBytes, receivedAt
 *       gsi3: RET#<orgId>#<folder>#<shard 0-7> / <ageAt, 15 digits>#<mailboxId>#<messageId>   the age index of
 *             retention (dynamodb-age-index.ts): only messages in INBOX, DELETED_ITEMS, SENT_ITEMS, DRAFTS,
 *             JUNK_EMAIL and RECOVERABLE_ITEMS; ageAt (epoch ms) is rewritten by every change of the entry
 *   MBX#… / FOLDER#<folderId>         name, parentId?, role?, uidValidity, uidNext, totalEmails, unreadEmails,
 *                                     totalThreads, unreadThreads, createdModseq, modseq
 *   MBX#… / THREAD#<threadId>         members (list of messageId, receivedAt, folderId, seen), createdModseq, modseq;
 *                                     the thread id is an HMAC of a Message-ID under the mailbox's index key
 *   MBX#… / TREF#<key>                threadId: the thread of the message whose Message-ID HMACs to <key>
 *   MBX#… / CHG#<EMAIL|FOLDER|THREAD>#<modseq, 15 digits>#<id>   the change log: one entry per object, its latest
 *                                     change (createdModseq; destroyed + ttl for tombstones; blobKey of a destroyed
 *                                     message), replaced in the transaction that changes the object
 *   MBX#… / GONE#<folderId>#<modseq, 15 digits>#<uid, 10 digits>   a UID that left the folder (IMAP VANISHED), ttl
 *   MBX#… / TERM#<term key>#<segment, 15 digits>   search index segment: refs (`<fields> <messageId>` lines) of the
 *                                     segment's messages containing the word; term key = HMAC of the word under the
 *                                     mailbox's index key (docs/search.md); immutable
 *   MBX#… / SEARCH                    indexedModseq (every message created up to it is indexed), cursor (how far
 *                                     the indexer's current pass over the change log got; see core/search/ports.ts)
 *   INBOUND#<sesMessageId> / TARGET#<target>   delivery ledger entry: state, owner, leaseUntil, mailboxId, folder,
 *                                     status, updatedAt, ttl; recipient, reason and target sealed (AES-256-GCM under
 *                                     the `delivery-ledger` deployment key, AAD = pk, sk, attribute); an address
 *                                     target is ADDR#<hex HMAC-SHA256 of the lower-cased address>
 *   INBOUND#<sesMessageId> / COMPLETE  completedAt, ttl
 *   INFLIGHT#<messageFlowId> / MESSAGE  in-flight Message Flow record (organizationId, mailboxIds, state, content
 *                                     locations, ruleArns, expiresAt), ttl
 *   MBX#… / SUB#<submissionId>       a sent message (JMAP EmailSubmission): record (the whole record sealed under the
 *                                     `email-submission` subkey of the `delivery-ledger` deployment key, AAD = pk, sk,
 *                                     attribute), expiresAt, ttl (7 days); ids start with the send time in base 36
 *   MBX#… / IDENTITY#<identityId>    a user's settings of one JMAP identity (name, reply-to, bcc, signatures), sealed
 *                                     (`jmap-identity` subkey)
 *   MBX#… / VACATION                 a user's vacation response (enabled, dates, subject, bodies), sealed
 *                                     (`vacation-response` subkey)
 *   MBX#… / VACREPLY#<hex HMAC-SHA256 of the lower-cased sender>   a sender the vacation response answered
 *                                     (`vacation-reply` subkey): expiresAt (epoch ms; the next reply may go out then),
 *                                     ttl; written with a conditional put. VACATION and VACREPLY# go with the mailbox
 *   CAL#<orgId>#<mailboxId> / …      calendars and address books of a mailbox (dynamodb-calendar-store.ts,
 *                                     docs/calendars.md); its own partition, so the search indexer (MBX# partitions,
 *                                     CHG#EMAIL# keys) never sees them:
 *     COL#<collectionId>              kind, displayName, description?, color?, isDefault, syncSeq (every object change
 *                                     is one transaction conditional on it and increments it), createdAt, deleting?
 *     OBJ#<collectionId>#<name>       uid, etag, seq, sizeBytes, modifiedAt, objectId, keyVersion, wrappedKey (binary:
 *                                     the object key under the mailbox key), content (binary, AES-GCM sealed, first
 *                                     350 000 bytes), contentParts, slotLong?/slotStart? (where its time entry is)
 *     PART#<collectionId>#<name>#<n>  content: further sealed bytes of a large object
 *     UID#<collectionId>#<uid>        name: the object holding the UID (uniqueness per collection)
 *     LOG#<collectionId>#<seq, 15 digits>   the change log: name, seq, etag, or removed + ttl (tombstone); one entry
 *                                     per object (its latest change)
 *     CIX#S#<start, 15 digits>#<collectionId>#<name>   time index of events up to 7 days without recurrence:
 *                                     start, end, busyType and the object's metadata (no summary, location, attendee)
 *     CIX#L#<start, 15 digits>#<collectionId>#<name>   longer and recurring ones: start, end (9999999999999 when
 *                                     open), busyType, rules (the time skeleton: VTIMEZONE rules, DTSTART/DTEND/DURATION,
 *                                     RRULE/RDATE/EXDATE, RECURRENCE-ID, STATUS, TRANSP and busy status only)
 *   SENDLIMIT#<counter> / COUNT       recipients counted towards a daily sending limit: recipients, expiresAt, ttl;
 *                                     counter = USER#<orgId>#<userId>#<day>, ACCOUNT#<day> or TESTDOMAIN#<day>
 */
export const MAILBOX_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: ['gsi1', 'gsi2', 'gsi3'],
  /** Indexes that project only some attributes (the others project all). */
  indexAttributes: {
    gsi2: ['messageId', 'uid', 'keywords', 'modseq', 'sizeBytes', 'receivedAt'],
    gsi3: ['messageId'],
  },
  timeToLiveAttribute: 'ttl',
} as const;

/**
 * Key table: wrapped mailbox keys only, apart from the Mailbox table so that their backups are configured on their own
 * (deleting them is crypto-shredding; `mailboxKeyRecoveryDays` in lib/storage.ts).
 *   MBX#<orgId>#<mailboxId> / KEY#<version, 10 digits>   wrappedKey (binary, KMS ciphertext), version, kmsKeyArn?,
 *                                     createdAt; deleted on destroy
 */
export const KEY_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [],
  timeToLiveAttribute: 'ttl',
} as const;

type TableDefinition = typeof DIRECTORY_TABLE | typeof MAILBOX_TABLE | typeof KEY_TABLE;

/**
 * The attributes an index projects besides the keys, or undefined when it projects all.
 * @example
 * indexAttributes(MAILBOX_TABLE, 'gsi2'); // ['messageId', 'uid', …]
 */
export function indexAttributes(definition: TableDefinition, index: string): readonly string[] | undefined {
  const partial: Readonly<Record<string, readonly string[]>> =
    'indexAttributes' in definition ? definition.indexAttributes : {};
  return partial[index];
}

/**
 * Creates a table with the given definition unless it exists (local runtime and tests; the cloud uses CDK).
 * @example
 * await ensureTable(client, 'mailwright-directory', DIRECTORY_TABLE);
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  definition: TableDefinition,
): Promise<void> {
  const attribute = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          attribute(definition.partitionKey),
          attribute(definition.sortKey),
          ...definition.globalIndexes.flatMap((index) => [attribute(`${index}pk`), attribute(`${index}sk`)]),
        ],
        KeySchema: [
          { AttributeName: definition.partitionKey, KeyType: 'HASH' },
          { AttributeName: definition.sortKey, KeyType: 'RANGE' },
        ],
        ...(definition.globalIndexes.length > 0 && {
          GlobalSecondaryIndexes: (definition.globalIndexes as readonly string[]).map((index) => ({
            IndexName: index,
            KeySchema: [
              { AttributeName: `${index}pk`, KeyType: 'HASH' as const },
              { AttributeName: `${index}sk`, KeyType: 'RANGE' as const },
            ],
            Projection: projection(definition, index),
          })),
        }),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await addMissingIndexes(client, tableName, definition);
  }
  await client.send(new DescribeTableCommand({ TableName: tableName }));
}

function projection(definition: TableDefinition, index: string): Projection {
  const attributes = indexAttributes(definition, index);
  return attributes
    ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...attributes] }
    : { ProjectionType: 'ALL' };
}

/** A data directory made by an older version lacks indexes added since: they are created (and backfilled). */
async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
  definition: TableDefinition,
): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of definition.globalIndexes as readonly string[]) {
    if (present.has(index)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: `${index}pk`, AttributeType: 'S' },
          { AttributeName: `${index}sk`, AttributeType: 'S' },
        ],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index,
              KeySchema: [
                { AttributeName: `${index}pk`, KeyType: 'HASH' },
                { AttributeName: `${index}sk`, KeyType: 'RANGE' },
              ],
              Projection: projection(definition, index),
            },
          },
        ],
      }),
    );
    await untilIndexActive(client, tableName, index);
  }
}

/** DynamoDB creates one index of a table at a time: the next may start only once this one is active. */
async function untilIndexActive(client: DynamoDBClient, tableName: string, index: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const status = Table?.GlobalSecondaryIndexes?.find((each) => each.IndexName === index)?.IndexStatus;
    if (status === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Index ${index} of table ${tableName} did not become active within 60 s`);
}
