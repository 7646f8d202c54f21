// Property tests run with a fixed seed, so that CI and a developer's machine try the same cases and a failure
// reproduces. PLACEPOOL_FC_SEED=<n> tries another seed; PLACEPOOL_FC_SEED=random a fresh one each run.
import fc from 'fast-check';

const chosen = process.env.PLACEPOOL_FC_SEED;
if (chosen !== 'random') fc.configureGlobal({ seed: chosen === undefined ? 20261122 : Number(chosen) });
