import { Type } from '@sinclair/typebox';

/** Shapes of the Message Flow configuration extension operations. */

/**
 * S3 bucket names; the naming rules and the limit of 10 are checked by `validateContentBuckets`, with a precise
 * message, so the schema only bounds the request's size.
 */
export const ContentBuckets = Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 100 });
