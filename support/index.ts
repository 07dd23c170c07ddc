/**
 * support: the one implementation of each small utility every room shares (a leaf: it imports no room). One pool,
 * one keyed mutex, one seeded random source, one bounded log, one rule for judging HTTP request timeouts: no
 * copies across rooms.
 */
export { pool } from './pool.js';
export { KeyedMutex } from './keyed-mutex.js';
export { seededRandom, seedFor } from './seeded-random.js';
export { BoundedLog } from './bounded-log.js';
export { requestTimeoutsAfterReading } from './request-timeouts-after-reading.js';
