// The principal's weekly data (issue 17 §2): request name → service.
import type { EdrRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { edrCodes, edrLog, edrWeek, recordExport, setCode } from './edr';
import { edrFolder, setEdrFolder, writeEdrToFolder } from './folder';

export const edrHandlers: { [N in EdrRequestName]: Handler<N> } = {
  'edr.week': (ctx, input) => edrWeek(ctx, input.week),
  'edr.recordExport': (ctx, input) => recordExport(ctx, input),
  'edr.log': (ctx) => edrLog(ctx),
  'edr.codes': (ctx) => edrCodes(ctx.db),
  'edr.setCode': (ctx, input) => setCode(ctx, input),
  'edr.folder': (ctx) => edrFolder(ctx),
  'edr.setFolder': (ctx, input) => setEdrFolder(ctx, input),
  'edr.writeToFolder': (ctx, input) => writeEdrToFolder(ctx, input),
};
