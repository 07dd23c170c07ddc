import type { Benchmark } from './benchmark.js';
import { simVsBareProvider } from './sim-vs-bare-provider.js';
import { simSigningAlg } from './sim-signing-alg.js';
import { simVsMockServer } from './sim-vs-mock-server.js';
import { stormRss } from './storm-rss.js';
import { referenceVsBareSdk } from './reference-vs-bare-sdk.js';
import { scale } from './scale.js';
import { harnessSpeed } from './harness-speed.js';
import { detectionRates } from './detection-rates.js';
import { fuzzBench } from './fuzz-bench.js';
import { startUp } from './start-up.js';
import { underLoad } from './under-load.js';
import { exploreBench } from './explore-bench.js';

/** Every benchmark `npm run bench` knows, in the order it runs them. A new benchmark is a file and a line here. */
export const benchmarks: Benchmark[] = [simVsBareProvider, simSigningAlg, simVsMockServer, stormRss, referenceVsBareSdk, scale, harnessSpeed, detectionRates, startUp, underLoad, fuzzBench, exploreBench];
