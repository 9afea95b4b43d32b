import { normalizePermissionValues } from '../../../lambdas/core/permissions/permission-values';

describe('normalizePermissionValues', () => {
  it('drops duplicates and orders FULL_ACCESS, SEND_AS, SEND_ON_BEHALF', () => {
    expect(normalizePermissionValues(['SEND_ON_BEHALF', 'SEND_AS', 'FULL_ACCESS', 'SEND_AS'])).toEqual([
      'FULL_ACCESS',
      'SEND_AS',
      'SEND_ON_BEHALF',
    ]);
  });

  it('keeps an empty set empty', () => {
    expect(normalizePermissionValues([])).toEqual([]);
  });
});
