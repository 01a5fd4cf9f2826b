/**
 * Answers of a pure function remembered for inputs that recur (the few `Accept` headers clients
 * send, the same view's ETag asked again and again), in a map that is emptied whenever it reaches
 * `entriesMax`: no order to keep on a hit, and memory stays bounded whatever callers send.
 *
 *   const tags = new BoundedMemo<string>(10_000);
 *   tags.get(key, () => expensive(key));
 */
export class BoundedMemo<R> {
  readonly #answers = new Map<string, R>();
  readonly #entriesMax: number;

  constructor(entriesMax: number) {
    this.#entriesMax = entriesMax;
  }

  get(key: string, compute: () => R): R {
    const known = this.#answers.get(key);
    if (known !== undefined) return known;
    const answer = compute();
    if (this.#answers.size >= this.#entriesMax) this.#answers.clear();
    this.#answers.set(key, answer);
    return answer;
  }
}
