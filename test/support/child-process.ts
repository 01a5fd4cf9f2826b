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

/** The child's exit code, or undefined if it is still running after `timeoutMs` (then it is stopped). */
export async function exitCodeWithin(child: ChildProcess, timeoutMs: number): Promise<number | null | undefined> {
  if (child.exitCode !== null) return child.exitCode;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  const code = await Promise.race([exited, running]);
  clearTimeout(timer);
  if (code === undefined) await stopChild(child);
  return code;
}
