import { CreateUserCommand, RegisterToWorkMailCommand } from '@aws-sdk/client-workmail';
import type { TestRuntime } from './local-runtime';

/** The password every JMAP test user gets (it meets the directory's policy). */
export const JMAP_USER_PASSWORD = 'Correct-horse1';

/**
 * Creates and registers a user through the WorkMail API, then signs in with the password as a front end would and
 * creates a personal access token for JMAP.
 * @example
 * const ana = await jmapUser(mw, organizationId, 'ana', 'ana@example.com');
 */
export async function jmapUser(
  mw: TestRuntime,
  organizationId: string,
  name: string,
  email: string,
): Promise<{ userId: string; token: string; email: string }> {
  const workmail = mw.workmail();
  const { UserId } = await workmail.send(
    new CreateUserCommand({
      OrganizationId: organizationId,
      Name: name,
      DisplayName: name,
      Password: JMAP_USER_PASSWORD,
    }),
  );
  await workmail.send(
    new RegisterToWorkMailCommand({ OrganizationId: organizationId, EntityId: UserId, Email: email }),
  );
  const signIn = await mw.userAuth.authenticator.signInWithPassword(email, JMAP_USER_PASSWORD, {
    sourceAddress: '127.0.0.1',
    protocol: 'JMAP',
  });
  if (!signIn.ok) throw new Error(signIn.reason);
  const created = await mw.userAuth.tokens.create(signIn.user, { name: 'jmap', scopes: ['mail'] });
  if (!created.ok) throw new Error(created.message);
  return { userId: UserId!, token: created.token, email };
}
