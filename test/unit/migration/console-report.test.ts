import { readMigrationReport } from '../../../web/src/admin/migration-report';
import { migrationReports } from '../../support/migration-reports';

describe("The admin console's reading of migration reports", () => {
  const reports = migrationReports();

  it.each([
    ['plan', reports.plan],
    ['directory', reports.directory],
    ['mailboxes', reports.mailboxes],
  ])('reads the %s report the migrate command writes', (kind, text) => {
    const reading = readMigrationReport(text);
    expect(reading).toMatchObject({ ok: true, value: { kind } });
  });

  it('keeps what the plan says: moves, what does not move, volumes', () => {
    const reading = readMigrationReport(reports.plan);
    if (!reading.ok || reading.value.kind !== 'plan') throw new Error('not read as a plan');
    expect(reading.value.report.moves.users).toBe(2);
    expect(reading.value.report.estimate.megabytes).toBe(150);
    expect(reading.value.report.notMoved.map((item) => item.what)).toEqual(
      expect.arrayContaining(['Passwords', 'Deleted entities: carla', 'Test domain northwind.awsapps.com']),
    );
  });

  it('refuses a file that is not JSON, saying what to open instead', () => {
    expect(readMigrationReport('address,name,password\nana@x,ana,secret')).toEqual({
      ok: false,
      problem: expect.stringMatching(
        /^This is not a Mailwright migration report: open migration-plan\.json.*not JSON/,
      ),
    });
  });

  it.each([['{"hello": "world"}'], ['42'], ['null'], ['"migration"']])(
    'refuses JSON of another shape (%s)',
    (text) => {
      expect(readMigrationReport(text)).toMatchObject({
        ok: false,
        problem: expect.stringContaining('not a Mailwright migration report'),
      });
    },
  );

  it('refuses a damaged report, naming the field, without echoing its content', () => {
    const plan = JSON.parse(reports.plan) as { estimate: { seconds: unknown } };
    plan.estimate.seconds = 'soon-secret-value';
    const reading = readMigrationReport(JSON.stringify(plan));
    expect(reading).toEqual({
      ok: false,
      problem: expect.stringMatching(/^This plan report is damaged: \/estimate\/seconds: expected number\.$/),
    });
    expect(JSON.stringify(reading)).not.toContain('soon-secret-value');

    const mailboxes = JSON.parse(reports.mailboxes) as { outcome: string }[];
    mailboxes[1].outcome = 'lost';
    expect(readMigrationReport(JSON.stringify(mailboxes))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('This mailboxes report is damaged: /1/outcome'),
    });
  });
});
