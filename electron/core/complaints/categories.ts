// The configurable complaint categories (issue 16 §1): a code list
// (../codeLists/codeList.ts); 'other' always stays.
import { codeList } from '../codeLists/codeList';

const categories = codeList({
  table: 'complaint_categories',
  entity: 'complaintCategory',
  errors: {
    unknown: 'complaints.unknownCategory',
    retired: 'complaints.categoryRetired',
    otherStays: 'complaints.otherStays',
    param: 'category',
  },
  emitChanged: (ctx) => ctx.emit('complaints.changed', { complaintIds: [], clientId: ctx.caller.clientId }),
});

export const listCategories = categories.list;
export const checkCategory = categories.check;
export const saveCategory = categories.save;
