import { Type } from '@sinclair/typebox';

/** Shapes of the journaling extension operations. */

/** Whether the organization journals its mail. */
export const JournalingStatus = Type.Union([Type.Literal('ENABLED'), Type.Literal('DISABLED')]);
