import { readdir, readFile } from 'node:fs/promises';

/** Resident memory of a set of processes, in KiB: RSS counts shared pages once per process, PSS divides them. */
export interface ProcessMemory {
  readonly rssKiB: number;
  readonly pssKiB: number;
  readonly processes: number;
}

/** `root` and every process descended from it (Linux /proc). */
export async function processTree(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Field 4 (ppid) follows the parenthesized command name, which may hold spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const tree = [root];
  for (let at = 0; at < tree.length; at++)
    for (const [pid, ppid] of parents) if (ppid === tree[at]) tree.push(pid);
  return tree;
}

const kib = (text: string, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);

/**
 * Sums RSS and PSS over the processes (those that exited meanwhile count 0).
 * @example
 * const memory = await processMemory(await processTree(masterPid));
 */
export async function processMemory(pids: readonly number[]): Promise<ProcessMemory> {
  let rssKiB = 0;
  let pssKiB = 0;
  for (const pid of pids) {
    rssKiB += kib(await readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''), 'VmRSS');
    pssKiB += kib(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => ''), 'Pss');
  }
  return { rssKiB, pssKiB, processes: pids.length };
}
