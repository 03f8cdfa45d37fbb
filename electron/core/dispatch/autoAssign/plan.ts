// Automatic assignment 自动排车 (issue 12 §3): a pure function from the pool
// and the available vehicles/trips to a plan. No database, no clock: the
// services read the board, call `planAssignment`, and apply its result.
//
// The algorithm — first-fit-decreasing over route groups, then a repair pass:
//
//  1. Emergency orders 紧急 first, one by one (by route, then stop), first-fit
//     over the bins in departure order (existing trips by departure time and
//     run, then new trips). Every emergency order therefore sits on the
//     earliest trip that had room for it among the emergency load alone.
//  2. The rest of the pool in route groups (area + route), largest first
//     (by the larger of its share of the fleet's cases and of its kg). A group
//     goes whole to the bin that already holds its emergency orders when it
//     fits there, else to the bin in use (loaded, or an existing trip) it
//     fills best (best fit), else to the largest unused bin that takes it.
//     A route's stops thus stay on one vehicle wherever one vehicle can
//     carry them.
//  3. A route that fits no single bin is split, the only time a route is split:
//     its customers in stop order are poured into bins (the group's emergency
//     bin, then used bins with room, then the largest unused), a customer's
//     orders kept together; a customer too large for any bin is split by
//     order. Splits are counted (`routesSplit`).
//  4. Repair pass: every order still unplaced (largest first) is tried in
//     every bin (first fit). What is left cannot fit anywhere: each gets a
//     reason — no vehicle large enough for it even empty, or the fleet is full.
//  5. Stops within a bin: nearest neighbour from the depot when the depot and
//     every customer of the bin have coordinates, else route then the
//     customer's stop on it (customers.stop_seq), then customer id.
//
// Why written here rather than a library: the npm bin-packing packages
// (bin-packing, binpackingjs, …) pack rectangles/1-D items into identical
// bins, are mostly unmaintained, and know nothing of two capacities at once,
// heterogeneous vehicles, groups to keep together or emergency-first. FFD on
// groups with a repair pass is a few dozen lines, runs in O(groups × bins +
// orders), and is within one or two vehicles of the lower bound on the
// demo's shape (see the auto-assign bench).
//
// Never splits an order; never exceeds a bin's capacity in cases or grams.

export type PlanOrder = {
  id: number;
  customerId: number;
  area: string;
  route: string;
  routeSeq: number | null;
  emergency: boolean;
  loadCases: number;
  weightG: number;
  lat?: number | null;
  lng?: number | null;
};

/** A place orders can go: an existing planned trip, or a new trip for a vehicle. */
export type PlanBin = {
  /** 'trip:<id>' or 'vehicle:<id>'. */
  key: string;
  tripId: number | null;
  vehicleId: number;
  capacityCases: number;
  capacityG: number;
  /** What the trip already carries. */
  loadedCases: number;
  loadedG: number;
};

export type UnassignedReason = 'noVehicleLargeEnough' | 'fleetFull';

export type PlannedStop = { customerId: number; orderIds: number[] };

export type PlannedBin = {
  key: string;
  tripId: number | null;
  vehicleId: number;
  /** Stops in driving order (the customers this plan adds to the bin). */
  stops: PlannedStop[];
  orderIds: number[];
  /** Totals including what the trip already carried. */
  loadCases: number;
  weightG: number;
  capacityCases: number;
  capacityG: number;
};

export type PlanQuality = {
  /** The fewest vehicles able to carry the load: see `vehiclesLowerBound`. */
  lowerBound: number;
  vehiclesUsed: number;
  overBound: number;
  /** Per used vehicle, the larger of its case and weight fill, in percent: mean and max. */
  meanFillPct: number;
  maxFillPct: number;
  /** Routes whose orders of this plan went on more than one vehicle. */
  routesSplit: number;
  assigned: number;
  unassigned: number;
};

export type Plan = {
  /** Every bin given, in departure order; those without new orders included. */
  bins: PlannedBin[];
  unassigned: { orderId: number; reason: UnassignedReason }[];
  quality: PlanQuality;
};

export type PlanInput = {
  orders: PlanOrder[];
  /** In departure order: the earliest trip first. */
  bins: PlanBin[];
  depot?: { lat: number; lng: number } | null;
};

type Bin = PlanBin & { index: number; cases: number; grams: number; orders: PlanOrder[] };

const routeKey = (o: PlanOrder) => `${o.area}\u0000${o.route}`;
const fits = (b: Bin, cases: number, grams: number) =>
  b.cases + cases <= b.capacityCases && b.grams + grams <= b.capacityG;
const sum = (os: PlanOrder[]) => ({
  cases: os.reduce((s, o) => s + o.loadCases, 0),
  grams: os.reduce((s, o) => s + o.weightG, 0),
});

/**
 * The lower bound on vehicles: the larger of the fewest vehicles, largest in
 * cases first, whose summed case capacities cover all the cases, and the
 * fewest, largest in kg first, whose kg capacities cover all the weight (no
 * set of k vehicles holds more than the k largest). The load is the orders
 * planned plus what the trips already carry; when the fleet cannot carry it
 * all, the whole fleet.
 */
