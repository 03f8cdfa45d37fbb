// "Print" everywhere in the console: on the desktop the page as it prints
// becomes a PDF the user saves and opens (Electron's printToPDF); in a browser
// on the station host the browser's own print dialog, which prints or saves a
// PDF. The print styles (styles.css, @media print) make both look the same.
import type { SavePdfResult } from '../../shared/contract/bridge';

export async function printPage(fileName: string): Promise<SavePdfResult | null> {
  const bridge = window.cangwu;
  if (bridge?.savePdf) return bridge.savePdf(fileName);
  window.print();
  return null;
}
