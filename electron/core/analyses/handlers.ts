// The monthly damage and return analyses (issue 13): request name → service.
import type { AnalysesRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';

export const analysesHandlers: { [N in AnalysesRequestName]: Handler<N> } = {};