export function vehiclesLowerBound(bins: PlanBin[], totalCases: number, totalG: number): number {
  const need = (caps: number[], total: number) => {
    if (total <= 0) return 0;
    const sorted = [...caps].sort((a, b) => b - a);
    let acc = 0;
    for (let i = 0; i < sorted.length; i++) {
      acc += sorted[i]!;
      if (acc >= total) return i + 1;
    }
    return sorted.length;
  };
  return Math.max(
    need(
      bins.map((b) => b.capacityCases),
      totalCases,
    ),
    need(
      bins.map((b) => b.capacityG),
      totalG,
    ),
  );
}

export function planAssignment(input: PlanInput): Plan {
  const bins: Bin[] = input.bins.map((b, index) => ({
    ...b,
    index,
    cases: b.loadedCases,
    grams: b.loadedG,
    orders: [],
  }));
  const loaded = (b: Bin) => b.orders.length > 0 || b.loadedCases > 0 || b.loadedG > 0;
  /** In use: loaded, or an existing trip (existing planned trips are filled before new ones are opened). */
  const used = (b: Bin) => b.tripId !== null || loaded(b);
  const fleetCases = bins.reduce((s, b) => s + b.capacityCases, 0) || 1;
  const fleetG = bins.reduce((s, b) => s + b.capacityG, 0) || 1;
  const size = (cases: number, grams: number) => Math.max(cases / fleetCases, grams / fleetG);
  const put = (b: Bin, os: PlanOrder[]) => {
    for (const o of os) {
      b.orders.push(o);
      b.cases += o.loadCases;
      b.grams += o.weightG;
    }
  };
  const placed = new Set<number>();
  const place = (b: Bin, os: PlanOrder[]) => {
    put(b, os);
    for (const o of os) placed.add(o.id);
  };
  const byStop = (a: PlanOrder, b: PlanOrder) =>
    (a.routeSeq ?? Number.MAX_SAFE_INTEGER) - (b.routeSeq ?? Number.MAX_SAFE_INTEGER) ||
    a.customerId - b.customerId ||
    a.id - b.id;

  // 1. Emergency orders: first fit in departure order.
  const emergencyBin = new Map<string, Bin>();
  const emergencies = input.orders
    .filter((o) => o.emergency)
    .sort((a, b) => (routeKey(a) < routeKey(b) ? -1 : routeKey(a) > routeKey(b) ? 1 : byStop(a, b)));
  for (const o of emergencies) {
    const b = bins.find((x) => fits(x, o.loadCases, o.weightG));
    if (!b) continue;
    place(b, [o]);
    if (!emergencyBin.has(routeKey(o))) emergencyBin.set(routeKey(o), b);
  }

  // 2. The rest by route group, largest first.
  const groups = new Map<string, PlanOrder[]>();
  for (const o of input.orders) {
    if (o.emergency) continue;
    const k = routeKey(o);
    const g = groups.get(k);
    if (g) g.push(o);
    else groups.set(k, [o]);
  }
  const sized = [...groups.entries()].map(([key, orders]) => {
    const t = sum(orders);
    return { key, orders: orders.sort(byStop), ...t, size: size(t.cases, t.grams) };
  });
  sized.sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : 1));

  /** Best fit among used bins, else the largest unused bin that takes it. */
  const chooseBin = (cases: number, grams: number, prefer?: Bin): Bin | undefined => {
    if (prefer && fits(prefer, cases, grams)) return prefer;
    let best: Bin | undefined;
    let bestSlack = Infinity;
    for (const b of bins) {
      if (!used(b) || !fits(b, cases, grams)) continue;
      const slack = Math.max(
        (b.capacityCases - b.cases - cases) / b.capacityCases,
        (b.capacityG - b.grams - grams) / b.capacityG,
      );
      if (slack < bestSlack) {
        bestSlack = slack;
        best = b;
      }
    }
    if (best) return best;
    let largest: Bin | undefined;
    for (const b of bins) {
      if (used(b) || !fits(b, cases, grams)) continue;
      if (!largest || size(b.capacityCases, b.capacityG) > size(largest.capacityCases, largest.capacityG)) largest = b;
    }
    return largest;
  };

  for (const g of sized) {
    const prefer = emergencyBin.get(g.key);
    const whole = chooseBin(g.cases, g.grams, prefer);
    if (whole) {
      place(whole, g.orders);
      continue;
    }
    // 3. Split the route: customers in stop order, each kept whole where it fits.
    const customers: PlanOrder[][] = [];
    for (const o of g.orders) {
      const last = customers[customers.length - 1];
      if (last && last[0]!.customerId === o.customerId) last.push(o);
      else customers.push([o]);
    }
    let current: Bin | undefined = prefer;
    for (const c of customers) {
      const t = sum(c);
      if (current && fits(current, t.cases, t.grams)) {
        place(current, c);
        continue;
      }
      const b = chooseBin(t.cases, t.grams);
      if (b) {
        current = b;
        place(b, c);
        continue;
      }
      for (const o of c) {
        const ob = current && fits(current, o.loadCases, o.weightG) ? current : chooseBin(o.loadCases, o.weightG);
        if (ob) place(ob, [o]);
      }
    }
  }

  // 4. Repair pass: whatever is left, largest first, wherever it fits.
  const left = input.orders
    .filter((o) => !placed.has(o.id))
    .sort((a, b) => size(b.loadCases, b.weightG) - size(a.loadCases, a.weightG) || a.id - b.id);
  const unassigned: Plan['unassigned'] = [];
  for (const o of left) {
    const b = bins.find((x) => fits(x, o.loadCases, o.weightG));
    if (b) {
      place(b, [o]);
      continue;
    }
    const anyLarge = bins.some(
      (x) => x.loadedCases + o.loadCases <= x.capacityCases && x.loadedG + o.weightG <= x.capacityG,
    );
    unassigned.push({ orderId: o.id, reason: anyLarge ? 'fleetFull' : 'noVehicleLargeEnough' });
  }

  // 5. Stops and quality.
  const routeBins = new Map<string, Set<number>>();
  for (const b of bins)
    for (const o of b.orders) {
      const k = routeKey(o);
      const s = routeBins.get(k) ?? new Set<number>();
      s.add(b.index);
      routeBins.set(k, s);
    }
  const planned: PlannedBin[] = bins.map((b) => ({
    key: b.key,
    tripId: b.tripId,
    vehicleId: b.vehicleId,
    stops: orderStops(b.orders, input.depot ?? null),
    orderIds: b.orders.map((o) => o.id),
    loadCases: b.cases,
    weightG: b.grams,
    capacityCases: b.capacityCases,
    capacityG: b.capacityG,
  }));
  const usedBins = bins.filter(loaded);
  const fills = usedBins.map((b) => 100 * Math.max(b.cases / b.capacityCases, b.grams / b.capacityG));
  const totals = sum(input.orders);
  const lowerBound = vehiclesLowerBound(
    input.bins,
    totals.cases + bins.reduce((s, b) => s + b.loadedCases, 0),
    totals.grams + bins.reduce((s, b) => s + b.loadedG, 0),
  );
  return {
    bins: planned,
    unassigned,
    quality: {
      lowerBound,
      vehiclesUsed: usedBins.length,
      overBound: usedBins.length - lowerBound,
      meanFillPct: fills.length ? fills.reduce((s, f) => s + f, 0) / fills.length : 0,
      maxFillPct: fills.length ? Math.max(...fills) : 0,
      routesSplit: [...routeBins.values()].filter((s) => s.size > 1).length,
      assigned: placed.size,
      unassigned: unassigned.length,
    },
  };
}

