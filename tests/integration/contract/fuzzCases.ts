// Malformed input for every request of the contract (issue 10 §4): generic
// cases that no request may accept, and specific ones per request (a field
// of the wrong type, out of range, too long, an unknown enum value, an id
// that is not an id). The map is typed over RequestName, so a request
// without an entry fails `tsc`, and malformed.test.ts fails at run time for a
// name in `requests` without one. A new request: add its entry here, with
// inputs that must be refused — never a valid one (it would write).
import { countAreas, countCauses } from '../../../shared/contract/counts';
import type { RequestName } from '../../../shared/contract';

/** Real ids from the warehouse under test, so a case differs from a valid input in one field only. */
export type FuzzIds = { productId: number; binId: number; userId: number; documentId: number };
export type FuzzCase = readonly [label: string, input: unknown];

const nested = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
const manyKeys = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));

/** Inputs no request accepts: not an object, junk, attacks on the parser and on Object.prototype. */
export const genericCases: readonly FuzzCase[] = [
  ['a string', 'hello'],
  ['a number', 42],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['a negative number', -1],
  ['a huge number', 2 ** 64],
  ['true', true],
  ['null', null],
  ['an array', [{}]],
  ['a huge string', 'X'.repeat(1_000_000)],
  ['deep nesting', { a: nested(5_000) }],
  ['10,000 keys', manyKeys],
  ['__proto__ key', JSON.parse('{"__proto__": {"polluted": true, "roles": ["admin"]}}')],
  ['constructor key', { constructor: { prototype: { polluted: true } } }],
  ['prototype key', { prototype: { polluted: true } }],
  ['an unknown field', { sqlInjection: "'; DROP TABLE balances; --" }],
];

/** An id field that is not an id. */
const badIds = (key: string, rest: Record<string, unknown> = {}): FuzzCase[] =>
  (
    [
      ['negative', -1],
      ['zero', 0],
      ['fraction', 1.5],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['beyond 2^53', 2 ** 60],
      ['numeric text', '1'],
      ['SQL text', '1 OR 1=1'],
      ['null', null],
    ] as const
  ).map(([label, v]) => [`${key} ${label}`, { ...rest, [key]: v }] as const);
const noInput: FuzzCase[] = [['any field at all', { id: 1 }]];
const badPage = (extra: Record<string, unknown> = {}): FuzzCase[] => [
  ['negative offset', { offset: -1, limit: 10, ...extra }],
  ['limit too big', { offset: 0, limit: 1_000_000, ...extra }],
  ['NaN limit', { offset: 0, limit: NaN, ...extra }],
  ['Infinity offset', { offset: Infinity, limit: 10, ...extra }],
  ['missing limit', { offset: 0, ...extra }],
];
const now = () => new Date().toISOString();
const scanner = {
  name: 'S1',
  station: 'fuzz',
  port: '/dev/ttyFUZZ',
  usbVendorId: null,
  usbProductId: null,
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  terminator: 'CR',
  idleMs: 50,
  prefix: '',
  suffix: '',
  enabled: true,
};
const cause = countCauses[0];
const area = countAreas[0];

