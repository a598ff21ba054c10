/** Run before each test file: the test modules a worker keeps between files (vitest.config.mts, isolate: false) start as if fresh. */
import { restartPersonSequence } from './helpers';

restartPersonSequence();
