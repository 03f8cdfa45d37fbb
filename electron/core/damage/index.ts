// The damage slice's API for other slices: goods already put into damaged
// stock by a document (a receipt's damaged line, a return note's damaged part)
// get their damage report with openDamageReport.
export { openDamageReport, type OriginDamage } from './reports';
