import * as workmail from '@aws-sdk/client-workmail';
import { readFileSync } from 'node:fs';
import { catalog, findOperation } from '../../../lambdas/core/api/catalog';
import { WORKMAIL_ACTIONS } from '../../../lambdas/core/api/workmail-actions';

describe('The operation catalog', () => {
  it('serves only real WorkMail action names under WorkMailService', () => {
    const unknown = catalog.filter(
      (op) => op.service === 'WorkMailService' && !WORKMAIL_ACTIONS.has(op.name),
    );

    expect(unknown.map((op) => op.name)).toEqual([]);
  });

  it('recognises exactly the 92 actions of the AWS SDK WorkMail client', () => {
    const sdkActions = Object.keys(workmail)
      .filter((name) => /^[A-Z]\w+Command$/.test(name))
      .map((name) => name.slice(0, -'Command'.length));

    expect(sdkActions).toHaveLength(92);
    expect([...WORKMAIL_ACTIONS].sort()).toEqual(sdkActions.sort());
  });

  it('gives every operation a unique action name and REST route', () => {
    const targets = catalog.map((op) => `${op.service}.${op.name}`);
    const routes = catalog.map((op) => `${op.route.method} ${op.route.path}`);

    expect(new Set(targets).size).toBe(catalog.length);
    expect(new Set(routes).size).toBe(catalog.length);
  });

  it('is documented operation by operation in docs/api.md', () => {
    const documentation = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');

    const missing = catalog.filter((op) => !documentation.includes(`\`${op.service}.${op.name}\``));

    expect(missing.map((op) => op.name)).toEqual([]);
  });

  it('finds each implemented WorkMail action by its X-Amz-Target, and only under its own service', () => {
    const commands = Object.keys(workmail)
      .filter((name) => /^[A-Z]\w+Command$/.test(name))
      .map((name) => name.slice(0, -'Command'.length));

    const found = commands.flatMap((action) => {
      const operation = findOperation('WorkMailService', action);
      return operation ? [{ action, served: `${operation.service}.${operation.name}` }] : [];
    });

    expect(found.length).toBe(catalog.filter((op) => op.service === 'WorkMailService').length);
    for (const { action, served } of found) expect(served).toBe(`WorkMailService.${action}`);
    expect(findOperation('MailwrightService', 'CreateUser')).toBeUndefined();
    expect(findOperation('MailwrightService', 'CreateAdminKey')?.name).toBe('CreateAdminKey');
  });
});
