import { Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { MAILBOX_CONTEXT_KEY, ORGANIZATION_CONTEXT_KEY } from '../lambdas/core/crypto/context';
import { DELIVERY_LEDGER_KEY_NAME, DEPLOYMENT_KEY_CONTEXT_KEY } from '../lambdas/core/crypto/deployment-keys';

/**
 * KMS grants on one key, each limited by condition to the use its caller makes of it: the AWS service that calls
 * KMS on the caller's behalf (`kms:ViaService`) and the encryption context that service sends (the table, bucket,
 * secret or queue), or, for Mailwright's own Encrypt/Decrypt calls, the encryption context keys of what is wrapped.
 * CDK's table, bucket, secret and queue grants would add the key unconditioned, so the resources are granted through
 * key-less views and the key through these functions.
 * @example
 * grantKeyViaDynamoDb(organizationKey, fn, directoryTable);
 */

/** Data-key actions a service performs for its caller (the set CDK's resource grants use). */
const SERVICE_KEY_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];

function viaService(key: kms.IKey, service: string): string {
  return `${service}.${Stack.of(key).region}.amazonaws.com`;
}

/**
 * Lets DynamoDB use the key for the grantee on one table only (`aws:dynamodb:tableName`), plus DescribeKey through
 * DynamoDB (a metadata call that carries no encryption context).
 * @param key - the table's key
 * @param grantee - the function role
 * @param table - the table the grantee reads or writes
 * @example
 * grantKeyViaDynamoDb(key, fn, table);
 */
export function grantKeyViaDynamoDb(
  key: kms.IKey,
  grantee: iam.IGrantable,
  table: dynamodb.ITable,
): iam.Grant {
  const service = viaService(key, 'dynamodb');
  return iam.Grant.addToPrincipal({
    grantee,
    actions: SERVICE_KEY_ACTIONS,
    resourceArns: [key.keyArn],
    conditions: {
      StringEquals: {
        'kms:ViaService': service,
        'kms:EncryptionContext:aws:dynamodb:tableName': table.tableName,
      },
    },
  }).combine(
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['kms:DescribeKey'],
      resourceArns: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': service } },
    }),
  );
}

/**
 * Lets S3 use the key for the grantee on one bucket only (`aws:s3:arn`: the bucket ARN with S3 Bucket Keys, the
 * object ARN without).
 * @param key - the bucket's key
 * @param grantee - the function role
 * @param bucket - the bucket the grantee reads or writes
 * @param access - `read` (Decrypt) or `readWrite` (also the data-key actions of uploads)
 * @example
 * grantKeyViaS3(key, fn, storeBucket, 'readWrite');
 */
export function grantKeyViaS3(
  key: kms.IKey,
  grantee: iam.IGrantable,
  bucket: s3.IBucket,
  access: 'read' | 'readWrite',
): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee,
    actions: access === 'read' ? ['kms:Decrypt'] : SERVICE_KEY_ACTIONS,
    resourceArns: [key.keyArn],
    conditions: {
      StringEquals: { 'kms:ViaService': viaService(key, 's3') },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucket.bucketArn, `${bucket.bucketArn}/*`] },
    },
  });
}

/**
 * Lets Secrets Manager decrypt one secret for the grantee (`SecretARN`).
 * @example
 * grantKeyViaSecretsManager(key, fn, secret);
 */
export function grantKeyViaSecretsManager(
  key: kms.IKey,
  grantee: iam.IGrantable,
  secret: secretsmanager.ISecret,
): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['kms:Decrypt'],
    resourceArns: [key.keyArn],
    conditions: {
      StringEquals: {
        'kms:ViaService': viaService(key, 'secretsmanager'),
        'kms:EncryptionContext:SecretARN': secret.secretArn,
      },
    },
  });
}

/**
 * Lets SQS use the key for the grantee on one queue only (`aws:sqs:arn`): what sending to an SSE-KMS queue needs.
 * @example
 * grantKeyViaSqs(key, fn, deadLetterQueue);
 */
export function grantKeyViaSqs(key: kms.IKey, grantee: iam.IGrantable, queue: sqs.IQueue): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resourceArns: [key.keyArn],
    conditions: {
      StringEquals: {
        'kms:ViaService': viaService(key, 'sqs'),
        'kms:EncryptionContext:aws:sqs:arn': queue.queueArn,
      },
    },
  });
}

/** What Mailwright itself wraps with KMS Encrypt/Decrypt, and the encryption context each carries. */
export type WrappedKeyKind = 'mailbox-key' | 'admin-secret' | 'delivery-ledger-key';

/**
 * Lets the grantee call KMS Encrypt and Decrypt directly (KmsKeyWrapper), only with the encryption context of one
 * kind of wrapped key: mailbox keys name an organization of this deployment's account and Region and a mailbox;
 * admin secrets `purpose=mailwright-admin-key` and the access key id; the delivery ledger's deployment key
 * `mailwright:purpose=delivery-ledger`.
 * No other context key may be present, so a ciphertext of one kind can never be decrypted as another.
 * @param key - the default organization key
 * @param grantee - the function role
 * @param kind - what the grantee wraps
 * @param unwrapOnly - Decrypt alone, for a grantee that only reads what others wrapped
 * @example
 * grantKeyWrapping(key, fn, 'mailbox-key');
 */
export function grantKeyWrapping(
  key: kms.IKey,
  grantee: iam.IGrantable,
  kind: WrappedKeyKind,
  unwrapOnly = false,
): iam.Grant {
  const { partition, region, account } = Stack.of(key);
  const context = (name: string) => `kms:EncryptionContext:${name}`;
  const onlyKeys = (...names: string[]) => ({
    'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': names },
  });
  const conditions = {
    'mailbox-key': {
      StringLike: {
        [context(ORGANIZATION_CONTEXT_KEY)]: `arn:${partition}:workmail:${region}:${account}:organization/*`,
        [context(MAILBOX_CONTEXT_KEY)]: '?*',
      },
      ...onlyKeys(ORGANIZATION_CONTEXT_KEY, MAILBOX_CONTEXT_KEY),
    },
    'admin-secret': {
      StringEquals: { [context('purpose')]: 'mailwright-admin-key' },
      StringLike: { [context('accessKeyId')]: '?*' },
      ...onlyKeys('purpose', 'accessKeyId'),
    },
    'delivery-ledger-key': {
      StringEquals: { [context(DEPLOYMENT_KEY_CONTEXT_KEY)]: DELIVERY_LEDGER_KEY_NAME },
      ...onlyKeys(DEPLOYMENT_KEY_CONTEXT_KEY),
    },
  }[kind];
  return iam.Grant.addToPrincipal({
    grantee,
    actions: unwrapOnly ? ['kms:Decrypt'] : ['kms:Encrypt', 'kms:Decrypt'],
    resourceArns: [key.keyArn],
    conditions,
  });
}
