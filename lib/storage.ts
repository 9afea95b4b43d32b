import { Duration, RemovalPolicy, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  DIRECTORY_TABLE,
  indexAttributes,
  KEY_TABLE,
  MAILBOX_TABLE,
} from '../lambdas/adapters/aws/dynamodb-tables';
import { JOURNAL_PREFIX } from '../lambdas/adapters/aws/s3-journal-content-store';
import { grantKeyViaDynamoDb, grantKeyViaS3, grantKeyWrapping } from './key-grants';
import { acknowledgeWildcards } from './nag';

/** Properties of {@link Storage}. */
export interface StorageProps {
  /**
   * The default organization key: wraps mailbox keys of organizations created without `KmsKeyArn`, and encrypts the
   * tables and buckets. Must be a symmetric encryption key in the stack's Region.
   * @default - a new customer managed key with yearly rotation
   */
  readonly organizationKey?: kms.IKey;
  /** What happens to tables, buckets and the key when they leave the stack. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * How long objects stay in the `inbound` bucket: raw mail SES wrote under `incoming/` (deleted at once after
   * delivery unless a Run Lambda rule still needs it) and PutRawMessageContent replacements under `message-flow/`.
   * At least {@link MIN_INBOUND_RETENTION}: the Message Flow API serves a message for 24 hours, plus a day of margin.
   * @default Duration.days(7) - also leaves a week to redrive failed events from the dead-letter queue
   */
  readonly inboundRetention?: Duration;
  /** How long finished mailbox exports stay in the `exports` bucket. @default Duration.days(30) */
  readonly exportsRetention?: Duration;
  /**
   * Point-in-time recovery window of the key table, in days (0 to 35). Deleting a mailbox deletes its wrapped keys,
   * which makes its mail unrecoverable (crypto-shredding); with a window of N days, a restore of the key table can
   * bring a deleted mailbox's mail back for N days after its deletion, and protects against losing every mailbox
   * to an accidental or malicious deletion of keys. The table keeps deletion protection either way.
   * @default 0 - no point-in-time recovery: mail is unrecoverable as soon as its mailbox is destroyed
   */
  readonly mailboxKeyRecoveryDays?: number;
}

/** Object prefix under which SES writes raw inbound mail. */
export const INBOUND_PREFIX = 'incoming/';

/** Object prefix of PutRawMessageContent replacements (`S3RawMessageStore`'s default `keyPrefix`). */
export const MESSAGE_FLOW_PREFIX = 'message-flow/';

/** Shortest `inboundRetention`: the 24-hour Message Flow window plus one day. */
export const MIN_INBOUND_RETENTION = Duration.days(2);

/**
 * Mailwright's data: the Directory and Mailbox tables, the `inbound`, `store` and `exports` buckets, and the default
 * organization KMS key. Everything is encrypted with that key, blocks public access and refuses plain HTTP.
 * @example
 * const storage = new Storage(this, 'Storage', { removalPolicy: RemovalPolicy.DESTROY });
 * storage.grantDirectoryReadWrite(apiFunction);
 */
export class Storage extends Construct {
  /** The default organization key (also the tables' and buckets' key). */
  readonly organizationKey: kms.IKey;
  /** Organizations, users, groups, resources, domains, admin keys (`DIRECTORY_TABLE`). */
  readonly directoryTable: dynamodb.ITable;
  /** Mailbox records, counters, the message index, the delivery ledger, in-flight records (`MAILBOX_TABLE`). */
  readonly mailboxTable: dynamodb.ITable;
  /** Wrapped mailbox keys (`KEY_TABLE`), with their own recovery setting (`mailboxKeyRecoveryDays`). */
  readonly mailboxKeyTable: dynamodb.ITable;
  /** Raw mail as SES writes it, under `incoming/`, and Message Flow replacements under `message-flow/`; short-lived. */
  readonly inboundBucket: s3.IBucket;
  /** Encrypted message blobs. */
  readonly storeBucket: s3.IBucket;
  /** Mailbox exports. */
  readonly exportsBucket: s3.IBucket;
  /** Server access logs of the three data buckets (SSE-S3: S3 cannot deliver logs to an SSE-KMS bucket). */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * The tables and buckets without their key: grants go through these, so CDK adds no unconditioned key statement,
   * and the key is granted with conditions (`./key-grants`).
   */
  private readonly withoutKey: {
    readonly directoryTable: dynamodb.ITable;
    readonly mailboxTable: dynamodb.ITable;
    readonly mailboxKeyTable: dynamodb.ITable;
    readonly inboundBucket: s3.IBucket;
    readonly storeBucket: s3.IBucket;
  };

