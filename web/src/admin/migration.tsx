import { useState } from 'preact/hooks';
import type { AdminSession } from './api';
import type { MigrationReport } from './migration-report';
import { MigrationReportView } from './migration-report-view';

/** Larger than any report the migrate command writes: a file this big is something else. */
const MAX_REPORT_BYTES = 20 * 1024 * 1024;

/**
 * The migration report: opens a JSON report of `npm start -- migrate` that the admin picks (plan, directory or
 * mailbox step) and shows what moved, what did not and why, the volumes and how passwords were handled. The file is
 * read in the browser and never uploaded.
 */
export function Migration(props: { session: AdminSession; organizationId: string }) {
  const [report, setReport] = useState<MigrationReport>();
  const [problem, setProblem] = useState<string>();
  const open = async (file: File | undefined) => {
    setReport(undefined);
    setProblem(undefined);
    if (!file) return;
    if (file.size > MAX_REPORT_BYTES)
      return setProblem(`${file.name} is too large to be a migration report.`);
    // The schemas (and their validator) load only when a report is opened.
    const { readMigrationReport } = await import('./migration-report');
    const reading = readMigrationReport(await file.text());
    if (reading.ok) setReport(reading.value);
    else setProblem(reading.problem);
  };
  return (
    <section aria-labelledby="migration-heading">
      <h3 id="migration-heading">Migration report</h3>
      <p>
        Open a report of <code>npm start -- migrate</code> (<code>migration-plan.json</code>,{' '}
        <code>migration-directory.json</code> or <code>migration-mailboxes.json</code>). It is read here, in
        the browser, and sent nowhere.
      </p>
      <label>
        Report file
        <input
          type="file"
          accept=".json,application/json"
          onChange={(event) => void open(event.currentTarget.files?.[0])}
        />
      </label>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {report?.kind === 'directory' && report.report.targetOrganizationId !== props.organizationId && (
        <p role="note">
          This report is about organization {report.report.targetOrganizationId}, not this one.
        </p>
      )}
      {report && <MigrationReportView value={report} />}
    </section>
  );
}
