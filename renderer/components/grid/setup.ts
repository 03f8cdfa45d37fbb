// AG Grid Community's features are modules; the console uses the community set
// (client-side and infinite row models, filters, CSV export, editing).
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';

let registered = false;
export function registerGridModules(): void {
  if (registered) return;
  ModuleRegistry.registerModules([AllCommunityModule]);
  registered = true;
}
