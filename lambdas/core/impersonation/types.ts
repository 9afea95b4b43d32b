import type { ImpersonationRule } from '../access-control/types';

/** What a role may do in the mailboxes it reaches: read and change, or only read. */
export type ImpersonationRoleType = 'FULL_ACCESS' | 'READ_ONLY';

/** An impersonation role: an application's programmatic access to users' mailboxes without their credentials. */
export interface ImpersonationRole {
  /** `[a-zA-Z0-9_-]{1,64}`; a UUID when Mailwright creates it. */
  readonly roleId: string;
  readonly name: string;
  readonly type: ImpersonationRoleType;
  readonly description?: string;
  readonly rules: readonly ImpersonationRule[];
  readonly createdAt: number;
  readonly modifiedAt: number;
}

/** An issued role token as stored: its digest only, never the value. */
export interface ImpersonationToken {
  readonly tokenId: string;
  readonly organizationId: string;
  readonly roleId: string;
  readonly tokenHash: string;
  readonly expiresAt: number;
}

/** How long a role token is accepted (WorkMail: 15 minutes). */
export const IMPERSONATION_TOKEN_LIFETIME_MS = 15 * 60_000;
/** Roles per organization (Mailwright's limit: a list page of WorkMail holds at most 20). */
export const MAX_IMPERSONATION_ROLES = 20;
