// A batch worker thread (piscina): rebuilds the batch's scenarios once from the plain data it is given, then
// computes the runs of each task it receives from the lines of the places the task carries. The text it
// returns is what the main thread would compute.
import { workerData } from 'node:worker_threads';
import { RunComputer, type BatchData, type RunFailure, type RunOutput, type RunTask } from './compute.js';
import { simulateStatistics } from './simulate.js';

const data = workerData as BatchData;
const computer = new RunComputer(data, data.simulate ? simulateStatistics : undefined);

export default function runTask(task: RunTask): (RunOutput | RunFailure)[] {
  computer.provide(task.lines);
  return task.ids.map((id) => computer.run(id));
}