  constructor(scope: Construct, id: string, props: StorageProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const destroy = removalPolicy === RemovalPolicy.DESTROY;
    const inboundRetention = props.inboundRetention ?? Duration.days(7);
    if (inboundRetention.toHours({ integral: false }) < MIN_INBOUND_RETENTION.toHours()) {
      throw new Error(
        `Storage '${id}': inboundRetention is ${inboundRetention.toHumanString()}; use at least ` +
          `${MIN_INBOUND_RETENTION.toDays()} days so messages outlive the 24-hour Message Flow window.`,
      );
    }

    this.organizationKey =
      props.organizationKey ??
      new kms.Key(this, 'OrganizationKey', {
        description: 'Mailwright default organization key: wraps mailbox keys, encrypts tables and buckets',
        enableKeyRotation: true,
        rotationPeriod: Duration.days(365),
        removalPolicy,
      });

    const keyRecoveryDays = props.mailboxKeyRecoveryDays ?? 0;
    if (!Number.isInteger(keyRecoveryDays) || keyRecoveryDays < 0 || keyRecoveryDays > 35) {
      throw new Error(
        `Storage '${id}': mailboxKeyRecoveryDays is ${keyRecoveryDays}; use a whole number of days from 0 to 35.`,
      );
    }
    const projection = (attributes: readonly string[] | undefined) =>
      attributes
        ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...attributes] }
        : { projectionType: dynamodb.ProjectionType.ALL };
    const table = (
      tableId: string,
      definition: typeof DIRECTORY_TABLE | typeof MAILBOX_TABLE | typeof KEY_TABLE,
      recoveryDays = 35,
      stream?: dynamodb.StreamViewType,
    ) => {
      const stringKey = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
      const created = new dynamodb.Table(this, tableId, {
        partitionKey: stringKey(definition.partitionKey),
        sortKey: stringKey(definition.sortKey),
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.organizationKey,
        pointInTimeRecoverySpecification:
          recoveryDays > 0
            ? { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: recoveryDays }
            : { pointInTimeRecoveryEnabled: false },
        timeToLiveAttribute: definition.timeToLiveAttribute,
        stream,
        deletionProtection: !destroy,
        removalPolicy,
      });
      for (const index of definition.globalIndexes as readonly string[]) {
        created.addGlobalSecondaryIndex({
          indexName: index,
          partitionKey: stringKey(`${index}pk`),
          sortKey: stringKey(`${index}sk`),
          ...projection(indexAttributes(definition, index)),
        });
      }
      return created;
    };
    this.directoryTable = table('DirectoryTable', DIRECTORY_TABLE);
    // Keys only: the search indexer learns which mailboxes have new mail, and reads the rest itself.
    this.mailboxTable = table('MailboxTable', MAILBOX_TABLE, 35, dynamodb.StreamViewType.KEYS_ONLY);
    this.mailboxKeyTable = table('MailboxKeyTable', KEY_TABLE, keyRecoveryDays);
    if (keyRecoveryDays === 0) {
      Validations.of(this.mailboxKeyTable).acknowledge({
        id: 'AwsSolutions-DDB3',
        reason:
          'Deleting a mailbox deletes its wrapped keys (crypto-shredding); a point-in-time backup would keep deleted ' +
          'mail recoverable. Opt in with mailboxKeyRecoveryDays; the table has deletion protection.',
      });
    }

    const secure = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
    };
    const cleanup = { removalPolicy, autoDeleteObjects: false };
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      ...secure,
      ...cleanup,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    const dataBucket = (bucketId: string, options: Partial<s3.BucketProps>) =>
      new s3.Bucket(this, bucketId, {
        ...secure,
        ...cleanup,
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.organizationKey,
        bucketKeyEnabled: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        serverAccessLogsBucket: this.accessLogsBucket,
        serverAccessLogsPrefix: `${bucketId}/`,
        ...options,
      });
    // One rule for the whole bucket: it covers `incoming/` and `message-flow/` alike.
    this.inboundBucket = dataBucket('InboundBucket', {
      lifecycleRules: [
        {
          expiration: inboundRetention,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    this.storeBucket = dataBucket('StoreBucket', {
      versioned: true,
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        // JMAP uploads (core/mailbox/uploads.ts) live a day; deleted versions go at once.
        { prefix: 'uploads/', expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) },
      ],
    });
    const tableWithoutKey = (viewId: string, source: dynamodb.ITable, globalIndexes: readonly string[]) =>
      dynamodb.Table.fromTableAttributes(this, viewId, {
        tableArn: source.tableArn,
        globalIndexes: [...globalIndexes],
      });
    const bucketWithoutKey = (viewId: string, source: s3.IBucket) =>
      s3.Bucket.fromBucketAttributes(this, viewId, {
        bucketArn: source.bucketArn,
        bucketName: source.bucketName,
      });
    this.withoutKey = {
      directoryTable: tableWithoutKey(
        'DirectoryTableGrants',
        this.directoryTable,
        DIRECTORY_TABLE.globalIndexes,
      ),
      mailboxTable: tableWithoutKey('MailboxTableGrants', this.mailboxTable, MAILBOX_TABLE.globalIndexes),
      mailboxKeyTable: tableWithoutKey(
        'MailboxKeyTableGrants',
        this.mailboxKeyTable,
        KEY_TABLE.globalIndexes,
      ),
      inboundBucket: bucketWithoutKey('InboundBucketGrants', this.inboundBucket),
      storeBucket: bucketWithoutKey('StoreBucketGrants', this.storeBucket),
    };
    this.exportsBucket = dataBucket('ExportsBucket', {
      versioned: true,
      lifecycleRules: [
        {
          expiration: props.exportsRetention ?? Duration.days(30),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
  }

  /** Read and write the Directory table (admin API). */
  grantDirectoryReadWrite(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeTable(grantee, this.directoryTable);
    return this.withoutKey.directoryTable
      .grantReadWriteData(grantee)
      .combine(grantKeyViaDynamoDb(this.organizationKey, grantee, this.directoryTable));
  }

  /** Read the Directory table (recipient resolution, flow rules). */
  grantDirectoryRead(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeTable(grantee, this.directoryTable);
    return this.withoutKey.directoryTable
      .grantReadData(grantee)
      .combine(grantKeyViaDynamoDb(this.organizationKey, grantee, this.directoryTable));
  }

  /** Read and write the Mailbox table (mailbox lifecycle: keys, counters, folders). */
  grantMailboxReadWrite(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeTable(grantee, this.mailboxTable);
    return this.withoutKey.mailboxTable
      .grantReadWriteData(grantee)
      .combine(grantKeyViaDynamoDb(this.organizationKey, grantee, this.mailboxTable));
  }

  /** Read and write wrapped mailbox keys (the key table): provisioning, rotating, unwrapping and shredding. */
  grantMailboxKeys(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeKeyActions(grantee);
    return this.withoutKey.mailboxKeyTable
      .grantReadWriteData(grantee)
      .combine(grantKeyViaDynamoDb(this.organizationKey, grantee, this.mailboxKeyTable));
  }

  /**
   * Provision and destroy mailboxes: the Mailbox table, deleting a destroyed mailbox's blobs from `store`, and
   * wrapping new mailbox keys with the organization key.
   */
  grantMailboxLifecycle(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeBucketObjects(grantee, this.storeBucket, '*', ['s3:DeleteObject*']);
    return this.grantMailboxReadWrite(grantee)
      .combine(this.grantMailboxKeys(grantee))
      .combine(this.withoutKey.storeBucket.grantDelete(grantee))
      .combine(this.grantKeyWrapping(grantee))
      .combine(this.grantDiscardInFlight(grantee));
  }

  /**
   * Apply retention (the worker, StartRetentionSweep): the Mailbox table (age index, mailbox model commits) and
   * deleting expired messages' blobs from `store`. No key wrapping: retention never decrypts.
   * @example
   * storage.grantRetentionSweep(workerFunction);
   */
  grantRetentionSweep(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeBucketObjects(grantee, this.storeBucket, '*', ['s3:DeleteObject*']);
    return this.grantMailboxReadWrite(grantee).combine(this.withoutKey.storeBucket.grantDelete(grantee));
  }

  /**
   * Plan retention (the planner): read the Directory table (policies) and query the Mailbox table (age index).
   * @example
   * storage.grantRetentionPlanning(plannerFunction);
   */
  grantRetentionPlanning(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeTable(grantee, this.mailboxTable);
    return this.grantDirectoryRead(grantee)
      .combine(this.withoutKey.mailboxTable.grantReadData(grantee))
      .combine(grantKeyViaDynamoDb(this.organizationKey, grantee, this.mailboxTable));
  }

  /**
   * End a destroyed mailbox's in-flight Message Flow messages: list one message's replacements (ListBucket, only
   * under `message-flow/`) and delete them and the raw message SES wrote (`incoming/`).
   * @example
   * storage.grantDiscardInFlight(apiFunction);
   */
  grantDiscardInFlight(grantee: iam.IGrantable): iam.Grant {
    for (const prefix of [MESSAGE_FLOW_PREFIX, INBOUND_PREFIX])
      this.acknowledgeBucketObjects(grantee, this.inboundBucket, `${prefix}*`, ['s3:DeleteObject*']);
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucket'],
      resourceArns: [this.inboundBucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${MESSAGE_FLOW_PREFIX}*`] } },
    })
      .combine(this.withoutKey.inboundBucket.grantDelete(grantee, `${MESSAGE_FLOW_PREFIX}*`))
      .combine(this.withoutKey.inboundBucket.grantDelete(grantee, `${INBOUND_PREFIX}*`));
  }

  /**
   * Purge the mailboxes of deregistered entities: read the Directory, UpdateItem on it (the purge records its claim
   * and completion on the entity item, nothing else), and the mailbox lifecycle grant.
   * @example
   * storage.grantMailboxPurge(purgeFunction);
   */
  grantMailboxPurge(grantee: iam.IGrantable): iam.Grant {
    return this.grantDirectoryRead(grantee)
      .combine(this.directoryTable.grant(grantee, 'dynamodb:UpdateItem'))
      .combine(this.grantMailboxLifecycle(grantee));
  }

  /**
   * Wrap and unwrap mailbox keys with the default organization key: KMS Encrypt/Decrypt, only with a mailbox key's
   * encryption context (an organization of this deployment and a mailbox).
   * @example
   * storage.grantKeyWrapping(apiFunction);
   */
  grantKeyWrapping(grantee: iam.IGrantable): iam.Grant {
    return grantKeyWrapping(this.organizationKey, grantee, 'mailbox-key');
  }

  /**
   * Wrap and unwrap the secrets of admin access keys with the default organization key (their encryption context
   * only).
   * @example
   * storage.grantAdminSecretWrapping(apiFunction);
   */
  grantAdminSecretWrapping(grantee: iam.IGrantable): iam.Grant {
    return grantKeyWrapping(this.organizationKey, grantee, 'admin-secret');
  }

  /**
   * Deliver mail into mailboxes: read the Directory, write the Mailbox table and the `store` bucket, and use the
   * organization key. One grant for everything delivery touches.
   */
  grantDeliver(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeTable(grantee, this.directoryTable);
    this.acknowledgeTable(grantee, this.mailboxTable);
    this.acknowledgeBucketObjects(grantee, this.storeBucket, '*', [
      ...BUCKET_READ_ACTIONS,
      's3:DeleteObject*',
      's3:Abort*',
    ]);
    return this.grantDirectoryRead(grantee)
      .combine(this.grantMailboxReadWrite(grantee))
      .combine(this.grantMailboxKeys(grantee))
      .combine(this.withoutKey.storeBucket.grantReadWrite(grantee))
      .combine(grantKeyViaS3(this.organizationKey, grantee, this.storeBucket, 'readWrite'))
      .combine(this.grantKeyWrapping(grantee))
      .combine(this.grantDeploymentKeys(grantee));
  }

  /**
   * Serve users their mail (JMAP): read the Directory, record sign-in failures and token use (only the `SIGNIN#` and
   * `PAT#` partitions), read and write the Mailbox table, read mailbox keys, read, write and delete message blobs
   * (uploads, imports, destroyed mail), and wrap and unwrap with mailbox keys. No write to the key table and no
   * other Directory write.
   * @example
   * storage.grantMailAccess(jmapFunction);
   */
  grantMailAccess(grantee: iam.IGrantable): iam.Grant {
    return this.grantDeliverReports(grantee).combine(
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resourceArns: [this.directoryTable.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SIGNIN#*', 'PAT#*'] } },
      }),
    );
  }

  /**
   * Sign users in to the web app through single sign-on: write pending logins and sessions (only the `SSOLOGIN#` and
   * `SSOSESSION#` partitions of the Directory table). Reading the identity provider configuration, and opening the
   * sealed client secret, come with {@link grantMailAccess} and the deployment keys.
   * @example
   * storage.grantWebSignIn(jmapFunction);
   */
  grantWebSignIn(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
      resourceArns: [this.directoryTable.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SSOLOGIN#*', 'SSOSESSION#*'] } },
    });
  }

  /**
   * Sign admins in to the console through single sign-on: create, and revoke at sign-out, short-lived admin keys
   * (their secrets wrapped under the admin-secret encryption context), keep console sessions and record the sign-ins
   * in the account's admin audit — only the `ADMINKEY#`, `ADMINSESSION#` and `AUDIT#ACCOUNT` partitions of the
   * Directory table. Pending logins come with {@link grantWebSignIn}.
   * @example
   * storage.grantAdminSignIn(jmapFunction);
   */
  grantAdminSignIn(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      resourceArns: [this.directoryTable.tableArn],
      conditions: {
        'ForAllValues:StringLike': {
          'dynamodb:LeadingKeys': ['ADMINKEY#*', 'ADMINSESSION#*', 'AUDIT#ACCOUNT'],
        },
      },
    }).combine(this.grantAdminSecretWrapping(grantee));
  }

  /**
   * Put reports of sent mail (SES bounces and delays) into users' Inboxes: read the Directory, read and write the
   * Mailbox table, read mailbox keys, write (and delete refused) message blobs, and wrap and unwrap with mailbox keys.
   * No Directory write, no key-table write, no deployment keys. {@link grantMailAccess} is this plus sign-in records.
   * @example
   * storage.grantDeliverReports(sendEventsFunction);
   */
  grantDeliverReports(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeTable(grantee, this.mailboxKeyTable);
    this.acknowledgeBucketObjects(grantee, this.storeBucket, '*', [
      ...BUCKET_READ_ACTIONS,
      's3:DeleteObject*',
      's3:Abort*',
    ]);
    return this.grantDirectoryRead(grantee)
      .combine(this.grantMailboxReadWrite(grantee))
      .combine(this.withoutKey.mailboxKeyTable.grantReadData(grantee))
      .combine(grantKeyViaDynamoDb(this.organizationKey, grantee, this.mailboxKeyTable))
      .combine(this.withoutKey.storeBucket.grantReadWrite(grantee))
      .combine(grantKeyViaS3(this.organizationKey, grantee, this.storeBucket, 'readWrite'))
      .combine(this.grantKeyWrapping(grantee));
  }

  /**
   * Send mail for users (JMAP EmailSubmission) on top of {@link grantMailAccess} (which already writes message
   * blobs): seal submission records with the deployment key, and keep outbound messages for Run Lambda rules under
   * `message-flow/` in the inbound bucket (write and read; the bucket's lifecycle rule expires them).
   * @example
   * storage.grantSendMail(jmapFunction);
   */
  grantSendMail(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeBucketObjects(grantee, this.inboundBucket, `${MESSAGE_FLOW_PREFIX}*`, [
      ...BUCKET_READ_ACTIONS,
      's3:Abort*',
    ]);
    const inbound = this.withoutKey.inboundBucket;
    return this.grantDeploymentKeys(grantee)
      .combine(inbound.grantRead(grantee, `${MESSAGE_FLOW_PREFIX}*`))
      .combine(inbound.grantPut(grantee, `${MESSAGE_FLOW_PREFIX}*`))
      .combine(grantKeyViaS3(this.organizationKey, grantee, this.inboundBucket, 'readWrite'));
  }

  /**
   * Keep the search index: read the Mailbox table's stream (this table's only), read and write the Mailbox table
   * (the change log, messages, index segments), read messages from `store` and mailbox keys from the key table, and
   * unwrap mailbox keys. No Directory write, no blob write.
   * @example
   * storage.grantSearchIndexing(indexerFunction);
   */
  grantSearchIndexing(grantee: iam.IGrantable): iam.Grant {
    const streamArn = this.mailboxTable.tableStreamArn;
    if (!streamArn) throw new Error('The Mailbox table has no stream.');
    this.acknowledgeTable(grantee, this.mailboxKeyTable);
    this.acknowledgeBucketObjects(grantee, this.storeBucket, '*', BUCKET_READ_ACTIONS);
    acknowledgeWildcards(
      grantee,
      [`Resource::<${this.logicalIdOf(this.mailboxTable)}.Arn>/stream/*`],
      "ListStreams names the table's streams by pattern: a stream's ARN changes whenever it is re-enabled.",
    );
    this.acknowledgeTable(grantee, this.mailboxTable);
    return this.grantDirectoryRead(grantee)
      .combine(
        // Reads of the change log, messages and postings; segment writes and the progress update. No deletes and
        // no transactions: the indexer never changes mail.
        this.withoutKey.mailboxTable.grant(
          grantee,
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:TransactGetItems',
          'dynamodb:BatchWriteItem',
          'dynamodb:UpdateItem',
        ),
      )
      .combine(grantKeyViaDynamoDb(this.organizationKey, grantee, this.mailboxTable))
      .combine(
        iam.Grant.addToPrincipal({
          grantee,
          actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
          resourceArns: [streamArn],
        }),
      )
      .combine(
        iam.Grant.addToPrincipal({
          grantee,
          actions: ['dynamodb:ListStreams'],
          resourceArns: [`${this.mailboxTable.tableArn}/stream/*`],
        }),
      )
      .combine(this.withoutKey.mailboxKeyTable.grantReadData(grantee))
      .combine(grantKeyViaDynamoDb(this.organizationKey, grantee, this.mailboxKeyTable))
      .combine(this.withoutKey.storeBucket.grantRead(grantee))
      .combine(grantKeyViaS3(this.organizationKey, grantee, this.storeBucket, 'read'))
      .combine(grantKeyWrapping(this.organizationKey, grantee, 'mailbox-key', true));
  }

  /**
   * What a mailbox export worker needs: export job records (Directory table, read and write), and reading mailboxes as
   * `MailboxService.openMessage` does: folders and the UID index (Mailbox table, read only), wrapped mailbox keys
   * (read only, KMS Decrypt under the mailbox-key context) and message blobs (read only). No write to any mailbox.
   * @example
   * storage.grantMailboxExport(exportWorker);
   */
  grantMailboxExport(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeTable(grantee, this.mailboxTable);
    this.acknowledgeTable(grantee, this.mailboxKeyTable);
    this.acknowledgeBucketObjects(grantee, this.storeBucket, '*', BUCKET_READ_ACTIONS);
    return this.grantDirectoryReadWrite(grantee)
      .combine(this.withoutKey.mailboxTable.grantReadData(grantee))
      .combine(grantKeyViaDynamoDb(this.organizationKey, grantee, this.mailboxTable))
      .combine(this.withoutKey.mailboxKeyTable.grantReadData(grantee))
      .combine(grantKeyViaDynamoDb(this.organizationKey, grantee, this.mailboxKeyTable))
      .combine(this.withoutKey.storeBucket.grantRead(grantee))
      .combine(grantKeyViaS3(this.organizationKey, grantee, this.storeBucket, 'read'))
      .combine(grantKeyWrapping(this.organizationKey, grantee, 'mailbox-key', true));
  }

  /**
   * Create and read the delivery ledger's sealing key (a KMS-wrapped deployment key): GetItem and a first-time
   * PutItem on the Directory table, limited to the `DEPLOYMENT#KEYS` partition, and KMS Encrypt/Decrypt with that
   * key's encryption context only.
   */
  grantDeploymentKeys(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      resourceArns: [this.directoryTable.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['DEPLOYMENT#KEYS'] } },
    }).combine(grantKeyWrapping(this.organizationKey, grantee, 'delivery-ledger-key'));
  }

  /** Read raw inbound mail and delete it once every delivery is committed. */
  grantReadInbound(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeBucketObjects(grantee, this.inboundBucket, `${INBOUND_PREFIX}*`, [
      ...BUCKET_READ_ACTIONS,
      's3:DeleteObject*',
    ]);
    return this.withoutKey.inboundBucket
      .grantRead(grantee, `${INBOUND_PREFIX}*`)
      .combine(this.withoutKey.inboundBucket.grantDelete(grantee, `${INBOUND_PREFIX}*`))
      .combine(grantKeyViaS3(this.organizationKey, grantee, this.inboundBucket, 'read'));
  }

  /**
   * Read the content that PutRawMessageContent put in place of a message (`message-flow/*`), to deliver it.
   * @example
   * storage.grantReadReplacedContent(inboundFunction);
   */
  grantReadReplacedContent(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeBucketObjects(
      grantee,
      this.inboundBucket,
      `${MESSAGE_FLOW_PREFIX}*`,
      BUCKET_READ_ACTIONS,
    );
    return this.withoutKey.inboundBucket
      .grantRead(grantee, `${MESSAGE_FLOW_PREFIX}*`)
      .combine(grantKeyViaS3(this.organizationKey, grantee, this.inboundBucket, 'read'));
  }

  /**
   * Serve the Message Flow API: the in-flight records on the Mailbox table, the originals SES wrote (read), and
   * replacement content under `message-flow/` (read and write; objects are never overwritten or deleted here, the
   * bucket's lifecycle rule expires them).
   * @example
   * storage.grantMessageFlow(apiFunction);
   */
  grantMessageFlow(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeBucketObjects(grantee, this.inboundBucket, `${INBOUND_PREFIX}*`, BUCKET_READ_ACTIONS);
    this.acknowledgeBucketObjects(grantee, this.inboundBucket, `${MESSAGE_FLOW_PREFIX}*`, [
      ...BUCKET_READ_ACTIONS,
      's3:Abort*',
    ]);
    const inbound = this.withoutKey.inboundBucket;
    return this.grantMailboxReadWrite(grantee)
      .combine(inbound.grantRead(grantee, `${INBOUND_PREFIX}*`))
      .combine(inbound.grantRead(grantee, `${MESSAGE_FLOW_PREFIX}*`))
      .combine(inbound.grantPut(grantee, `${MESSAGE_FLOW_PREFIX}*`))
      .combine(grantKeyViaS3(this.organizationKey, grantee, this.inboundBucket, 'readWrite'));
  }

  /**
   * Let SES receipt rules of one rule set write raw mail under `incoming/` (bucket policy and key policy, scoped with
   * `aws:SourceAccount` and `aws:SourceArn` against the confused-deputy problem).
   * @param ruleSetName - the receipt rule set whose rules may write
   */
  grantSesWriteInbound(ruleSetName: string): iam.Grant {
    const { account, region, partition } = Stack.of(this);
    const ses = new iam.ServicePrincipal('ses.amazonaws.com').withConditions({
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: {
        'aws:SourceArn': `arn:${partition}:ses:${region}:${account}:receipt-rule-set/${ruleSetName}:receipt-rule/*`,
      },
    });
    return this.inboundBucket.grantPut(ses, `${INBOUND_PREFIX}*`);
  }

  /**
   * Produce journal records (the inbound function, users' sending): read the Directory (journaling configurations),
   * add records to the outbox (PutItem in `JOURNAL#` partitions only), write report bytes under `journal/` in the
   * inbound bucket (no read, no delete), and the deployment key the report MAC key derives from.
   * @example
   * storage.grantJournalRecording(inboundFunction);
   */
  grantJournalRecording(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeBucketObjects(grantee, this.inboundBucket, `${JOURNAL_PREFIX}*`, ['s3:Abort*']);
    return this.grantDirectoryRead(grantee)
      .combine(
        iam.Grant.addToPrincipal({
          grantee,
          actions: ['dynamodb:PutItem'],
          resourceArns: [this.directoryTable.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['JOURNAL#*'] } },
        }),
      )
      .combine(this.withoutKey.inboundBucket.grantPut(grantee, `${JOURNAL_PREFIX}*`))
      .combine(grantKeyViaS3(this.organizationKey, grantee, this.inboundBucket, 'readWrite'))
      .combine(this.grantDeploymentKeys(grantee));
  }

  /**
   * Deliver journal records (the journal delivery function): list due records (gsi1, `JOURNALDUE` partition only),
   * claim and remove them (`JOURNAL#` partitions only), read organizations (Directory read), read and delete report
   * bytes under `journal/`, and the deployment key failure reports are signed with. No other write.
   * @example
   * storage.grantJournalDelivery(journalDeliveryFunction);
   */
  grantJournalDelivery(grantee: iam.IGrantable): iam.Grant {
    this.acknowledgeBucketObjects(grantee, this.inboundBucket, `${JOURNAL_PREFIX}*`, [
      ...BUCKET_READ_ACTIONS,
      's3:DeleteObject*',
    ]);
    return this.grantDirectoryRead(grantee)
      .combine(
        iam.Grant.addToPrincipal({
          grantee,
          actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
          resourceArns: [this.directoryTable.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['JOURNAL#*'] } },
        }),
      )
      .combine(this.withoutKey.inboundBucket.grantRead(grantee, `${JOURNAL_PREFIX}*`))
      .combine(this.withoutKey.inboundBucket.grantDelete(grantee, `${JOURNAL_PREFIX}*`))
      .combine(grantKeyViaS3(this.organizationKey, grantee, this.inboundBucket, 'read'))
      .combine(this.grantDeploymentKeys(grantee));
  }

  /**
   * Table grants name the table's indexes as `<table>/index/*` and add CDK's SSE-KMS data-key actions
   * (`kms:GenerateDataKey*`, `kms:ReEncrypt*`) on the one organization key: acknowledged on the grantee, with why.
   */
  private acknowledgeTable(grantee: iam.IGrantable, table: dynamodb.ITable): void {
    acknowledgeWildcards(
      grantee,
      [`Resource::<${this.logicalIdOf(table)}.Arn>/index/*`],
      "Queries on the table's own GSIs (gsi1..gsi4); no other table.",
    );
    this.acknowledgeKeyActions(grantee);
  }

  private acknowledgeBucketObjects(
    grantee: iam.IGrantable,
    bucket: s3.IBucket,
    pattern: string,
    actions: readonly string[],
  ): void {
    acknowledgeWildcards(
      grantee,
      [
        `Resource::<${this.logicalIdOf(bucket)}.Arn>/${pattern}`,
        ...actions.map((action) => `Action::${action}`),
      ],
      "Objects are keyed per message at runtime, so the grant covers the prefix; the actions are CDK's bucket grant sets.",
    );
    this.acknowledgeKeyActions(grantee);
  }

  private acknowledgeKeyActions(grantee: iam.IGrantable): void {
    acknowledgeWildcards(
      grantee,
      ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'],
      'SSE-KMS data-key actions on the organization key only, each limited to one table, bucket or queue by ' +
        'kms:ViaService and its encryption context (lib/key-grants.ts).',
    );
  }

  private logicalIdOf(resource: dynamodb.ITable | s3.IBucket): string {
    return Stack.of(this).resolve((resource.node.defaultChild as CfnResource).logicalId) as string;
  }
}

/** Wildcard actions in CDK's bucket read grant (`grantRead`). */
const BUCKET_READ_ACTIONS = ['s3:GetObject*', 's3:GetBucket*', 's3:List*'] as const;