/** A bin's orders as stops (one per customer) in driving order. */
export function orderStops(orders: PlanOrder[], depot: { lat: number; lng: number } | null): PlannedStop[] {
  const byCustomer = new Map<number, PlanOrder[]>();
  for (const o of orders) {
    const c = byCustomer.get(o.customerId);
    if (c) c.push(o);
    else byCustomer.set(o.customerId, [o]);
  }
  const stops = [...byCustomer.values()].map((os) => ({
    first: os[0]!,
    orderIds: os.map((o) => o.id).sort((a, b) => a - b),
  }));
  const located = depot && stops.every((s) => s.first.lat != null && s.first.lng != null);
  if (located) {
    // Nearest neighbour from the depot (equirectangular distance: a city's scale).
    const rest = [...stops];
    const out: typeof stops = [];
    let at = depot;
    while (rest.length > 0) {
      let bi = 0;
      let bd = Infinity;
      for (let i = 0; i < rest.length; i++) {
        const s = rest[i]!.first;
        const dx = (s.lng! - at.lng) * Math.cos((((s.lat! + at.lat) / 2) * Math.PI) / 180);
        const dy = s.lat! - at.lat;
        const d = dx * dx + dy * dy;
        if (d < bd || (d === bd && s.customerId < rest[bi]!.first.customerId)) {
          bd = d;
          bi = i;
        }
      }
      const [next] = rest.splice(bi, 1);
      out.push(next!);
      at = { lat: next!.first.lat!, lng: next!.first.lng! };
    }
    return out.map((s) => ({ customerId: s.first.customerId, orderIds: s.orderIds }));
  }
  stops.sort(
    (a, b) =>
      (routeKey(a.first) < routeKey(b.first) ? -1 : routeKey(a.first) > routeKey(b.first) ? 1 : 0) ||
      (a.first.routeSeq ?? Number.MAX_SAFE_INTEGER) - (b.first.routeSeq ?? Number.MAX_SAFE_INTEGER) ||
      a.first.customerId - b.first.customerId,
  );
  return stops.map((s) => ({ customerId: s.first.customerId, orderIds: s.orderIds }));
}
