// Damage 残损 (issue 13): one handler map per slice, composed here.
import type { DamageRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';

export const damageHandlers: { [N in DamageRequestName]: Handler<N> } = {};
