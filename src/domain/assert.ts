/** A broken invariant is a programmer error, never an input error: it must stop the operation. */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}

export function assertInvariant(condition: boolean, why: string): asserts condition {
  if (!condition) throw new InvariantError(why);
}
