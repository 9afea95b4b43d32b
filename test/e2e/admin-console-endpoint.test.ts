import { ListOrganizationsCommand } from '@aws-sdk/client-workmail';
import { adminApiLocation, adminSession, ApiError, call } from '../../web/src/admin/api';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

/** The admin console's API module outside a browser: where it finds the admin API and how it signs for it. */
describe("E2E: the admin console's admin API address", () => {
  let mw: TestRuntime;

  beforeAll(async () => {
    mw = await startTestRuntime();
  }, 60_000);

  afterAll(async () => {
    await mw?.stop();
  });

  it('reads the settings npm start serves beside the console: the API on the same origin, the Region typed', async () => {
    const { endpoint, region } = await adminApiLocation(mw.endpoint);
    expect(endpoint.href).toBe(`${mw.endpoint}/`);
    expect(region).toBeUndefined();
  });

  it("signs for the endpoint's host, whatever origin the page has: the runtime's SigV4 check accepts it", async () => {
    const { accessKeyId, secretAccessKey } = mw.credentials;
    // Another host name for the same server: the signature must name the host the request goes to.
    const endpoint = new URL(`${mw.endpoint}/`);
    endpoint.hostname = 'localhost';
    const session = adminSession(accessKeyId, secretAccessKey, mw.region, endpoint);

    const created = await call<{ OrganizationId: string }>(session, 'WorkMailService.CreateOrganization', {
      Alias: 'elsewhere',
    });

    const listed = await mw.workmail().send(new ListOrganizationsCommand({}));
    expect(listed.OrganizationSummaries?.map((summary) => summary.OrganizationId)).toContain(
      created.OrganizationId,
    );
  });

  it("is refused with the API's own exception when signed with the wrong secret", async () => {
    const session = adminSession(
      mw.credentials.accessKeyId,
      'not-the-secret',
      mw.region,
      new URL(`${mw.endpoint}/`),
    );
    const refusal = call(session, 'WorkMailService.ListOrganizations', {});
    await expect(refusal).rejects.toBeInstanceOf(ApiError);
    await expect(refusal).rejects.toMatchObject({
      type: expect.stringMatching(/Signature|Unrecognized|Denied/),
    });
  });
});
