// Automatic assignment 自动排车 (issue 12 §3): a pure function from the pool
// and the available vehicles/trips to a plan. No database, no clock: the
// services read the board, call `planAssignment`, and apply its result.
//
// The problem is two-dimensional bin packing (cases and kg) on vehicles of
// different sizes, with route affinity (a route's stops on one vehicle where
// it fits), whole customer stops, whole orders and emergency orders first.
// The planner builds two kinds of plan and keeps the best — fewest orders
// left, then fewest vehicles, then fewest routes split — so it is never worse
// in vehicles than packing whole routes, and it carries that route-first
// plan's vehicles and routes split beside its own (`quality.routeFirst`), so
// the dispatcher sees what mixing routes saved.
//
// A. Route-first (three orderings of "largest": mix, cases, kg):
//  1. Emergency orders 紧急 first, one by one (by route, then stop), each in
//     the earliest departure tier (existing trips by departure time and run;
//     new trips, without a time, leave with the first runs) that has room for
//     it. Within a tier every bin leaves as early, so it takes the bin its
//     route's emergencies went to, else one that can carry the rest of its
//     route. Every emergency order therefore sits on the earliest trips that
//     had room for it among the emergency load alone.
//  2. The rest of the pool in route groups (area + route), largest first.
//     A group goes whole to the bin that already holds its emergency orders
//     when it fits there, else to the bin in use (loaded, or an existing
//     trip) it fills best (best fit), else to the largest unused bin that
//     takes it — largest for the day's mix of cases and kg (the smaller of
//     its share of the day's cases and of its kg), so the vehicles opened are
//     those that carry most of this day. A route's stops thus stay on one
//     vehicle wherever one vehicle can carry them.
//  3. A route that fits no single bin is split: its customers in stop order
//     are poured into bins (the group's emergency bin, then used bins with
//     room, then the largest unused), a customer's orders kept together; a
//     customer too large for any bin is split by order. Splits are counted
//     (`routesSplit`).
//
// B. Density-aware (why: on a real day routes differ widely in kg per case —
//    a route with a customer taking 200 cases of oil fills a van on weight at
//    a third of its cases, a route of snacks fills one on cases at 60 % of
//    its kg; packing whole routes then leaves every van full on ONE dimension
//    and empty on the other. Reaching the both-dimensions bound means mixing
//    heavy and light stops in one van, which splits routes):
//  1. Emergency orders as in A when the bins leave in more than one tier;
//     when all leave together they travel with their customers' stops (and
//     the plan is kept only if it places every one of them).
//  2. Vans one by one, those in use first, then the largest for the day's mix.
//     Each van is seeded with the heaviest stop left (kg per case above the
//     fleet's) that fits, then poured stop by stop (whole customer stops):
//     the stop that keeps the van nearest the mix the rest of the load needs
//     of the vans left (kg fill against case fill, each over that need), a
//     stop of a route already in the van counting as slightly nearer
//     (`routeAffinity`), so routes stay together where the mix allows. This
//     is a first-fit-decreasing on the larger dimension (the seed) followed
//     by a balance-greedy fill: simple, explainable, O(stops²) at worst.
//  3. Local improvement (after the consolidation below): the least-filled new trips are emptied, all their
//     stops or none, by moving each stop to another trip with room (its own
//     route's first), or by swapping it for a stop of another trip that then
//     fits in a third. Bounded rounds and candidates: the same input gives the
//     same plan, and the whole planner stays well under the 1 s budget.
//
// Both kinds then:
//  4. Consolidation: while the stops of the least-filled new trip all fit in
//     the other trips' free room (onto a trip of the same route first, then
//     of the same area, tightest fit), they move and a vehicle is saved. This
//     is the other case where a route is split: when keeping it whole would
//     cost a vehicle.
//  5. Repair pass: every order still unplaced (emergency orders first, then
//     largest first) is tried in every bin (first fit). What is left cannot
//     fit anywhere: each gets a reason — no vehicle large enough for it even
//     empty, or the fleet is full.
//  6. Stops within a bin: nearest neighbour from the depot when the depot and
//     every customer of the bin have coordinates, else route then the
//     customer's stop on it (customers.stop_seq), then customer id.
//
// The lower bound (`vehiclesLowerBound`, issue 12) assumes every van carries
// the day's average mix; whole orders and stops of very different density
// cannot all be mixed that finely, so on a day with a few very heavy orders
// no plan reaches it (on the demo day, a mixed-integer estimate that keeps
// only the stops of 100+ cases whole, the rest divisible, already needs 28
// vehicles where the bound says 23).
//
// Why written here rather than a library: the npm bin-packing packages
// (bin-packing, binpackingjs, …) pack rectangles/1-D items into identical
// bins, are mostly unmaintained, and know nothing of two capacities at once,
// heterogeneous vehicles, groups to keep together or emergency-first. These
// greedy passes are a few hundred lines and run in about 0.1–0.2 s for the
// demo day's 5,300 orders on 30 vehicles (see the auto-assign bench, which
// also prints the plan's quality beside the lower bound).
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
  /**
   * Departure rank: a lower tier leaves earlier; bins of one tier leave
   * together (new trips without a departure time share one).
   */
  tier: number;
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
  /**
   * The best plan that packs whole route groups (no density pairing): its
   * vehicles and routes split, so the dispatcher sees what mixing routes saved.
   */
  routeFirst: { vehiclesUsed: number; routesSplit: number };
};

