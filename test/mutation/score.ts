/**
 * `npm run mutate:score [-- <report.json>…]`: the mutation score of each directory of `lambdas/core` and of the
 * whole, from Stryker JSON reports (default `reports/mutation/mutation.json`). Give several reports, e.g. one per
 * directory run, and a file that appears in more than one counts from the last report given.
 * Score = detected / (detected + undetected), as Stryker computes it: detected = killed + timed out, undetected =
 * survived + no coverage; compile and runtime errors and ignored mutants do not count.
 */
import { readFileSync } from 'node:fs';

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}
interface Tally {
  detected: number;
  survived: number;
  noCoverage: number;
}

const reports = process.argv.length > 2 ? process.argv.slice(2) : ['reports/mutation/mutation.json'];
const byFile = new Map<string, { status: string }[]>();
for (const path of reports) {
  const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  for (const [file, { mutants }] of Object.entries(report.files)) byFile.set(file, mutants);
}

const byDirectory = new Map<string, Tally>();
const total: Tally = { detected: 0, survived: 0, noCoverage: 0 };
for (const [file, mutants] of byFile) {
  const directory = file.split('/').slice(0, 3).join('/');
  const tally = byDirectory.get(directory) ?? { detected: 0, survived: 0, noCoverage: 0 };
  byDirectory.set(directory, tally);
  for (const { status } of mutants) {
    for (const counted of [tally, total]) {
      if (status === 'Killed' || status === 'Timeout') counted.detected += 1;
      else if (status === 'Survived') counted.survived += 1;
      else if (status === 'NoCoverage') counted.noCoverage += 1;
    }
  }
}

const score = ({ detected, survived, noCoverage }: Tally) =>
  ((100 * detected) / Math.max(1, detected + survived + noCoverage)).toFixed(1);
console.log('| directory | detected | survived | no coverage | score |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [directory, tally] of [...byDirectory].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(
    `| ${directory} | ${tally.detected} | ${tally.survived} | ${tally.noCoverage} | ${score(tally)} % |`,
  );
}
console.log(
  `| **total** | ${total.detected} | ${total.survived} | ${total.noCoverage} | **${score(total)} %** |`,
);
