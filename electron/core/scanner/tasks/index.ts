import type { TaskKind } from '../../../../shared/contract';
import { countingTask } from './counting';
import { damageTask } from './damage';
import { loadCheckTask } from './loadCheck';
import { lookupTask } from './lookup';
import { receivingTask } from './receiving';
import { returnCheckTask } from './returnCheck';
import type { Task } from './task';

export const tasks: Record<TaskKind, Task<unknown>> = {
  lookup: lookupTask as Task<unknown>,
  receipt: receivingTask as Task<unknown>,
  count: countingTask as Task<unknown>,
  load: loadCheckTask as Task<unknown>,
  damage: damageTask as Task<unknown>,
  returnCheck: returnCheckTask as Task<unknown>,
};
