import { journalingConfiguration } from '../../../lambdas/core/journaling/configuration';
import { isJournaling } from '../../../lambdas/core/journaling/types';

describe('journalingConfiguration', () => {
  const base = {
    organizationId: 'm-1',
    journalingAddress: 'Archive@Vault.example',
    reportAddress: 'Admin@X.example',
  };

  it('keeps an ENABLED configuration with both addresses, lower-cased and stamped', () => {
    expect(journalingConfiguration({ ...base, status: 'ENABLED' }, 42)).toEqual({
      ok: true,
      value: {
        organizationId: 'm-1',
        status: 'ENABLED',
        journalingAddress: 'archive@vault.example',
        reportAddress: 'admin@x.example',
        updatedAt: 42,
      },
    });
  });

  it('names the missing address of an ENABLED configuration', () => {
    expect(
      journalingConfiguration({ organizationId: 'm-1', status: 'ENABLED', reportAddress: 'a@b.example' }, 1),
    ).toEqual({
      ok: false,
      refusal: { field: 'JournalingEmailAddress', reason: 'missing' },
    });
    expect(
      journalingConfiguration(
        { organizationId: 'm-1', status: 'ENABLED', journalingAddress: 'a@b.example' },
        1,
      ),
    ).toEqual({ ok: false, refusal: { field: 'ReportEmailAddress', reason: 'missing' } });
  });

  it('lets a DISABLED configuration go without addresses', () => {
    expect(journalingConfiguration({ organizationId: 'm-1', status: 'DISABLED' }, 1)).toEqual({
      ok: true,
      value: { organizationId: 'm-1', status: 'DISABLED', updatedAt: 1 },
    });
  });

  it('refuses the reserved journaling sender as either address', () => {
    expect(
      journalingConfiguration(
        { ...base, status: 'DISABLED', reportAddress: 'amazonjournaling@x.example' },
        1,
      ),
    ).toEqual({ ok: false, refusal: { field: 'ReportEmailAddress', reason: 'reserved' } });
    expect(
      journalingConfiguration(
        { ...base, status: 'ENABLED', journalingAddress: 'AmazonJournaling@x.example' },
        1,
      ),
    ).toEqual({ ok: false, refusal: { field: 'JournalingEmailAddress', reason: 'reserved' } });
  });
});

describe('isJournaling', () => {
  it('is true only for ENABLED with both addresses', () => {
    const on = {
      organizationId: 'm',
      status: 'ENABLED',
      journalingAddress: 'a@b.c',
      reportAddress: 'd@e.f',
      updatedAt: 1,
    } as const;
    expect(isJournaling(on)).toBe(true);
    expect(isJournaling({ ...on, status: 'DISABLED' })).toBe(false);
    expect(
      isJournaling({ organizationId: 'm', status: 'ENABLED', journalingAddress: 'a@b.c', updatedAt: 1 }),
    ).toBe(false);
    expect(
      isJournaling({ organizationId: 'm', status: 'ENABLED', reportAddress: 'a@b.c', updatedAt: 1 }),
    ).toBe(false);
    expect(isJournaling(undefined)).toBe(false);
  });
});
