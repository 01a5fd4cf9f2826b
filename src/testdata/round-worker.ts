import { parentPort } from 'node:worker_threads';
import { bookRound, type RoundRequest } from './round-booking.js';

/** The booking thread of `workerBooker`: books each round it is sent and answers with it. */
parentPort!.on('message', ({ id, request }: { id: number; request: RoundRequest }) => {
  bookRound(request).then(
    (booked) => parentPort!.postMessage({ id, booked }),
    (error: unknown) => parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