export type Plan = {
  /** Every bin given, in departure order; those without new orders included. */
  bins: PlannedBin[];
  unassigned: { orderId: number; reason: UnassignedReason }[];
  quality: PlanQuality;
};

export type PlanInput = {
  orders: PlanOrder[];
  /** Where orders can go (ties in choice go to the first). */
  bins: PlanBin[];
  depot?: { lat: number; lng: number } | null;
};

type Bin = PlanBin & { index: number; cases: number; grams: number; orders: PlanOrder[] };

/** An order's route (area + route), computed once per order: the passes ask for it often. */
const routeKeys = new WeakMap<PlanOrder, string>();
const routeKey = (o: PlanOrder) => {
  let k = routeKeys.get(o);
  if (k === undefined) {
    k = `${o.area}\u0000${o.route}`;
    routeKeys.set(o, k);
  }
  return k;
};
const fits = (b: Bin, cases: number, grams: number) =>
  b.cases + cases <= b.capacityCases && b.grams + grams <= b.capacityG;
const sum = (os: PlanOrder[]) => ({
  cases: os.reduce((s, o) => s + o.loadCases, 0),
  grams: os.reduce((s, o) => s + o.weightG, 0),
});

/**
 * The per-dimension bound (provable): the larger of the fewest vehicles,
 * largest in cases first, whose case capacities cover all the cases, and the
 * fewest, largest in kg first, whose kg capacities cover all the weight (no k
 * vehicles hold more than the k largest).
 */
