// A batch worker thread (piscina): rebuilds the batch's inputs once from the plain data it is given, then
// computes the runs of each task it receives. The text it returns is what the main thread would compute.
import { workerData } from 'node:worker_threads';
import { RunComputer, type BatchData, type RunFailure, type RunOutput } from './compute.js';
import { simulateStatistics } from './simulate.js';

const data = workerData as BatchData;
const computer = new RunComputer(data, data.simulate ? simulateStatistics : undefined);

export default function runTask(task: { ids: number[] }): (RunOutput | RunFailure)[] {
  return task.ids.map((id) => computer.run(id));
}
