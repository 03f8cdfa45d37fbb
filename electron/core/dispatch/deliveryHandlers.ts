// Dispatch slice "delivery" (issue 12): request name → service, typed over every
// name of deliveryRequests.
import type { DeliveryRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';

export const deliveryHandlers: { [N in DeliveryRequestName]: Handler<N> } = {};