export const fuzzCases: { readonly [N in RequestName]: (ids: FuzzIds) => FuzzCase[] } = {
  'setup.status': () => noInput,
  'setup.createAdmin': () => [
    ['empty username', { username: '', displayName: 'A', password: 'long-enough-1' }],
    ['short password', { username: 'root2', displayName: 'A', password: 'short' }],
    ['password a number', { username: 'root2', displayName: 'A', password: 123456789 }],
    ['huge username', { username: 'a'.repeat(100_000), displayName: 'A', password: 'long-enough-1' }],
    ['SQL username', { username: "admin'--", displayName: 'A', password: 'long-enough-1' }],
  ],
  'setup.loadDemo': () => noInput,
  'setup.demoLogins': () => noInput,
  'auth.login': () => [
    ['empty username', { username: '', secret: 'x' }],
    ['empty secret', { username: 'admin', secret: '' }],
    ['huge secret', { username: 'admin', secret: 'x'.repeat(100_000) }],
    ['username an array', { username: ['admin'], secret: 'x' }],
    ['missing secret', { username: 'admin' }],
  ],
  'auth.resume': () => [
    ['short token', { token: 'short' }],
    ['token a number', { token: 1234567890123456 }],
    ['huge token', { token: 'x'.repeat(100_000) }],
  ],
  'auth.logout': () => noInput,
  'auth.me': () => noInput,
  'auth.setLocale': () => [
    ['unknown locale', { locale: 'xx-YY' }],
    ['null locale', { locale: null }],
    ['extra field', { locale: 'zh-CN', admin: true }],
  ],
  'users.list': () => noInput,
  'users.create': () => [
    ['no roles', { username: 'fz1', displayName: 'F', roles: [], password: 'long-enough-1' }],
    ['unknown role', { username: 'fz1', displayName: 'F', roles: ['root'], password: 'long-enough-1' }],
    ['8 roles', { username: 'fz1', displayName: 'F', roles: Array(8).fill('operator'), password: 'long-enough-1' }],
    ['short pin', { username: 'fz1', displayName: 'F', roles: ['operator'], pin: '12' }],
    ['short password', { username: 'fz1', displayName: 'F', roles: ['operator'], password: 'short' }],
    ['SQL username', { username: "x'; DROP TABLE users; --", displayName: 'F', roles: ['operator'] }],
  ],
  'users.unlock': () => [
    ['bad user id', { userId: 0 }],
    ['string user id', { userId: '1' }],
  ],
  'users.setActive': () => [
    ['no reason', { userId: 1, active: false }],
    ['empty reason', { userId: 1, active: false, reason: '' }],
    ['active as string', { userId: 1, active: 'no', reason: 'left' }],
  ],
  'users.setDispatchOverride': () => [
    ['no reason', { userId: 1, allowed: true }],
    ['allowed as string', { userId: 1, allowed: 'yes', reason: 'lead' }],
    ['negative user id', { userId: -1, allowed: true, reason: 'lead' }],
  ],
  'users.resetPassword': () => [
    ['short password', { userId: 1, password: 'short', reason: 'forgot' }],
    ['no reason', { userId: 1, password: 'long-enough-1' }],
    ['bad user id', { userId: -1, password: 'long-enough-1', reason: 'forgot' }],
  ],
  'auth.changePassword': () => [
    ['short new password', { oldPassword: 'x', newPassword: 'short' }],
    ['empty old password', { oldPassword: '', newPassword: 'long-enough-1' }],
    ['huge old password', { oldPassword: 'x'.repeat(201), newPassword: 'long-enough-1' }],
  ],
  'backups.status': () => noInput,
  'backups.runNow': () => noInput,
  'backups.configure': () => [
    ['time 24:00', { dailyAt: '24:00', keepDaily: 7, keepWeekly: 4 }],
    ['time without colon', { dailyAt: '0230', keepDaily: 7, keepWeekly: 4 }],
    ['keep 0 days', { dailyAt: '02:30', keepDaily: 0, keepWeekly: 4 }],
    ['keep too many weeks', { dailyAt: '02:30', keepDaily: 7, keepWeekly: 261 }],
    ['fractional days', { dailyAt: '02:30', keepDaily: 1.5, keepWeekly: 4 }],
  ],
  'database.status': () => noInput,
  'database.configure': () => [
    ['not a postgres url', { url: 'mysql://user@host/db' }],
    ['a file path', { url: '/var/lib/cangwu.db' }],
    ['url with a space', { url: 'postgres://a b@host/db' }],
    ['huge url', { url: `postgres://h/${'x'.repeat(2001)}` }],
    ['no url key', {}],
    ['url as number', { url: 5432 }],
  ],
  'products.list': () => noInput,
  'products.update': ({ productId }) => [
    ...badIds('id', { nameZh: 'x' }),
    ['negative case pack', { id: productId, casePack: -1 }],
    ['fractional cost', { id: productId, unitCostFen: 1.5 }],
    ['huge cost', { id: productId, unitCostFen: 2 ** 60 }],
    ['empty name', { id: productId, nameZh: '   ' }],
    ['active as text', { id: productId, active: 'yes' }],
    ['long unit', { id: productId, unit: 'x'.repeat(21) }],
  ],
  'products.import': () => [
    ['csv a number', { csv: 42 }],
    ['csv null', { csv: null }],
    ['csv over 20 MB', { csv: 'x'.repeat(20_000_001) }],
    ['empty csv', { csv: '' }],
    ['missing columns', { csv: 'code,name_zh\nZ1,好\n' }],
    ['a replacement character', { csv: 'code,name_zh,unit,case_pack,unit_cost\nZ1,\uFFFD\uFFFD,个,1,1.00\n' }],
    ['a formula as the code', { csv: 'code,name_zh,unit,case_pack,unit_cost\n=1+1,好,个,1,1.00\n' }],
  ],
  'locations.list': () => noInput,
  'stock.balances': () => [
    ['includeZero as text', { includeZero: 'yes' }],
    ['includeZero a number', { includeZero: 1 }],
  ],
  'stock.movements': () => [
    ...badPage(),
    ['unknown sort', { offset: 0, limit: 10, sort: 'sideways' }],
    ...badIds('productId', { offset: 0, limit: 10 }),
  ],
  'stock.reverseDocument': ({ documentId }) => [
    ...badIds('documentId', { reason: 'x', idempotencyKey: 'fuzz-key-000001' }),
    ['empty reason', { documentId, reason: '', idempotencyKey: 'fuzz-key-000001' }],
    ['short key', { documentId, reason: 'x', idempotencyKey: 'k' }],
    ['unknown document', { documentId: 987_654, reason: 'x', idempotencyKey: 'fuzz-key-000002' }],
  ],
  'receipts.list': () => noInput,
  'receipts.post': ({ productId, binId }) => {
    const line = { productId, status: 'good', locationId: binId, qty: 1 };
    const valid = { deliveryNote: 'QS-FZ', arrivedAt: now(), idempotencyKey: 'fuzz-key-000003', lines: [line] };
    return [
      ['no lines', { ...valid, lines: [] }],
      ['501 lines', { ...valid, lines: Array(501).fill(line) }],
      ['negative qty', { ...valid, lines: [{ ...line, qty: -5 }] }],
      ['NaN qty', { ...valid, lines: [{ ...line, qty: NaN }] }],
      ['Infinity qty', { ...valid, lines: [{ ...line, qty: Infinity }] }],
      ['bad date', { ...valid, arrivedAt: 'yesterday' }],
      ['unknown status', { ...valid, lines: [{ ...line, status: 'stolen' }] }],
      ['deeply nested lines', { ...valid, lines: nested(2_000) }],
      [
        '__proto__ in a line',
        { ...valid, lines: [JSON.parse(`{"__proto__": {"qty": 1}, "productId": ${productId}}`)] },
      ],
    ];
  },
  'scanner.list': () => noInput,
  'scanner.ports': () => noInput,
  'scanner.save': () => [
    ['baud 1', { ...scanner, baudRate: 1 }],
    ['no port and no USB id', { ...scanner, port: null }],
    ['unknown parity', { ...scanner, parity: 'weird' }],
    ['Infinity idle', { ...scanner, idleMs: Infinity }],
    ['long prefix', { ...scanner, prefix: 'x'.repeat(17) }],
    ['bad USB id', { ...scanner, usbVendorId: 'zzzz' }],
  ],
  'scanner.remove': () => badIds('id'),
  'scanner.submit': () => [
    ['empty scan', { raw: '', source: 'wedge' }],
    ['huge scan', { raw: '0'.repeat(4001), source: 'wedge' }],
    ['unknown source', { raw: '0101', source: 'serial' }],
    ['raw a number', { raw: 101, source: 'manual' }],
  ],
  'station.state': () => noInput,
  'station.setTask': () => [
    ['unknown task', { task: 'steal' }],
    ['null task', { task: null }],
  ],
  'station.setQuantity': () => [
    ['negative', { qty: -1 }],
    ['fraction', { qty: 0.5 }],
    ['text', { qty: 'many' }],
    ['missing', {}],
  ],
  'station.undoLastScan': () => noInput,
  'station.clearTask': () => noInput,
  'scans.list': () => [...badPage(), ['long station', { offset: 0, limit: 10, station: 'x'.repeat(65) }]],
  'barcodes.link': ({ productId }) => [
    ['letters', { code: 'abcdefgh', productId, level: 'unit' }],
    ['15 digits', { code: '1'.repeat(15), productId, level: 'unit' }],
    ['unknown level', { code: '6901234567892', productId, level: 'pallet' }],
    ...badIds('productId', { code: '6901234567892', level: 'unit' }),
  ],
  'counts.plan': ({ userId }) => [
    ['unknown area', { scope: { area: 'everywhere', locationIds: [] }, counters: [{ userId }] }],
    ['no counters', { scope: { area, locationIds: [] }, counters: [] }],
    ['negative tolerance', { scope: { area, locationIds: [] }, counters: [{ userId }], toleranceUnits: -1 }],
    ['empty product list', { scope: { area, locationIds: [], productIds: [] }, counters: [{ userId }] }],
    ['5001 locations', { scope: { area, locationIds: Array(5001).fill(1) }, counters: [{ userId }] }],
  ],
  'counts.start': () => badIds('sessionId'),
  'counts.list': () => [
    ['unknown state', { state: 'bogus' }],
    ['limit 0', { limit: 0 }],
    ['limit too big', { limit: 1_000_000 }],
    ['bad date', { from: 'yesterday' }],
    ['long search', { search: 'x'.repeat(101) }],
  ],
  'counts.get': () => badIds('sessionId'),
  'counts.sheet': () => [...badIds('sessionId'), ...badIds('locationId', { sessionId: 1 })],
  'counts.preview': () => [
    ['unknown area', { scope: { area: 'x', locationIds: [] } }],
    ['5001 locations', { scope: { area, locationIds: Array(5001).fill(1) } }],
    ['top 0 lines', { scope: { area, locationIds: [], topValueLines: 0 } }],
  ],
  'counts.enter': ({ productId, binId }) => {
    const valid = { sessionId: 1, productId, locationId: binId, mode: 'set', qty: 1 };
    return [
      ['unknown mode', { ...valid, mode: 'multiply' }],
      ['fraction', { ...valid, qty: 0.5 }],
      ['huge qty', { ...valid, qty: 2 ** 60 }],
      ['unknown status', { ...valid, status: 'lost' }],
      ...badIds('sessionId', { ...valid }),
    ];
  },
  'counts.countAtStation': () => badIds('sessionId'),
  'counts.finishCounting': () => badIds('sessionId'),
  'counts.reconcile': () => badIds('sessionId'),
  'counts.reconcileFirst': () => [
    ['limit 0', { sessionId: 1, limit: 0 }],
    ['limit too big', { sessionId: 1, limit: 1001 }],
    ['missing limit', { sessionId: 1 }],
  ],
  'counts.reconcileLines': () => [
    ['no lines', { sessionId: 1, lineIds: [] }],
    ['bad line id', { sessionId: 1, lineIds: [0] }],
    ['too many lines', { sessionId: 1, lineIds: Array.from({ length: 5001 }, (_, i) => i + 1) }],
    ['missing session', { lineIds: [1] }],
  ],
  'counts.requestRecount': () => [
    ['no lines', { sessionId: 1, lineIds: [], keeperId: 1 }],
    ['bad line id', { sessionId: 1, lineIds: [-1], keeperId: 1 }],
    ['missing keeper', { sessionId: 1, lineIds: [1] }],
  ],
  'counts.setCauses': () => [
    ['no lines', { sessionId: 1, lines: [] }],
    ['unknown cause', { sessionId: 1, lines: [{ lineId: 1, cause: 'aliens' }] }],
    ['long note', { sessionId: 1, lines: [{ lineId: 1, cause, note: 'x'.repeat(1001) }] }],
  ],
  'counts.confirm': () => [['confirm as admin', { sessionId: 1, as: 'admin' }], ...badIds('sessionId')],
  'counts.cancel': () => [
    ['empty reason', { sessionId: 1, reason: '' }],
    ['missing reason', { sessionId: 1 }],
  ],
  'counts.keepers': () => noInput,
  'counts.productHistory': ({ productId }) => [...badIds('productId'), ['limit too big', { productId, limit: 201 }]],
  'counts.measures': () => [
    ['not dates', { from: 'x', to: 'y' }],
    ['missing to', { from: now() }],
  ],
  'adjustments.list': () => [
    ['unknown state', { state: 'x' }],
    ['unknown kind', { kind: 'x' }],
    ['limit 0', { limit: 0 }],
  ],
  'adjustments.get': () => badIds('formId'),
  'adjustments.createManual': ({ productId, binId }) => {
    const line = { productId, status: 'good', locationId: binId, qty: 1, cause };
    return [
      ['no lines', { lines: [] }],
      ['zero qty', { lines: [{ ...line, qty: 0 }] }],
      ['unknown cause', { lines: [{ ...line, cause: 'gremlins' }] }],
      ['huge qty', { lines: [{ ...line, qty: -(2 ** 60) }] }],
    ];
  },
  'adjustments.updateManual': () => [...badIds('formId'), ['no lines', { formId: 1, lines: [] }]],
  'adjustments.submit': () => badIds('formId'),
  'adjustments.approve': () => [...badIds('formId'), ['long comment', { formId: 1, comment: 'x'.repeat(1001) }]],
  'adjustments.reject': () => [
    ['empty comment', { formId: 1, comment: '' }],
    ['missing comment', { formId: 1 }],
  ],
  'audit.list': () => [...badPage(), ['unknown field', { offset: 0, limit: 10, entity: 'users' }]],

  // Orders (issue 11).
  'customers.list': () => [...badIds('x').map(([l, v]) => [l, { ids: [(v as { x: unknown }).x] }] as const)],
  'customers.save': () => [
    ['missing name', { code: 'CX1', area: 'a', route: 'r' }],
    ['bad code', { code: 'C X;DROP', name: 'n', area: 'a', route: 'r' }],
    ['blocked without reason', { code: 'CX2', name: 'n', area: 'a', route: 'r', blocked: true }],
    ['weekday 8', { code: 'CX3', name: 'n', area: 'a', route: 'r', deliveryDays: [8] }],
    ['lat without lng', { code: 'CX4', name: 'n', area: 'a', route: 'r', lat: 23.1 }],
    ['lat out of range', { code: 'CX5', name: 'n', area: 'a', route: 'r', lat: 123, lng: 1 }],
    // null is allowed: no salesperson.
    ...badIds('salespersonId', { code: 'CX6', name: 'n', area: 'a', route: 'r' }).filter(([l]) => !l.endsWith('null')),
  ],
  'customers.import': () => [
    ['csv a number', { csv: 1 }],
    ['missing csv', {}],
  ],
  'customers.export': () => noInput,
  'customers.salespeople': () => noInput,
  'prices.list': () => [['not a date', { on: '2026-13-01' }], ...badIds('productId')],
  'prices.set': (ids) => [
    ['negative price', { productId: ids.productId, customerId: null, priceFen: -1, validFrom: '2026-01-01' }],
    ['fractional fen', { productId: ids.productId, customerId: null, priceFen: 1.5, validFrom: '2026-01-01' }],
    [
      'to before from',
      { productId: ids.productId, customerId: null, priceFen: 1, validFrom: '2026-02-01', validTo: '2026-01-01' },
    ],
    ['not a date', { productId: ids.productId, customerId: null, priceFen: 1, validFrom: '01/02/2026' }],
    ['missing customer', { productId: ids.productId, priceFen: 1, validFrom: '2026-01-01' }],
  ],
  'prices.remove': () => badIds('id'),
  'prices.import': () => [['csv an array', { csv: ['a'] }]],
  'orders.list': () => [
    ['unknown state', { states: ['lost'] }],
    ['empty states', { states: [] }],
    ['bad date', { dispatchDate: 'tomorrow' }],
    ['limit zero', { limit: 0 }],
  ],
  'orders.get': () => badIds('orderId'),
  'orders.create': (ids) => [
    ['unknown channel', { channel: 'email', customerCode: 'C1', lines: [] }],
    ['file channel', { channel: 'file', customerCode: 'C1', lines: [] }],
    ['no customer', { channel: 'desk', lines: [] }],
    ['line without product', { channel: 'desk', customerCode: 'C1', lines: [{ qty: 1 }] }],
    ['qty Infinity', { channel: 'desk', customerCode: 'C1', lines: [{ productId: ids.productId, qty: Infinity }] }],
    ['qty text', { channel: 'desk', customerCode: 'C1', lines: [{ productId: ids.productId, qty: '1' }] }],
    ['bad per', { channel: 'desk', customerCode: 'C1', lines: [{ productId: ids.productId, qty: 1, per: 'pallet' }] }],
    [
      '501 lines',
      { channel: 'desk', customerCode: 'C1', lines: Array(501).fill({ productId: ids.productId, qty: 1 }) },
    ],
  ],
  'orders.update': () => [...badIds('orderId'), ['bad date', { orderId: 1, dispatchDate: '2026-02-30x' }]],
  'orders.switchLine': () => badIds('lineId', { orderId: 1 }),
  'orders.requalify': () => [
    ['empty ids', { orderIds: [] }],
    ['bad date', { dispatchDate: 5 }],
  ],
  'orders.cancel': () => [
    ['empty reason', { orderId: 1, reason: '' }],
    ['bad consent', { orderId: 1, reason: 'x', consent: { how: 'telepathy' } }],
  ],
  'orders.pendingConfirmation': () => noInput,
  'orders.confirm': () => badIds('orderId'),
  'orders.reject': () => [['missing reason', { orderId: 1 }]],
  'orders.release': () => [
    ['neither ids nor date', {}],
    ['both ids and date', { orderIds: [1], dispatchDate: '2026-01-01' }],
    ['empty ids', { orderIds: [] }],
  ],
  'orders.takeBack': () => badIds('orderId'),
  'orders.confirmationList': () => [
    ['missing date', {}],
    ['bad date', { dispatchDate: '2026-1-1' }],
  ],
  'orders.retryShort': () => [['bad date', { dispatchDate: 'today' }]],
  'orders.resolveLine': (ids) => [
    ['unknown action', { action: 'steal', orderId: 1, lineId: 1, consent: { how: 'phone' } }],
    ['no consent', { action: 'remove', orderId: 1, lineId: 1 }],
    ['reduce to zero', { action: 'reduce', orderId: 1, lineId: 1, qty: 0, consent: { how: 'phone' } }],
    ['substitute without product', { action: 'substitute', orderId: 1, lineId: 1, consent: { how: 'phone' } }],
    [
      'bad salesperson id',
      { action: 'remove', orderId: 1, lineId: 1, consent: { how: 'phone', salespersonId: -ids.userId } },
    ],
  ],
  'orders.previewImport': () => [
    ['missing file name', { csv: 'a' }],
    ['csv a number', { csv: 1, fileName: 'a' }],
  ],
  'orders.import': () => [
    ['missing file name', { csv: 'a' }],
    ['empty file name', { csv: 'a', fileName: ' ' }],
  ],
  'orders.qualifiedRate': () => [
    ['missing to', { from: '2026-01-01' }],
    ['not dates', { from: 'x', to: 'y' }],
  ],
  'vehicles.list': () => [['bad date', { date: '2026-1-1' }]],
  'vehicles.save': () => [
    ['missing plate', { capacityCases: 300, capacityKg: 2000, driverName: 'd' }],
    ['zero cases', { plate: 'P', capacityCases: 0, capacityKg: 2000, driverName: 'd' }],
    ['fractional kg', { plate: 'P', capacityCases: 300, capacityKg: 1.5, driverName: 'd' }],
    ['negative litres', { plate: 'P', capacityCases: 300, capacityKg: 2000, capacityL: -1, driverName: 'd' }],
    ['active a string', { plate: 'P', capacityCases: 300, capacityKg: 2000, driverName: 'd', active: 'yes' }],
    ...badIds('id', { plate: 'P', capacityCases: 300, capacityKg: 2000, driverName: 'd' }),
  ],
  'vehicles.setOffRoad': () => [
    ['missing off', { vehicleId: 1, date: '2026-12-05' }],
    ['bad date', { vehicleId: 1, date: 'tomorrow', off: true }],
    ...badIds('vehicleId', { date: '2026-12-05', off: true }),
  ],
  'dispatch.board': () => [
    ['missing date', {}],
    ['bad date', { dispatchDate: '05/12/2026' }],
  ],
  'dispatch.boardRows': () => [
    ['missing ids', { dispatchDate: '2026-12-05' }],
    ['ids not numbers', { dispatchDate: '2026-12-05', tripIds: ['1'], orderIds: [] }],
    ['1,001 trips', { dispatchDate: '2026-12-05', tripIds: Array(1001).fill(1), orderIds: [] }],
  ],
  'dispatch.createTrip': () => [
    ['25:00', { dispatchDate: '2026-12-05', vehicleId: 1, departTime: '25:00' }],
    ['empty driver', { dispatchDate: '2026-12-05', vehicleId: 1, driverName: ' ' }],
    ...badIds('vehicleId', { dispatchDate: '2026-12-05' }),
  ],
  'dispatch.updateTrip': () => [['time 7:5', { tripId: 1, departTime: '7:5' }], ...badIds('tripId')],
  'dispatch.removeTrip': () => badIds('tripId'),
  'dispatch.assign': () => [
    ['empty orders', { tripId: 1, orderIds: [] }],
    ['force a string', { tripId: 1, orderIds: [1], force: 'yes' }],
    ...badIds('tripId', { orderIds: [1] }),
    ...badIds('beforeStopId', { tripId: 1, orderIds: [1] }),
  ],
  'dispatch.unassign': () => [
    ['empty orders', { orderIds: [] }],
    ['20,001 orders', { orderIds: Array(20_001).fill(1) }],
  ],
  'dispatch.reorderStops': () => [['no stops', { tripId: 1, stopIds: [] }], ...badIds('tripId', { stopIds: [1] })],
  'dispatch.sortStops': () => badIds('tripId'),
  'dispatch.autoAssignPreview': () => [
    ['missing date', {}],
    ['empty selection', { dispatchDate: '2026-12-05', orderIds: [] }],
    ['negative vehicle id', { dispatchDate: '2026-12-05', vehicleIds: [-1] }],
  ],
  'dispatch.autoAssignAccept': () => [
    ['no assignments', { dispatchDate: '2026-12-05', assignments: [] }],
    [
      'assignment without orders',
      { dispatchDate: '2026-12-05', assignments: [{ tripId: null, vehicleId: 1, orderIds: [] }] },
    ],
    ['trip id a string', { dispatchDate: '2026-12-05', assignments: [{ tripId: 'x', vehicleId: 1, orderIds: [1] }] }],
    ['missing vehicle', { dispatchDate: '2026-12-05', assignments: [{ tripId: null, orderIds: [1] }] }],
  ],
  'dispatch.loadingTrips': () => [
    ['missing date', {}],
    ['bad date', { dispatchDate: '2026-1-1' }],
  ],
  'dispatch.pickList': () => [
    ['no trips', { tripIds: [] }],
    ['too many trips', { tripIds: Array.from({ length: 41 }, (_, i) => i + 1) }],
    ['trip ids as text', { tripIds: ['1'] }],
  ],
  'dispatch.startPicking': () => [
    ['no trips', { tripIds: [] }],
    ['negative trip id', { tripIds: [-1] }],
  ],
  'dispatch.loadCheck': () => badIds('tripId'),
  'dispatch.loadOrder': () => badIds('orderId'),
  'dispatch.takeOff': () => [
    ...badIds('orderId', { to: 'pool', reason: 'short' }),
    ['unknown destination', { orderId: 1, to: 'truck', reason: 'short' }],
    ['empty reason', { orderId: 1, to: 'pool', reason: '  ' }],
    ['missing reason', { orderId: 1, to: 'confirmationList' }],
  ],
  'dispatch.depart': () => badIds('tripId'),
  'dispatch.returned': () => badIds('tripId'),
  'dispatch.deliveryTrips': () => [
    ['missing date', {}],
    ['bad date', { dispatchDate: '2026-13-01' }],
  ],
  'dispatch.deliveryTrip': () => badIds('tripId'),
  'dispatch.recordOutcome': () => [
    ['unknown outcome', { orderId: 1, outcome: 'lost' }],
    ['signed without signer', { orderId: 1, outcome: 'signed' }],
    ['refused without reason', { orderId: 1, outcome: 'refused' }],
    ['unknown reason', { orderId: 1, outcome: 'refused', reason: 'weather' }],
    ['refused zero', { orderId: 1, outcome: 'refused', reason: 'damaged', lines: [{ lineId: 1, qty: 0 }] }],
    ['refused fraction', { orderId: 1, outcome: 'refused', reason: 'damaged', lines: [{ lineId: 1, qty: 1.5 }] }],
    ['empty lines', { orderId: 1, outcome: 'refused', reason: 'damaged', lines: [] }],
    ['lines on a signature', { orderId: 1, outcome: 'signed', signedBy: 'x', lines: [{ lineId: 1, qty: 1 }] }],
  ],
  'dispatch.awaitingReturn': () => [['bad date', { dispatchDate: 'yesterday' }]],
  'dispatch.serviceLevel': () => [
    ['missing from', { to: '2026-01-01' }],
    ['not dates', { from: 1, to: 2 }],
  ],
  'dispatch.report': () => [['bad date', { dispatchDate: '2026-02-30x' }]],
  'dispatch.saveReport': () => [
    ['missing date', { note: 'x' }],
    ['remark without order', { dispatchDate: '2026-12-05', remarks: [{ remark: 'x' }] }],
    ['note too long', { dispatchDate: '2026-12-05', note: 'x'.repeat(1001) }],
  ],
  'dispatch.submitReport': () => [
    ['bad remark order', { dispatchDate: '2026-12-05', remarks: [{ orderId: -1, remark: 'x' }] }],
  ],
  'dispatch.postReport': () => [['missing date', {}]],
  'dispatch.cutoff': () => [['unexpected field', { time: '16:30' }]],
  'dispatch.setCutoff': () => [
    ['not a time', { time: '4:30pm' }],
    ['hour 24', { time: '24:00' }],
    ['missing time', {}],
  ],
  'analyses.damage': () => [
    ['month 13', { month: '2026-13' }],
    ['a date, not a month', { month: '2026-11-01' }],
    ['missing month', {}],
    ['warehouse by code, not id', { month: '2026-11', warehouseId: 'WH1' }],
  ],
  'analyses.saveDamage': () => [
    ['note too long', { month: '2026-11', note: 'x'.repeat(2001) }],
    ['unexpected field', { month: '2026-11', plans: [] }],
  ],
  'analyses.submitDamage': () => [['month 00', { month: '2026-00' }]],
  'analyses.returns': () => [
    ['not a string', { month: 202611 }],
    ['warehouse id 0', { month: '2026-11', warehouseId: 0 }],
  ],
  'analyses.saveReturns': () => [
    ['unknown scope', { month: '2026-11', plans: [{ scope: 'customer', key: '1', text: 'x' }] }],
    ['bad key', { month: '2026-11', plans: [{ scope: 'reason', key: 'why?', text: 'x' }] }],
    ['plan too long', { month: '2026-11', plans: [{ scope: 'reason', key: 'quality', text: 'x'.repeat(2001) }] }],
  ],
  'analyses.submitReturns': () => [['missing month', { note: 'x' }]],
  'damage.causes': () => noInput,
  'damage.saveCause': () => [
    ['code with spaces', { code: 'a b', nameZh: 'x', nameEn: 'x' }],
    ['empty name', { code: 'abc', nameZh: '', nameEn: 'x' }],
    ['active a string', { code: 'abc', nameZh: 'x', nameEn: 'x', active: 'no' }],
  ],
  'damage.finders': () => noInput,
  'damage.report': () => {
    const ok = {
      productId: 1,
      fromStatus: 'good',
      locationId: 1,
      qty: 1,
      whereFound: 'bin',
      cause: 'crushed',
      suggestion: 'scrap',
      idempotencyKey: 'fuzz-damage-1',
    };
    return [
      ['zero qty', { ...ok, qty: 0 }],
      ['fraction qty', { ...ok, qty: 1.5 }],
      ['from damaged', { ...ok, fromStatus: 'damaged' }],
      ['unknown where', { ...ok, whereFound: 'moon' }],
      ['unknown suggestion', { ...ok, suggestion: 'burn' }],
      ['SQL cause', { ...ok, cause: "x'; DROP TABLE damage_reports;--" }],
      ['huge note', { ...ok, note: 'x'.repeat(5000) }],
      ['missing key', { ...ok, idempotencyKey: undefined }],
    ];
  },
  'damage.list': () => [['unknown state', { state: 'lost' }]],
  'damage.get': () => badIds('reportId'),
  'damage.approve': () => badIds('reportId'),
  'damage.reject': () => [
    ['missing reason', { reportId: 1 }],
    ['empty reason', { reportId: 1, reason: '' }],
  ],
  'damage.attach': () => [
    ['not base64', { reportId: 1, fileName: 'a.png', dataBase64: '<script>' }],
    ['missing name', { reportId: 1, dataBase64: 'AAAA' }],
    ['far too large', { reportId: 1, fileName: 'a.png', dataBase64: 'A'.repeat(7_200_000) }],
  ],
  'damage.attachment': () => badIds('attachmentId'),
  'disposals.propose': () => [
    ['unknown kind', { kind: 'burn', lines: [{ productId: 1, locationId: 1, qty: 1 }], idempotencyKey: 'fuzz-disp-1' }],
    ['no lines', { kind: 'scrap', lines: [], idempotencyKey: 'fuzz-disp-1' }],
    [
      'negative qty',
      { kind: 'scrap', lines: [{ productId: 1, locationId: 1, qty: -1 }], idempotencyKey: 'fuzz-disp-1' },
    ],
  ],
  'disposals.list': () => [['unknown state', { state: 'lost' }]],
  'disposals.get': () => badIds('disposalId'),
  'disposals.approve': () => badIds('disposalId'),
  'disposals.reject': () => [['missing reason', { disposalId: 1 }]],
  'damage.reportAtStation': () => [
    ['missing cause', { suggestion: 'scrap', idempotencyKey: 'fuzz-station-1' }],
    ['from damaged', { fromStatus: 'damaged', cause: 'wet', suggestion: 'scrap', idempotencyKey: 'fuzz-station-1' }],
    ['product smuggled in', { productId: 1, cause: 'wet', suggestion: 'scrap', idempotencyKey: 'fuzz-station-1' }],
  ],
  'returns.report': () => [
    ['no lines', { customerId: 1, lines: [], idempotencyKey: 'fuzz-return-1' }],
    [
      'zero qty',
      { customerId: 1, lines: [{ productId: 1, qty: 0, reason: 'quality' }], idempotencyKey: 'fuzz-return-1' },
    ],
    [
      'reason refusedAtDelivery on a report',
      {
        customerId: 1,
        lines: [{ productId: 1, qty: 1, reason: 'refusedAtDelivery' }],
        idempotencyKey: 'fuzz-return-1',
      },
    ],
    [
      'per pallet',
      {
        customerId: 1,
        lines: [{ productId: 1, qty: 1, per: 'pallet', reason: 'quality' }],
        idempotencyKey: 'fuzz-return-1',
      },
    ],
  ],
  'returns.list': () => [['unknown state', { state: 'lost' }]],
  'returns.get': () => badIds('returnId'),
  'returns.find': () => [['empty number', { number: '' }]],
  'returns.approve': () => badIds('returnId'),
  'returns.reject': () => [['missing reason', { returnId: 1 }]],
  'returns.takeRefusal': () => badIds('orderId'),
  'returns.check': () => [
    ['negative cases', { returnId: 1, casesChecked: -1, lines: [{ productId: 1, qty: 1, reason: 'quality' }] }],
    ['fraction qty', { returnId: 1, casesChecked: 1, lines: [{ productId: 1, qty: 0.5, reason: 'quality' }] }],
    ['unknown reason', { returnId: 1, casesChecked: 1, lines: [{ productId: 1, qty: 1, reason: 'bored' }] }],
  ],
  'returns.issueNote': () => [
    [
      'negative good',
      { returnId: 1, lines: [{ lineNo: 1, qtyGood: -1, qtyDamaged: 0 }], idempotencyKey: 'fuzz-note-1' },
    ],
    ['no key', { returnId: 1, lines: [{ lineNo: 1, qtyGood: 1, qtyDamaged: 0 }] }],
  ],
  'returns.financeExport': () => [['not a date', { from: '2026-13-01', to: '2026-12-31' }]],
  'station.receiptDamage': () => [
    ['missing mode', { damage: null }],
    ['bad cause code', { damaged: true, damage: { cause: '1; DROP', suggestion: 'scrap' } }],
    ['unknown suggestion', { damaged: true, damage: { cause: 'wet', suggestion: 'burn' } }],
    ['product smuggled in', { damaged: true, productId: 1 }],
  ],
  'returns.checkAtStation': () => [
    ['negative cases', { casesChecked: -1 }],
    ['fraction of a case', { casesChecked: 1.5 }],
    ['unknown reason', { casesChecked: 1, reasons: [{ productId: 1, reason: 'bored' }] }],
    ['return smuggled in', { casesChecked: 1, returnId: 1 }],
  ],
  'returns.returnable': () => [...badIds('customerId'), ['limit too large', { customerId: 1, limit: 10_000 }]],
  'returns.edit': () => [
    ['no lines', { returnId: 1, lines: [] }],
    ['reason refusedAtDelivery', { returnId: 1, lines: [{ productId: 1, qty: 1, reason: 'refusedAtDelivery' }] }],
    ['fraction qty', { returnId: 1, lines: [{ productId: 1, qty: 1.5, reason: 'quality' }] }],
  ],
  'schedules.status': () => noInput,
  'schedules.configure': () => [
    ['unknown job', { kind: 'payroll', enabled: true, weekday: 6, at: '18:00', folder: '/tmp' }],
    ['weekday 7', { kind: 'weeklyReport', enabled: true, weekday: 7, at: '18:00', folder: '/tmp' }],
    ['time 24:00', { kind: 'weeklyReport', enabled: true, weekday: 6, at: '24:00', folder: '/tmp' }],
    ['empty folder', { kind: 'weeklyReport', enabled: true, weekday: 6, at: '18:00', folder: '  ' }],
    ['huge folder', { kind: 'weeklyReport', enabled: true, weekday: 6, at: '18:00', folder: 'x'.repeat(1001) }],
  ],
  'schedules.runNow': () => [['unknown job', { kind: 'payroll' }]],
  'schedules.failures': () => [['not an instant', { since: 'yesterday' }]],
  'kpi.tracker': () => [
    ['a date, not a month', { month: '2026-11-01' }],
    ['missing month', {}],
  ],
  'kpi.drill': () => [
    ['unknown kpi', { kpi: 'happiness', from: '2026-11-02', to: '2026-11-08' }],
    ['not a date', { kpi: 'serviceLevel', from: 'monday', to: '2026-11-08' }],
  ],
  'kpi.targets': () => noInput,
  'kpi.setTarget': () => [
    ['negative target', { kpi: 'lateReceipts', target: -1 }],
    ['target as text', { kpi: 'lateReceipts', target: '3' }],
    ['unknown kpi', { kpi: 'happiness', target: 1 }],
  ],
  'kpi.dashboard': () => noInput,
  'kpi.review': () => [['a date, not a month', { month: '2026-11-01' }]],
  'kpi.saveReview': () => [
    ['commentary too long', { month: '2026-11', commentary: 'x'.repeat(4001) }],
    ['unexpected field', { month: '2026-11', figures: {} }],
  ],
  'kpi.signReview': () => [['missing month', { commentary: 'x' }]],
  'reports.weekly': () => [
    ['week 54', { week: '2026-W54' }],
    ['week and range', { week: '2026-W48', from: '2026-11-23', to: '2026-11-29' }],
    ['from without to', { from: '2026-11-23' }],
    ['neither', {}],
    ['warehouse not an id', { week: '2026-W48', warehouseId: 'main' }],
  ],
  'calls.plans': () => noInput,
  'calls.plan': () => badIds('planId'),
  'calls.buildPlan': () => [
    ['month period', { period: 'month', date: '2026-12-01', rules: {} }],
    ['not a date', { period: 'day', date: '2026-02-30x', rules: {} }],
    ['share over 100', { period: 'day', date: '2026-12-01', rules: { deliverySharePct: 101 } }],
    ['negative days', { period: 'day', date: '2026-12-01', rules: { refusalDays: -1 } }],
    ['unknown rule', { period: 'day', date: '2026-12-01', rules: { everyone: true } }],
  ],
  'calls.add': () => [
    ['missing customer', { planId: 1 }],
    ['huge note', { planId: 1, customerId: 1, note: 'x'.repeat(100_000) }],
  ],
  'calls.share': () => [
    ['unknown mode', { planId: 1, mode: 'random' }],
    ['empty staff', { planId: 1, mode: 'even', staffIds: [] }],
  ],
  'calls.assign': () => [
    ['no calls', { callIds: [], userId: 1 }],
    ['fraction user', { callIds: [1], userId: 1.5 }],
  ],
  'calls.staff': () => noInput,
  'calls.sheet': () => badIds('planId'),
  'calls.get': () => badIds('callId'),
  'calls.record': () => [
    ['unknown outcome', { callId: 1, outcome: 'angry' }],
    ['bad call-back time', { callId: 1, outcome: 'callBack', callBackAt: 'tomorrow' }],
    ['huge note', { callId: 1, outcome: 'satisfied', note: 'x'.repeat(100_000) }],
  ],
  'calls.setAlwaysCall': () => [['mark a string', { customerId: 1, alwaysCall: 'yes' }]],
  'calls.summary': () => [['not a date', { from: '2026-13-01', to: '2026-12-31' }]],
  'calls.saveSummaryNote': () => [['huge note', { from: '2026-12-01', to: '2026-12-31', note: 'x'.repeat(100_000) }]],
  'customers.overview': () => badIds('customerId'),
  'complaints.categories': () => noInput,
  'complaints.saveCategory': () => [
    ['code with spaces', { code: 'a b', nameZh: 'x', nameEn: 'x' }],
    ['empty name', { code: 'abc', nameZh: '', nameEn: 'x' }],
  ],
  'complaints.calendar': () => [['year a string', { year: '2026' }]],
  'complaints.setCalendarDay': () => [
    ['not a date', { date: '2026-13-01', kind: 'holiday' }],
    ['unknown kind', { date: '2026-10-01', kind: 'party' }],
  ],
  'complaints.setRules': () => [
    ['zero hours', { responseHours: 0, resolveWorkingDays: 3 }],
    ['fraction days', { responseHours: 24, resolveWorkingDays: 1.5 }],
  ],
  'complaints.register': () => [
    [
      'empty content',
      { callerName: 'x', channel: 'phone', content: '', category: 'other', idempotencyKey: 'fuzz-complaint-1' },
    ],
    [
      'unknown channel',
      { callerName: 'x', channel: 'fax', content: 'x', category: 'other', idempotencyKey: 'fuzz-complaint-2' },
    ],
    [
      'huge content',
      {
        callerName: 'x',
        channel: 'phone',
        content: 'x'.repeat(100_000),
        category: 'other',
        idempotencyKey: 'fuzz-complaint-3',
      },
    ],
    [
      'not an instant',
      {
        callerName: 'x',
        channel: 'phone',
        content: 'x',
        category: 'other',
        receivedAt: 'yesterday',
        idempotencyKey: 'fuzz-complaint-4',
      },
    ],
    ['no key', { callerName: 'x', channel: 'phone', content: 'x', category: 'other' }],
  ],
  'complaints.list': () => [
    ['unknown state', { state: 'lost' }],
    ['month 13', { month: '2026-13' }],
  ],
  'complaints.get': () => badIds('complaintId'),
  'complaints.links': () => badIds('customerId'),
  'complaints.judge': () => [['valid a string', { complaintId: 1, valid: 'yes' }]],
  'complaints.investigate': () => [['unknown department', { complaintId: 1, department: 'moon' }]],
  'complaints.propose': () => [['empty text', { complaintId: 1, text: '' }]],
  'complaints.approve': () => [['missing solution', { complaintId: 1 }]],
  'complaints.resolve': () => [['empty result', { complaintId: 1, result: '  ' }]],
  'complaints.confirm': () => badIds('complaintId'),
  'complaints.followUp': () => [['missing note', { complaintId: 1 }]],
  'complaints.close': () => badIds('complaintId'),
  'complaints.summary': () => noInput,
  'complaints.stats': () => [['not a month', { month: '2026-1' }]],
  'complaints.saveStatsNote': () => [['huge note', { month: '2026-11', note: 'x'.repeat(100_000) }]],
  'quality.items': () => noInput,
  'quality.saveItem': () => [
    ['unknown kind', { code: 'abc', nameZh: 'x', nameEn: 'x', kind: 'colour' }],
    ['code with spaces', { code: 'a b', nameZh: 'x', nameEn: 'x', kind: 'passFail' }],
    ['min a string', { code: 'abc', nameZh: 'x', nameEn: 'x', kind: 'humidity', min: '10', max: 20 }],
  ],
  'quality.day': () => [['not a date', { date: '2026-02-30x' }]],
  'quality.saveRecord': () => [
    ['no values', { zoneId: 1, date: '2026-11-02', values: [] }],
    ['value NaN', { zoneId: 1, date: '2026-11-02', values: [{ itemId: 1, value: Number.NaN }] }],
    ['passed a string', { zoneId: 1, date: '2026-11-02', values: [{ itemId: 3, passed: 'yes' }] }],
    [
      'action without owner',
      {
        zoneId: 1,
        date: '2026-11-02',
        values: [{ itemId: 3, passed: false }],
        actions: [{ itemId: 3, description: 'x', dueDate: '2026-11-03' }],
      },
    ],
    ...badIds('zoneId', { date: '2026-11-02', values: [{ itemId: 1, value: 20 }] }),
  ],
  'quality.actions': () => [['unknown state', { state: 'lost' }]],
  'quality.completeAction': () => [['empty note', { actionId: 1, note: ' ' }], ...badIds('actionId', { note: 'x' })],
  'quality.reassignAction': () => [['not a date', { actionId: 1, ownerId: 1, dueDate: 'tomorrow' }]],
  'quality.missedDays': () => [['not a date', { from: '2026-11', to: '2026-11-07' }]],
  'quality.summary': () => [['month 13', { month: '2026-13' }]],
  'edr.week': () => [
    ['week 54', { week: '2026-W54' }],
    ['a date', { week: '2026-11-02' }],
  ],
  'edr.recordExport': () => [
    ['unknown format', { week: '2026-W45', format: 'pdf' }],
    ['draft a string', { week: '2026-W45', format: 'csv', draft: 'yes' }],
  ],
  'edr.log': () => noInput,
  'edr.codes': () => noInput,
  'edr.setCode': () => [
    ['code with spaces', { productId: 1, principalCode: 'a b' }],
    ['code too long', { productId: 1, principalCode: 'x'.repeat(41) }],
    ...badIds('productId', { principalCode: 'PX-1' }),
  ],
  'edr.folder': () => noInput,
  'edr.setFolder': () => [
    ['folder a number', { folder: 7 }],
    ['folder empty', { folder: '  ' }],
    ['folder too long', { folder: `/${'x'.repeat(1000)}` }],
  ],
  'edr.writeToFolder': () => [
    ['a date for the week', { week: '2026-11-02' }],
    ['draft a string', { week: '2026-W45', draft: 'yes' }],
    ['folder empty', { week: '2026-W45', folder: '' }],
  ],
  'reports.stockAnalysis': () => [
    ['not a date', { date: '2026-02-30x' }],
    ['zero weeks', { weeks: 0 }],
    ['weeks as text', { weeks: '8' }],
    ['fraction top', { top: 2.5 }],
    ['warehouse not an id', { warehouseId: 'main' }],
    ['unexpected field', { week: '2026-W48' }],
  ],
  'complaints.attach': () => [
    ['not base64', { complaintId: 1, fileName: 'a.png', dataBase64: '<script>' }],
    ['missing name', { complaintId: 1, dataBase64: 'AAAA' }],
    ['far too large', { complaintId: 1, fileName: 'a.png', dataBase64: 'A'.repeat(7_200_000) }],
  ],
  'complaints.attachment': () => badIds('attachmentId'),
  'quality.owners': () => noInput,
  'kpi.scorecard': () => [
    ['no week', {}],
    ['a month, not a week', { week: '2026-11' }],
    ['week 54', { week: '2026-W54' }],
  ],
  'analyses.customerValue': () => [
    ['no period', {}],
    ['not a date', { from: '2026-02-30x', to: '2026-03-01' }],
    ['to as a number', { from: '2026-01-01', to: 20260131 }],
    ['share of 100', { from: '2026-01-01', to: '2026-01-31', aSharePct: 100 }],
    ['fraction share', { from: '2026-01-01', to: '2026-01-31', bSharePct: 95.5 }],
    ['unexpected field', { from: '2026-01-01', to: '2026-01-31', week: '2026-W05' }],
  ],
  'surveys.list': () => noInput,
  'surveys.get': () => badIds('surveyId'),
  'surveys.save': () => [
    ['no questions', { name: 'S', questions: [] }],
    ['empty name', { name: ' ', questions: [{ kind: 'score', textZh: 'a', textEn: 'a' }] }],
    ['scale of 1', { name: 'S', questions: [{ kind: 'score', textZh: 'a', textEn: 'a', scaleMax: 1 }] }],
    ['scale of 11', { name: 'S', questions: [{ kind: 'score', textZh: 'a', textEn: 'a', scaleMax: 11 }] }],
    ['unknown kind', { name: 'S', questions: [{ kind: 'stars', textZh: 'a', textEn: 'a' }] }],
    ['21 questions', { name: 'S', questions: Array(21).fill({ kind: 'text', textZh: 'a', textEn: 'a' }) }],
  ],
  'surveys.setState': () => [
    ['back to draft', { surveyId: 1, state: 'draft' }],
    ...badIds('surveyId', { state: 'open' }),
  ],
  'surveys.onCalls': () => noInput,
  'surveys.answer': () => [
    ['no answers', { surveyId: 1, customerId: 1, date: '2026-11-02', answers: [] }],
    ['score as text', { surveyId: 1, customerId: 1, date: '2026-11-02', answers: [{ questionId: 1, score: '5' }] }],
    ['fraction score', { surveyId: 1, customerId: 1, date: '2026-11-02', answers: [{ questionId: 1, score: 4.5 }] }],
    ['not a date', { surveyId: 1, customerId: 1, date: '2026-02-30x', answers: [{ questionId: 1, score: 4 }] }],
    ...badIds('customerId', { surveyId: 1, date: '2026-11-02', answers: [{ questionId: 1, score: 4 }] }),
  ],
  'surveys.responses': () => [['not a date', { surveyId: 1, from: '2026-11', to: '2026-11-30' }]],
  'surveys.results': () => [
    ['unknown grouping', { surveyId: 1, from: '2026-11-01', to: '2026-11-30', by: 'planet' }],
    ['no grouping', { surveyId: 1, from: '2026-11-01', to: '2026-11-30' }],
  ],
};
