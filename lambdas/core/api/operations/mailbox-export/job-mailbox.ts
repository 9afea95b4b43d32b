import { hasMailbox } from '../../../directory/entities';
import type { Entity } from '../../../directory/types';
import { EntityStateException, InvalidParameterException } from '../../errors';
import type { OperationContext } from '../../operation';
import { entityIn } from '../entities/entity-context';

/** What an export or import job names: the organization, the user or resource, and the bucket it uses. */
export interface JobMailboxInput {
  readonly OrganizationId: string;
  readonly EntityId: string;
  readonly S3BucketName: string;
}

/**
 * The user or resource (id, name or e-mail) whose provisioned mailbox an export reads or an import writes. The
 * deployment's own buckets (mail store, inbound mail, exports) are never a job's.
 * @param purpose - the end of the refusal "The entity has no mailbox to …"
 * @example
 * const entity = await jobMailbox(ctx, input, 'export');
 */
export async function jobMailbox(
  ctx: OperationContext,
  input: JobMailboxInput,
  purpose: 'export' | 'import into',
): Promise<Entity> {
  if (ctx.deps.settings.reservedBuckets.includes(input.S3BucketName))
    throw new InvalidParameterException('The bucket belongs to the Mailwright deployment.');
  const entity = await entityIn(ctx, input.OrganizationId, input.EntityId, {
    forms: 'id|name|email',
    kinds: ['USER', 'RESOURCE'],
    field: 'EntityId',
  });
  const provisioned = entity.mailboxProvisionedAt !== undefined && entity.mailboxPurgedAt === undefined;
  if (entity.state === 'DELETED' || !hasMailbox(entity) || !provisioned)
    throw new EntityStateException(`The entity has no mailbox to ${purpose}.`);
  return entity;
}
