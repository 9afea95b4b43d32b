import type { Static } from '@sinclair/typebox';
import { formatDuration } from '../../../lambdas/core/migration/duration';
import type { DirectoryReport, MailboxesReport, MigrationReport, PlanReport } from './migration-report';

/** The "not moved" list every report carries: what stays behind, why, and what to do instead. */
function NotMovedTable(props: { items: readonly { what: string; why: string; how: string }[] }) {
  return (
    <table aria-label="Not moved">
      <thead>
        <tr>
          <th scope="col">Not moved</th>
          <th scope="col">Why</th>
          <th scope="col">What to do</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr key={item.what}>
            <td>{item.what}</td>
            <td>{item.why}</td>
            <td>{item.how}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function PlanView({ report }: { report: Static<typeof PlanReport> }) {
  const { estimate } = report;
  return (
    <>
      <h4>
        Plan: {report.organization.alias} ({report.organization.id})
      </h4>
      <p>
        {estimate.megabytes} MB of mail in {report.mailboxes.length} mailboxes, about{' '}
        {estimate.directoryCalls} directory calls: about {formatDuration(estimate.seconds)} (at{' '}
        {estimate.assumptions.megabytesPerSecond} MB/s and {estimate.assumptions.callsPerSecond} calls/s).
      </p>
      <p>
        Domains:{' '}
        {report.domains
          .map(
            (domain) =>
              `${domain.name}${domain.isDefault ? ' (default)' : ''}${domain.isTest ? ' (test)' : ''}`,
          )
          .join(', ')}
      </p>
      <table aria-label="Moves">
        <thead>
          <tr>
            <th scope="col">Moves</th>
            <th scope="col">Count</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.moves).map(([kind, count]) => (
            <tr key={kind}>
              <td>{kind}</td>
              <td>{count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <NotMovedTable items={report.notMoved} />
    </>
  );
}

function DirectoryView({ report }: { report: Static<typeof DirectoryReport> }) {
  return (
    <>
      <h4>Directory step into {report.targetOrganizationId}</h4>
      <p>
        {report.changes} changes, {report.adopted.length} entities already there (adopted),{' '}
        {report.mailboxes.length} mailboxes ready to move, {report.throttledCalls} throttled calls retried.
      </p>
      <p>
        Passwords:{' '}
        {report.passwords === 'csv'
          ? 'temporary passwords were set and written to the password CSV: send each user theirs, then delete it.'
          : 'none were set: reset them (ResetPassword) before users sign in.'}
      </p>
      <table aria-label="Not done">
        <thead>
          <tr>
            <th scope="col">Not done</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {report.problems.map((problem) => (
            <tr key={problem.what}>
              <td>{problem.what}</td>
              <td>{problem.error}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.problems.length === 0 && <p>Everything in the plan was done.</p>}
      <NotMovedTable items={report.notMoved} />
    </>
  );
}

function MailboxesView({ report }: { report: Static<typeof MailboxesReport> }) {
  const count = (outcome: string) => report.filter((result) => result.outcome === outcome).length;
  const imported = report.reduce((sum, result) => sum + result.importedMessages, 0);
  const bytes = report.reduce((sum, result) => sum + result.bytes, 0);
  return (
    <>
      <h4>Mailbox step</h4>
      <p>
        {count('moved')} moved, {count('unchanged')} unchanged, {count('failed')} failed; {imported} messages
        imported, {megabytes(bytes)} exported.
      </p>
      <table aria-label="Mailboxes">
        <thead>
          <tr>
            <th scope="col">Mailbox</th>
            <th scope="col">Outcome</th>
            <th scope="col">Exported</th>
            <th scope="col">Imported</th>
            <th scope="col">Size</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {report.map((result) => (
            <tr key={result.address}>
              <td>{result.address}</td>
              <td>{result.outcome}</td>
              <td>{result.exportedMessages}</td>
              <td>{result.importedMessages}</td>
              <td>{megabytes(result.bytes)}</td>
              <td>{result.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** A migration report, as the kind it is. */
export function MigrationReportView({ value }: { value: MigrationReport }) {
  return (
    <article aria-label="Migration report">
      {value.kind === 'plan' ? (
        <PlanView report={value.report} />
      ) : value.kind === 'directory' ? (
        <DirectoryView report={value.report} />
      ) : (
        <MailboxesView report={value.report} />
      )}
    </article>
  );
}
