/** A bad command-line value: `main` prints the message on one line and exits with code 2. */
export class CliInputError extends Error {
  override readonly name = 'CliInputError';
  readonly userFacing = true;
}
