import { execFile } from 'node:child_process';
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '../..');

export interface KobRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `kob …` run as a user runs it: its own process, from the project's source, with the arguments given. */
export function runKob(args: readonly string[]): Promise<KobRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/kob.ts', ...args], { cwd: projectRoot }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}
