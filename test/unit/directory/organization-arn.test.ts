import { organizationArn, organizationIdFromArn } from '../../../lambdas/core/directory/organization-arn';

const settings = { region: 'eu-west-1', accountId: '111122223333' };
const id = 'm-0123456789abcdef0123456789abcdef';

describe('organizationArn / organizationIdFromArn', () => {
  it('builds the WorkMail organization ARN', () => {
    expect(organizationArn(settings, id)).toBe(`arn:aws:workmail:eu-west-1:111122223333:organization/${id}`);
  });

  it('reads the id back from the ARN', () => {
    expect(organizationIdFromArn(settings, organizationArn(settings, id))).toBe(id);
  });

  it('reports ARNs of other Regions, accounts and resource types as missing, naming the ARN asked for', () => {
    for (const arn of [
      `arn:aws:workmail:us-east-1:111122223333:organization/${id}`,
      `arn:aws:workmail:eu-west-1:999999999999:organization/${id}`,
      `arn:aws:workmail:eu-west-1:111122223333:user/${id}`,
    ]) {
      expect(() => organizationIdFromArn(settings, arn)).toThrow(
        expect.objectContaining({ name: 'ResourceNotFoundException', message: expect.stringContaining(arn) }),
      );
    }
  });

  it('rejects a malformed organization id as an invalid parameter', () => {
    expect(() =>
      organizationIdFromArn(settings, 'arn:aws:workmail:eu-west-1:111122223333:organization/m-XYZ'),
    ).toThrow(expect.objectContaining({ name: 'InvalidParameterException' }));
  });
});
