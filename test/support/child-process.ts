import type { ChildProcess } from 'node:child_process';

/**
 * Resolves once the child prints `text`. The output keeps flowing afterwards (a closed pipe would
 * make the child's next log line fail with EPIPE).
 */
export function waitForOutput(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (seen.includes(text)) return;
      seen += String(chunk);
      if (seen.includes(text)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing "${text}"`)));
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
