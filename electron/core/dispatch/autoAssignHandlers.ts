// Dispatch slice "autoAssign" (issue 12 §3): automatic assignment 自动排车,
// its preview and its acceptance.
import type { AutoAssignRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { acceptAutoAssign, previewAutoAssign } from './autoAssign/service';

export const autoAssignHandlers: { [N in AutoAssignRequestName]: Handler<N> } = {
  'dispatch.autoAssignPreview': (ctx, input) => previewAutoAssign(ctx, input),
  'dispatch.autoAssignAccept': (ctx, input) => acceptAutoAssign(ctx, input),
};
