/**
 * Seed 001 #5's heartbeat timing: a 25 s heartbeat against a 30 s refresh token, with the 10 s latency margin a careful
 * server keeps. It leaves 5 s of head room, less than the margin, so a careful server refuses to start with it.
 */
export const seed001Heartbeat = { intervalSeconds: 25, refreshTokenLifetimeSeconds: 30, latencyMarginSeconds: 10 } as const;
