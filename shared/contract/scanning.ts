// Scanning: scanners, the scan pipeline's results, the station's active task.
// A scan is raw bytes or keys → frame → decode (shared/barcode) → resolve →
// the station's active task → feedback (issue 4).
import type { LoadCheckOrder, LoadCheckProduct, LoadCheckView } from './dispatch/loading';
import type { ReceiptLineDamage } from './receiving';
import type { ReturnCheckView } from './returns/station';

export const scannerTerminators = ['CR', 'LF', 'CRLF', 'TAB', 'idle'] as const;
export type ScannerTerminator = (typeof scannerTerminators)[number];
export const scannerParities = ['none', 'even', 'odd'] as const;
export type ScannerParity = (typeof scannerParities)[number];

/** A serial scanner as configured by an administrator. */
export type ScannerConfig = {
  id: number;
  /** What people call it: "Dock 1". Each scan records it as its source. */
  name: string;
  /** The station whose active task its scans go to. */
  station: string;
  /** A device path (/dev/ttyUSB0, /dev/serial/by-id/…, COM3) … */
  port: string | null;
  /** … or a USB vendor/product id to find it by (hex, e.g. "05e0"). */
  usbVendorId: string | null;
  usbProductId: string | null;
  baudRate: number;
  dataBits: 7 | 8;
  parity: ScannerParity;
  stopBits: 1 | 2;
  terminator: ScannerTerminator;
  /** For terminator 'idle': a frame ends after this many ms without a byte. */
  idleMs: number;
  /** Stripped from the start / end of each frame when present. */
  prefix: string;
  suffix: string;
  enabled: boolean;
};

export type ScannerState = 'connecting' | 'connected' | 'disconnected' | 'disabled';

export type ScannerStatus = {
  scannerId: number;
  name: string;
  station: string;
  state: ScannerState;
  /** The device path in use or last tried. */
  port: string | null;
  /** Why it is not connected (e.g. "ENOENT"), for the status bar tooltip. */
  detail: string | null;
  since: string;
};

export type SerialPortInfo = {
  path: string;
  manufacturer: string | null;
  serialNumber: string | null;
  vendorId: string | null;
  productId: string | null;
  /** 'enumerated' by serialport, or found by scanning /dev ('fallback'; SerialPort.list() needs udev). */
  found: 'enumerated' | 'fallback';
};

export const scanSourceKinds = ['serial', 'wedge', 'manual'] as const;
export type ScanSourceKind = (typeof scanSourceKinds)[number];

export const scanOutcomes = ['accepted', 'duplicate', 'rejected', 'unknown', 'undone'] as const;
/** accepted: the task took it; duplicate: ignored by the guard; rejected: could not be decoded or the task refused it; unknown: no such barcode. */
export type ScanOutcome = (typeof scanOutcomes)[number];

export const scanCommands = ['UNDO', 'DONE', 'CLEAR'] as const;
export type ScanCommand = (typeof scanCommands)[number];

/** What a decoded scan turned out to be. */
export type ScanResolution =
  | {
      kind: 'product';
      productId: number;
      productCode: string;
      productNameZh: string;
      productNameEn: string;
      unit: string;
      /** How the code matched: a unit or case barcode, or a GTIN inside GS1 data. */
      level: 'unit' | 'case';
      /** Base units this scan stands for: 1, the case pack, × a GS1 (37) count, × the quantity key. */
      qty: number;
      lot: string | null;
      expiry: string | null;
      /** R13: an old code resolves to its own stock, never to its successor. */
      oldCode: boolean;
      replacedByCode: string | null;
    }
  | {
      kind: 'location';
      locationId: number;
      code: string;
      name: string;
      /** A zone's label opens its quality checklist (issue 17 §1); a bin's is where stock is put. */
      locationKind: 'warehouse' | 'zone' | 'bin';
    }
  | { kind: 'sscc'; sscc: string }
  | { kind: 'document'; documentId: number; documentNo: string }
  | { kind: 'command'; command: ScanCommand }
  | { kind: 'unknown'; code: string }
  /** A trip's number 车次号, the barcode on its pick list: begins its load check. */
  | { kind: 'trip'; tripId: number; number: string }
  /** A return's number 退货单号 (TH-…, the barcode on the printed return report): begins its check. */
  | { kind: 'return'; returnId: number; number: string }
  /** An order's number: at the return check, a refused order's goods enter the chain (issue 13 §Returns 5). */
  | { kind: 'order'; orderId: number; number: string };

