#!/usr/bin/env node
// Thin launcher: the compiled CLI sets process.exitCode itself and never calls process.exit().
import { main } from '../dist/cli/main.js';

await main(process.argv.slice(2));