export function perDimensionLowerBound(bins: PlanBin[], totalCases: number, totalG: number): number {
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

/**
 * The lower bound on vehicles (the quality figure, issue 12): the fewest
 * vehicles, largest first, whose summed capacities cover both totals — cases
 * and kg together, by one order: "largest" for this load's mix (the smaller
 * of a vehicle's share of the cases and of the kg), the order the planner
 * opens vehicles in. Never below the per-dimension bound. With vehicles whose
 * case and kg capacities do not go together (600 cases but 2 t), this is the
 * bound a dispatcher recognises; the per-dimension one ignores that a vehicle
 * full in kg carries no more cases. The load is the orders planned plus what
 * the trips already carry; when the fleet cannot carry it all, the whole fleet.
 */
export function vehiclesLowerBound(bins: PlanBin[], totalCases: number, totalG: number): number {
  const strict = perDimensionLowerBound(bins, totalCases, totalG);
  if (totalCases <= 0 && totalG <= 0) return strict;
  const carries = (b: PlanBin) =>
    Math.min(totalCases > 0 ? b.capacityCases / totalCases : Infinity, totalG > 0 ? b.capacityG / totalG : Infinity);
  const sorted = [...bins].sort((a, b) => carries(b) - carries(a));
  let cases = 0;
  let grams = 0;
  for (let i = 0; i < sorted.length; i++) {
    cases += sorted[i]!.capacityCases;
    grams += sorted[i]!.capacityG;
    if (cases >= totalCases && grams >= totalG) return Math.max(strict, i + 1);
  }
  return sorted.length;
}

/** Orders in which route groups are packed, largest first: the planner tries each and keeps the best plan. */
const groupOrders = ['mix', 'cases', 'kg', 'density'] as const;
/** How much nearer the day's mix a stop of a route already in the van counts (fill fraction). */
const routeAffinity = 0.05;
/** The local improvement's bounds: rounds (a vehicle saved each) and trips tried per round. */
const improveRounds = 5;
const improveCandidates = 4;
type GroupOrder = (typeof groupOrders)[number];

export function planAssignment(input: PlanInput): Plan {
  const better = (p: Plan, than: Plan | null) => {
    if (!than) return true;
    const q = p.quality;
    const t = than.quality;
    return (
      q.unassigned < t.unassigned ||
      (q.unassigned === t.unassigned &&
        (q.vehiclesUsed < t.vehiclesUsed || (q.vehiclesUsed === t.vehiclesUsed && q.routesSplit < t.routesSplit)))
    );
  };
  let routeFirst: Plan | null = null;
  for (const order of groupOrders) {
    if (order === 'density') continue;
    const plan = attempt(input, order);
    if (better(plan, routeFirst)) routeFirst = plan;
  }
  const alternative = { vehiclesUsed: routeFirst!.quality.vehiclesUsed, routesSplit: routeFirst!.quality.routesSplit };
  // Nothing to save when the route-first plan places every order on as few
  // vehicles as the lower bound.
  const rf = routeFirst!.quality;
  if (rf.unassigned === 0 && rf.vehiclesUsed <= rf.lowerBound)
    return { ...routeFirst!, quality: { ...rf, routeFirst: alternative } };
  // The density attempt packs emergency orders with their stops when every van
  // leaves at once: it is kept only when it left none of them in the pool.
  const density = attempt(input, 'density');
  const urgent = new Set(input.orders.filter((o) => o.emergency).map((o) => o.id));
  const best =
    !density.unassigned.some((u) => urgent.has(u.orderId)) && better(density, routeFirst) ? density : routeFirst!;
  return { ...best, quality: { ...best.quality, routeFirst: alternative } };
}

function attempt(input: PlanInput, groupOrder: GroupOrder): Plan {
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
  // How much of the day's load mix a vehicle carries: a vehicle large in cases
  // but light in kg carries little of a heavy day. "Largest" means this.
  const day = sum(input.orders);
  const carries = (b: Bin) =>
    Math.min(
      day.cases > 0 ? b.capacityCases / day.cases : Infinity,
      day.grams > 0 ? b.capacityG / day.grams : Infinity,
    );
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

  /** The density attempt's order of vans: those in use first, then the largest for the day's mix. */
  const fillOrder = [...bins].sort(
    (a, b) => Number(used(b)) - Number(used(a)) || (used(a) ? 0 : carries(b) - carries(a)) || a.index - b.index,
  );

  // 1. Emergency orders: each in the earliest departure tier with room for it;
  //    within the tier, the bin its route's emergencies already went to, else a
  //    bin no other route claimed that can take the rest of its route (the
  //    tightest), else the roomiest — so the route can follow it there. The
  //    density attempt instead takes the first van of its fill order with
  //    room, so the urgent load opens no more vans than it needs.
  const emergencyBin = new Map<string, Bin>();
  const claimed = new Set<Bin>();
  const routeLeft = new Map<string, { cases: number; grams: number }>();
  for (const o of input.orders) {
    const k = routeKey(o);
    const r = routeLeft.get(k) ?? { cases: 0, grams: 0 };
    r.cases += o.loadCases;
    r.grams += o.weightG;
    routeLeft.set(k, r);
  }
  const tiers = [...new Set(bins.map((b) => b.tier))].sort((a, b) => a - b);
  const free = (b: Bin) =>
    Math.min((b.capacityCases - b.cases) / b.capacityCases, (b.capacityG - b.grams) / b.capacityG);
  const emergencies = input.orders
    .filter((o) => o.emergency)
    .sort((a, b) => (routeKey(a) < routeKey(b) ? -1 : routeKey(a) > routeKey(b) ? 1 : byStop(a, b)));
  // With one departure tier every van leaves as early: the density attempt then
  // packs emergency orders with their customers' stops.
  const urgentFirst = groupOrder !== 'density' || tiers.length > 1;
  for (const o of urgentFirst ? emergencies : []) {
    const k = routeKey(o);
    let chosen: Bin | undefined;
    for (const tier of tiers) {
      const room = bins.filter((b) => b.tier === tier && fits(b, o.loadCases, o.weightG));
      if (room.length === 0) continue;
      const prev = emergencyBin.get(k);
      const left = routeLeft.get(k)!;
      const whole = room
        .filter((b) => !claimed.has(b) && fits(b, left.cases, left.grams))
        .sort((a, b) => free(a) - free(b));
      chosen =
        (prev && room.includes(prev) ? prev : undefined) ??
        (groupOrder === 'density'
          ? fillOrder.find((b) => room.includes(b))
          : (whole[0] ?? [...room].sort((a, b) => free(b) - free(a) || a.index - b.index)[0]));
      break;
    }
    if (!chosen) continue;
    place(chosen, [o]);
    const left = routeLeft.get(k)!;
    left.cases -= o.loadCases;
    left.grams -= o.weightG;
    claimed.add(chosen);
    if (!emergencyBin.has(k)) emergencyBin.set(k, chosen);
  }

  // 2. The rest by route group, largest first.
  const groups = new Map<string, PlanOrder[]>();
  for (const o of input.orders) {
    if (o.emergency && urgentFirst) continue;
    const k = routeKey(o);
    const g = groups.get(k);
    if (g) g.push(o);
    else groups.set(k, [o]);
  }
  const sized = [...groups.entries()].map(([key, orders]) => {
    const t = sum(orders);
    const by =
      groupOrder === 'cases' ? t.cases / fleetCases : groupOrder === 'kg' ? t.grams / fleetG : size(t.cases, t.grams);
    return { key, orders: orders.sort(byStop), ...t, size: by };
  });
  sized.sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : 1));

  /** Best fit among used bins, else the largest unused bin (for the day's load mix) that takes it. */
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
      if (!largest || carries(b) > carries(largest)) largest = b;
    }
    return largest;
  };

  /**
   * B2. Density-aware fill (the 'density' attempt; see the top of the file):
   *     vans one by one in fill order, each seeded with the heaviest stop
   *     (kg per case above the fleet's) that fits, then poured stop by stop:
   *     the stop that keeps the van nearest the day's mix (its kg fill over
   *     the kg the rest of the load needs of the vans left, against the same
   *     for cases), a stop of a route already in the van counting as a
   *     little nearer, so routes stay together where the mix allows.
   */
  function densityFill() {
    type Stop = { orders: PlanOrder[]; cases: number; grams: number; route: string; done: boolean };
    const stops: Stop[] = [];
    for (const g of sized)
      for (const o of g.orders) {
        const last = stops[stops.length - 1];
        if (last && last.route === g.key && last.orders[0]!.customerId === o.customerId) {
          last.orders.push(o);
          last.cases += o.loadCases;
          last.grams += o.weightG;
        } else stops.push({ orders: [o], cases: o.loadCases, grams: o.weightG, route: g.key, done: false });
      }
    const perCase = fleetG / fleetCases;
    const seeds = stops
      .filter((st) => st.grams > perCase * st.cases)
      .sort((x, y) => y.grams - x.grams || x.cases - y.cases);
    let leftCases = stops.reduce((t, st) => t + st.cases, 0);
    let leftG = stops.reduce((t, st) => t + st.grams, 0);
    let left = stops.length;
    let restCases = bins.reduce((t, x) => t + x.capacityCases - x.cases, 0);
    let restG = bins.reduce((t, x) => t + x.capacityG - x.grams, 0);
    for (const b of fillOrder) {
      if (left === 0) break;
      // What the rest of the load needs of the vans left, per dimension: this van aims at that mix.
      const needC = Math.min(1, leftCases / Math.max(1, restCases));
      const needG = Math.min(1, leftG / Math.max(1, restG));
      const top = Math.max(needC, needG) || 1;
      const tc = needC / top || 1e-9;
      const tg = needG / top || 1e-9;
      restCases -= b.capacityCases - b.cases;
      restG -= b.capacityG - b.grams;
      const mine = new Set<string>(b.orders.map(routeKey));
      const take = (st: Stop) => {
        place(b, st.orders);
        st.done = true;
        left--;
        leftCases -= st.cases;
        leftG -= st.grams;
        mine.add(st.route);
      };
      if (b.grams / b.capacityG <= b.cases / b.capacityCases) {
        const seed = seeds.find((st) => !st.done && fits(b, st.cases, st.grams));
        if (seed) take(seed);
      }
      for (;;) {
        const fc = b.cases / b.capacityCases;
        const fg = b.grams / b.capacityG;
        let chosen: Stop | undefined;
        let best = Infinity;
        for (const st of stops) {
          if (st.done || !fits(b, st.cases, st.grams)) continue;
          const score =
            Math.abs((fg + st.grams / b.capacityG) / tg - (fc + st.cases / b.capacityCases) / tc) -
            (mine.has(st.route) ? routeAffinity : 0);
          if (score < best) {
            best = score;
            chosen = st;
          }
        }
        if (!chosen) break;
        take(chosen);
      }
    }
  }

  if (groupOrder === 'density') densityFill();
  else
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

  function improve() {
    type Stop = { bin: Bin; orders: PlanOrder[]; cases: number; grams: number; urgent: boolean };
    const stopsOf = (b: Bin): Stop[] => {
      const by = new Map<number, Stop>();
      for (const o of b.orders) {
        let st = by.get(o.customerId);
        if (!st) by.set(o.customerId, (st = { bin: b, orders: [], cases: 0, grams: 0, urgent: false }));
        st.orders.push(o);
        st.cases += o.loadCases;
        st.grams += o.weightG;
        st.urgent ||= o.emergency;
      }
      return [...by.values()].sort((x, y) => size(y.cases, y.grams) - size(x.cases, x.grams));
    };
    const fill = (b: Bin) => Math.max(b.cases / b.capacityCases, b.grams / b.capacityG);
    const canGo = (st: Stop, to: Bin) => !st.urgent || to.tier === st.bin.tier;
    const move = (st: Stop, to: Bin) => {
      const from = st.bin;
      const ids = new Set(st.orders.map((o) => o.id));
      from.orders = from.orders.filter((o) => !ids.has(o.id));
      from.cases -= st.cases;
      from.grams -= st.grams;
      put(to, st.orders);
      st.bin = to;
    };
    for (let round = 0; round < improveRounds; round++) {
      const candidates = bins
        .filter((b) => b.tripId === null && b.loadedCases === 0 && b.loadedG === 0 && b.orders.length > 0)
        .filter((b) => b.tier >= lastUrgentTier)
        .sort((a, b) => fill(a) - fill(b) || b.index - a.index)
        .slice(0, improveCandidates);
      let emptied = false;
      for (const cand of candidates) {
        const others = bins.filter((b) => b !== cand && used(b));
        const done: [Stop, Bin][] = [];
        let ok = true;
        for (const st of stopsOf(cand)) {
          const home = (b: Bin) => (b.orders.some((o) => routeKey(o) === routeKey(st.orders[0]!)) ? 0 : 1);
          const direct = others
            .filter((b) => canGo(st, b) && fits(b, st.cases, st.grams))
            .sort((a, b) => home(a) - home(b) || fill(b) - fill(a) || a.index - b.index)[0];
          if (direct) {
            done.push([st, cand]);
            move(st, direct);
            continue;
          }
          let swapped = false;
          for (const b of others) {
            if (!canGo(st, b)) continue;
            for (const t of stopsOf(b)) {
              if (b.cases - t.cases + st.cases > b.capacityCases || b.grams - t.grams + st.grams > b.capacityG)
                continue;
              const third = others.find((c) => c !== b && canGo(t, c) && fits(c, t.cases, t.grams));
              if (!third) continue;
              done.push([t, b]);
              move(t, third);
              done.push([st, cand]);
              move(st, b);
              swapped = true;
              break;
            }
            if (swapped) break;
          }
          if (!swapped) {
            ok = false;
            break;
          }
        }
        if (ok) {
          emptied = true;
          break;
        }
        for (const [st, back] of done.reverse()) move(st, back);
      }
      if (!emptied) break;
    }
  }

  // 4. Consolidation: a vehicle is saved by pouring the least-filled new
  //    trip's stops into the others' free room (a stop onto a trip of its own
  //    route first, then of its area, tightest fit), all of them or none.
  //    The one other time a route is split: when keeping it whole costs a
  //    vehicle. Emergency orders move only within their departure tier, and
  //    only trips of a tier no later emergency order depends on are emptied.
  const lastUrgentTier = Math.max(
    -Infinity,
    ...bins.filter((b) => b.orders.some((o) => o.emergency)).map((b) => b.tier),
  );
  for (;;) {
    const candidates = bins
      .filter((b) => b.tripId === null && b.loadedCases === 0 && b.loadedG === 0 && b.orders.length > 0)
      .filter((b) => b.tier >= lastUrgentTier)
      .sort((a, b) => 1 - free(a) - (1 - free(b)) || b.index - a.index);
    let emptied = false;
    const carried = new Map(
      bins.map((b) => [b, { routes: new Set(b.orders.map(routeKey)), areas: new Set(b.orders.map((o) => o.area)) }]),
    );
    for (const cand of candidates) {
      const targets = bins.filter((b) => b !== cand && used(b));
      const extra = new Map<Bin, { cases: number; grams: number; routes: Set<string>; areas: Set<string> }>(
        targets.map((b) => [
          b,
          {
            cases: b.cases,
            grams: b.grams,
            routes: new Set(carried.get(b)!.routes),
            areas: new Set(carried.get(b)!.areas),
          },
        ]),
      );
      const stops = new Map<string, PlanOrder[]>();
      for (const o of [...cand.orders].sort(byStop)) {
        const k = `${routeKey(o)}\u0000${o.customerId}\u0000${o.emergency ? 1 : 0}`;
        const st = stops.get(k);
        if (st) st.push(o);
        else stops.set(k, [o]);
      }
      const moves: [PlanOrder[], Bin][] = [];
      let ok = true;
      for (const st of stops.values()) {
        const t = sum(st);
        const first = st[0]!;
        let best: Bin | undefined;
        let bestScore = Infinity;
        for (const b of targets) {
          const e = extra.get(b)!;
          if (first.emergency && b.tier !== cand.tier) continue;
          if (e.cases + t.cases > b.capacityCases || e.grams + t.grams > b.capacityG) continue;
          const near = e.routes.has(routeKey(first)) ? 0 : e.areas.has(first.area) ? 1 : 2;
          const slack = Math.max(
            (b.capacityCases - e.cases - t.cases) / b.capacityCases,
            (b.capacityG - e.grams - t.grams) / b.capacityG,
          );
          const score = near * 10 + slack;
          if (score < bestScore) {
            bestScore = score;
            best = b;
          }
        }
        if (!best) {
          ok = false;
          break;
        }
        const e = extra.get(best)!;
        e.cases += t.cases;
        e.grams += t.grams;
        e.routes.add(routeKey(first));
        e.areas.add(first.area);
        moves.push([st, best]);
      }
      if (!ok) continue;
      cand.orders = [];
      cand.cases = 0;
      cand.grams = 0;
      for (const [st, b] of moves) put(b, st);
      emptied = true;
      break;
    }
    if (!emptied) break;
  }

  // B3. Local improvement (the density attempt): empty the least-filled new
  //     trips by moving their stops into the others, where a stop fits
  //     nowhere by swapping it for a stop of another trip that fits in a
  //     third; all of a trip's stops or none. Same tier rules as above; a
  //     bounded number of rounds, so the plan stays the same for the same input.
  if (groupOrder === 'density') improve();

  // 5. Repair pass: whatever is left — emergency orders first (room a
  //    consolidation freed is theirs before anyone's), then largest first —
  //    wherever it fits.
  const left = input.orders
    .filter((o) => !placed.has(o.id))
    .sort(
      (a, b) =>
        Number(b.emergency) - Number(a.emergency) ||
        size(b.loadCases, b.weightG) - size(a.loadCases, a.weightG) ||
        a.id - b.id,
    );
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

  // 6. Stops and quality.
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
      routeFirst: {
        vehiclesUsed: usedBins.length,
        routesSplit: [...routeBins.values()].filter((x) => x.size > 1).length,
      },
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