export type ScanView = {
  id: number;
  at: string;
  station: string;
  sourceKind: ScanSourceKind;
  /** The scanner's name, or the client for a wedge scan. */
  sourceName: string;
  /** The frame as received, with control characters shown as <GS>, <CR>, \xNN. */
  raw: string;
  symbology: string | null;
  /** A one-line summary of the decoded data: "(01)06901234567892 (10)A1". */
  decoded: string | null;
  outcome: ScanOutcome;
  /** A stable code: a decode error ('decode.badCheckDigit'), 'scan.duplicate', 'scan.unknownBarcode', a task's refusal. */
  reason: string | null;
  resolution: ScanResolution | null;
  task: string;
  userName: string;
};

/** What the station's active task shows after each scan (the station screen's big panel). */
export type TaskView =
  | {
      kind: 'lookup';
      product: null | {
        productId: number;
        productCode: string;
        stock: { status: string; locationCode: string; qty: number }[];
      };
    }
  | {
      kind: 'receipt';
      /** The bin scanned last: goods scanned next go there. */
      location: { locationId: number; code: string } | null;
      lines: {
        productId: number;
        productCode: string;
        productNameZh: string;
        productNameEn: string;
        unit: string;
        locationId: number;
        locationCode: string;
        qty: number;
        /** Damaged on arrival (issue 13): the receipt posts it into damaged stock and opens its damage report. */
        damaged: boolean;
        /** The damaged line's cause and suggestion; null until chosen (the receipt is refused without a cause). */
        damage: ReceiptLineDamage | null;
      }[];
      /** The station's mode: goods scanned now are damaged on arrival (their own line), with this cause when chosen. */
      damaged: boolean;
      damage: ReceiptLineDamage | null;
    }
  | {
      kind: 'count';
      /** The count session scanned into; null until one is chosen. Never a book quantity (blind). */
      session: { sessionId: number; number: string } | null;
      location: { locationId: number; code: string } | null;
      /** Lines this station's counter has counted in the session, and units counted in the current bin. */
      linesCounted: number;
      binUnits: number;
    }
  | {
      kind: 'load';
      /** The trip whose barcode was scanned, with per order and per product expected / scanned / missing; null before. */
      check: LoadCheckView | null;
    }
  | {
      /** 残损登记 at a station (issue 13): the bin, then the damaged goods (+1 unit or +1 case a scan); Enter reports. */
      kind: 'damage';
      location: { locationId: number; code: string } | null;
      goods: null | {
        productId: number;
        productCode: string;
        productNameZh: string;
        productNameEn: string;
        unit: string;
        casePack: number;
        qty: number;
      };
    }
  | ReturnCheckView;
export type TaskKind = TaskView['kind'];
export const taskKinds: TaskKind[] = ['lookup', 'receipt', 'count', 'load', 'damage', 'returnCheck'];

export type StationState = {
  station: string;
  task: TaskView;
  /** The quantity key: the next product scan counts this many. */
  pendingQty: number | null;
  lastScans: ScanView[];
  scanners: ScannerStatus[];
  /** Who chose the task: the station's serial scans are theirs. Null until someone does, and after they log out. */
  owner: { userId: number; displayName: string } | null;
  /**
   * The station's view version: every state or patch the core sends for the
   * station carries the next one. A window applies a patch only to the
   * version it was made from (`StationPatch.base`); any gap means it missed
   * something, and it asks for the whole state again (station.state).
   */
  version: number;
};

/**
 * What a scan changed in a big task view, instead of the whole view: the load
 * check of a trip of 170 orders is ~72 KB; one scan changes one product and
 * the few orders it filled. Rows are whole (absolute figures, never
 * increments), replacing the rows with the same id; the totals follow from
 * the orders (shared/station/patch.ts, the same rule the core uses).
 */
export type TaskPatch = {
  kind: 'load';
  tripId: number;
  orders: LoadCheckOrder[];
  products: LoadCheckProduct[];
};

/**
 * A station state as a change to version `base`: the small parts whole, the
 * task as a patch, and the last scans left out — the event's own scan goes at
 * their head (or in its place), as the core's list does.
 */
export type StationPatch = Omit<StationState, 'task' | 'lastScans'> & { base: number; task: TaskPatch };

/** Live bytes from a serial scanner, for the scanner test screen. */
export type ScannerRaw = {
  scannerId: number;
  at: string;
  /** Bytes as hex pairs, "5D 43 31 30 …". */
  hex: string;
  /** Milliseconds between consecutive bytes as they arrived (0 within one read). */
  gapsMs: number[];
};
