import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

/**
 * A reference server's master process, spawned `detached` in a process group of its own: `stop` ends the group (the
 * master and its children) and deletes the server's directory; the group is also ended if this process exits first
 * (a timed-out hook).
 * @example
 * const server = serverProcess(dir);
 * server.adopt(spawn(binary, args, { detached: true }));
 * await server.stop();
 */
export function serverProcess(dir: string): { adopt(master: ChildProcess): void; stop(): Promise<void> } {
  let master: ChildProcess | undefined;
  const terminate = () => master?.pid && master.exitCode === null && process.kill(-master.pid, 'SIGTERM');
  process.once('exit', terminate);
  return {
    adopt: (child) => {
      master = child;
    },
    stop: async () => {
      process.off('exit', terminate);
      const running = master;
      if (running?.pid && running.exitCode === null) {
        const exited = new Promise((resolve) => running.once('exit', resolve));
        terminate();
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
