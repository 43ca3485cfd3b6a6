/* route-noc: gives every tile.channel whose ends are at different places a
 * path over the mesh (and the chip link), within link capacity (the
 * driver: places, legalization of crossings, flows, link capacity, the
 * `hw.route` attributes, errors, statistics and the JSON report; the
 * routers are in route_noc_search.c). */
#include <stdio.h>
#include <string.h>

#include "route_noc.h"

static const RnPlace hostPlace = {-1, 0, 0};

static bool samePlace(RnPlace a, RnPlace b) {
  return a.chip == b.chip && a.x == b.x && a.y == b.y;
}

/* Where `op` runs: its `hw.tile` for a unit (checked against the grid),
 * the host for anything else. False after an error. */
static bool placeOf(RnState *s, const IpuOp *op, RnPlace *out) {
  *out = hostPlace;
  if (!op || !ipuPlaceIsUnitOp(op))
    return true;
  const IpuTarget *t = &s->target;
  if (!ipuOpGetAttr(op, IPU_PLACE_TILE_ATTR)) {
    ipuOpEmitError(op, "is not placed: it has no '" IPU_PLACE_TILE_ATTR
                       "' (run place first)");
    return false;
  }
  if (!ipuPlaceGetTileAttr(op, &out->chip, &out->x, &out->y) ||
      out->chip < 0 || out->chip >= t->chips || out->x < 0 ||
      out->x >= t->gridCols || out->y < 0 || out->y >= t->gridRows) {
    ipuOpEmitError(op, "has a bad '" IPU_PLACE_TILE_ATTR "': expected "
                       "array<i64: chip, x, y> inside the grid of target "
                       "'%s' (%lld chip(s) x %lld x %lld)",
                   t->name, (long long)t->chips, (long long)t->gridCols,
                   (long long)t->gridRows);
    return false;
  }
  return true;
}

static IpuOp *newChannel(RnState *s, IpuValue v, IpuLocation loc) {
  IpuOpState st;
  ipuOpStateInit(&st, s->ctx, ipuStringRefFromCString("tile.channel"), loc);
  ipuOpStateAddOperands(&st, 1, &v);
  IpuType type = ipuValueGetType(v);
  ipuOpStateAddResults(&st, 1, &type);
  return ipuOpCreate(&st);
}

/* A value used at another place than where it is made, without a channel
 * (an mvm's partial sum feeding another tile's accumulate), gets one, so
 * that every crossing is a channel with a route. */
static bool insertChannels(RnState *s, IpuBlock *body, bool strict) {
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op)) {
    if (ipuOpIsA(op, "tile.channel"))
      continue;
    RnPlace to, from;
    if (!placeOf(s, op, &to))
      return false;
    for (intptr_t k = 0; k < ipuOpGetNumOperands(op); ++k) {
      IpuValue v = ipuOpGetOperand(op, k);
      IpuOp *def = ipuValueGetDefiningOp(v);
      if (def && ipuOpIsA(def, "tile.channel"))
        continue;
      if (!placeOf(s, def, &from))
        return false;
      if (samePlace(from, to))
        continue;
      if (strict) {
        ipuOpEmitError(op, "operand #%lld crosses from %s (%lld, %lld, "
                           "%lld) without a tile.channel",
                       (long long)k, from.chip < 0 ? "the host" : "tile",
                       (long long)from.chip, (long long)from.x,
                       (long long)from.y);
        return false;
      }
      IpuOp *ch = newChannel(s, v, ipuOpGetLoc(op));
      if (!ch)
        return false;
      ipuBlockInsertOpBefore(body, op, ch);
      s->numInserted++;
      /* This op is the first user at `to` (the block is walked in order),
       * so the channel serves every user there. */
      IpuOpOperand *u = ipuValueGetFirstUse(v);
      while (u) {
        IpuOpOperand *next = ipuOpOperandGetNextUse(u);
        IpuOp *user = ipuOpOperandGetOwner(u);
        RnPlace at;
        if (user != ch && !ipuOpIsA(user, "tile.channel") &&
            ipuOpGetBlock(user) == body) {
          if (!placeOf(s, user, &at))
            return false;
          if (samePlace(at, to))
            ipuOpOperandSet(u, ipuOpGetResult(ch, 0));
        }
        u = next;
      }
    }
  }
  return true;
}

/* A channel whose users are at several places becomes one channel per
 * place (in the order of each place's first user), each a flow. */
static bool splitChannels(RnState *s, IpuBlock *body, bool strict) {
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op)) {
    if (!ipuOpIsA(op, "tile.channel"))
      continue;
    for (;;) {
      /* The first user in block order fixes the place this channel keeps;
       * users elsewhere move to a copy, which the loop over the block
       * visits next and splits further if needed. */
      IpuValue result = ipuOpGetResult(op, 0);
      IpuOp *first = NULL;
      for (IpuOpOperand *u = ipuValueGetFirstUse(result); u;
           u = ipuOpOperandGetNextUse(u)) {
        IpuOp *user = ipuOpOperandGetOwner(u);
        if (!first || (ipuOpGetBlock(user) == ipuOpGetBlock(first) &&
                       ipuOpIsBeforeInBlock(user, first)))
          first = user;
      }
      if (!first)
        break;
      RnPlace keep, other;
      if (!placeOf(s, first, &keep))
        return false;
      IpuOp *moved = NULL;
      IpuOpOperand *u = ipuValueGetFirstUse(result);
      while (u) {
        IpuOpOperand *next = ipuOpOperandGetNextUse(u);
        IpuOp *user = ipuOpOperandGetOwner(u);
        if (!placeOf(s, user, &other))
          return false;
        if (!samePlace(keep, other)) {
          if (strict) {
            IpuDiagnostic *d = ipuOpCreateError(
                op, "is used at two places, (%lld, %lld, %lld) and (%lld, "
                    "%lld, %lld) (chip, x, y; -1: the host): a channel has "
                    "one destination",
                (long long)keep.chip, (long long)keep.x, (long long)keep.y,
                (long long)other.chip, (long long)other.x,
                (long long)other.y);
            ipuDiagnosticAddNote(d, ipuOpGetLoc(first), "first user here");
            ipuDiagnosticAddNote(d, ipuOpGetLoc(user), "other user here");
            ipuDiagnosticReport(d);
            return false;
          }
          if (!moved) {
            moved = ipuOpClone(op);
            if (!moved)
              return false;
            ipuBlockInsertOpBefore(body, ipuOpGetNext(op), moved);
            s->numSplit++;
          }
          ipuOpOperandSet(u, ipuOpGetResult(moved, 0));
        }
        u = next;
      }
      break;
    }
  }
  return true;
}

static bool addFlow(RnState *s, IpuOp *channel, RnPlace src, RnPlace dst) {
  if (s->numFlows == s->capFlows) {
    int64_t cap = s->capFlows ? 2 * s->capFlows : 64;
    RnFlow *flows = ipuRealloc(s->ctx, s->flows, (size_t)cap * sizeof *flows);
    if (!flows)
      return false;
    s->flows = flows;
    s->capFlows = cap;
  }
  RnFlow *f = &s->flows[s->numFlows++];
  memset(f, 0, sizeof *f);
  f->channel = channel;
  f->src = src;
  f->dst = dst;
  f->bytes = ipuPlaceTypeBytes(ipuValueGetType(ipuOpGetResult(channel, 0)));
  if (f->bytes <= 0)
    f->bytes = 1;
  /* Mesh pieces: to the source chip's port when leaving the chip (or for
   * the host), from the destination chip's port when entering it. */
  RnPlace a = src, b = dst;
  if (src.chip < 0)
    a = (RnPlace){dst.chip, 0, 0};
  if (dst.chip < 0)
    b = (RnPlace){src.chip, 0, 0};
  if (a.chip == b.chip) {
    f->segs[f->numSegs++] = (RnSegment){rnTile(s, a.chip, a.x, a.y),
                                        rnTile(s, b.chip, b.x, b.y), NULL, 0};
  } else {
    f->segs[f->numSegs++] = (RnSegment){rnTile(s, a.chip, a.x, a.y),
                                        rnTile(s, a.chip, 0, 0), NULL, 0};
    f->segs[f->numSegs++] = (RnSegment){rnTile(s, b.chip, 0, 0),
                                        rnTile(s, b.chip, b.x, b.y), NULL, 0};
  }
  return true;
}

static bool collectFlows(RnState *s, IpuBlock *body) {
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op)) {
    if (!ipuOpIsA(op, "tile.channel"))
      continue;
    IpuOpOperand *use = ipuValueGetFirstUse(ipuOpGetResult(op, 0));
    RnPlace src, dst;
    if (!placeOf(s, ipuPlaceProducer(ipuOpGetOperand(op, 0)), &src) ||
        (use && !placeOf(s, ipuOpOperandGetOwner(use), &dst)))
      return false;
    if (!use || samePlace(src, dst)) {
      ipuOpSetAttr(op, IPU_PLACE_ROUTE_ATTR, NULL);
      continue;
    }
    if (!addFlow(s, op, src, dst))
      return false;
  }
  return true;
}

/* Capacity derived from the target: what a link moves while the busiest
 * tile computes one inference. */
static int64_t derivedCapacity(RnState *s, IpuBlock **bodies, intptr_t n) {
  const IpuTarget *t = &s->target;
  int64_t *cycles = ipuCalloc(s->ctx, (size_t)s->numTiles, sizeof *cycles);
  if (!cycles)
    return -1;
  int64_t maxCycles = 1;
  for (intptr_t f = 0; f < n; ++f)
    for (IpuOp *op = ipuBlockGetFirstOp(bodies[f]); op; op = ipuOpGetNext(op)) {
      RnPlace p;
      if (!ipuOpIsA(op, "tile.mvm") || !placeOf(s, op, &p))
        continue;
      IpuType in = ipuValueGetType(ipuOpGetOperand(op, 0));
      int64_t rows = ipuTypeIsShaped(in) && ipuShapedTypeGetRank(in) > 0
                         ? ipuShapedTypeGetDimSize(in, 0)
                         : 1;
      IpuAttr slices = ipuOpGetAttr(op, "input_slices");
      IpuAttr bits = ipuOpGetAttr(op, "input_bits");
      int64_t c = (rows > 0 ? rows : 1) * t->arrayStepCycles *
                  (slices ? ipuIntegerAttrGetInt(slices) : 1) *
                  (t->bitSerialInputs ? (bits ? ipuIntegerAttrGetInt(bits) : 8)
                                      : 1);
      int64_t tile = rnTile(s, p.chip, p.x, p.y);
      cycles[tile] += c;
      if (cycles[tile] > maxCycles)
        maxCycles = cycles[tile];
    }
  ipuFree(s->ctx, cycles);
  double capacity = t->nocLinkBytesPerCycle * (double)maxCycles;
  return capacity >= 1 ? (int64_t)capacity : 1;
}

/* The path as `hw.route` wants it: chip, x, y of every router in order,
 * the host as (-1, 0, 0). */
static IpuAttr routeAttr(RnState *s, const RnFlow *f) {
  int64_t n = (f->src.chip < 0) + (f->dst.chip < 0);
  for (int k = 0; k < f->numSegs; ++k)
    n += f->segs[k].numNodes;
  int64_t *v = ipuAlloc(s->ctx, (size_t)n * 3 * sizeof *v);
  if (!v)
    return NULL;
  int64_t i = 0;
  if (f->src.chip < 0) {
    v[i++] = -1;
    v[i++] = 0;
    v[i++] = 0;
  }
  for (int k = 0; k < f->numSegs; ++k)
    for (int64_t j = 0; j < f->segs[k].numNodes; ++j, i += 3)
      rnTilePos(s, f->segs[k].nodes[j], &v[i], &v[i + 1], &v[i + 2]);
  if (f->dst.chip < 0) {
    v[i++] = -1;
    v[i++] = 0;
    v[i++] = 0;
  }
  IpuAttr a = ipuDenseI64ArrayAttrGet(s->ctx, (intptr_t)i, v);
  ipuFree(s->ctx, v);
  return a;
}

static void placeText(RnPlace p, char *buf, size_t size) {
  if (p.chip < 0)
    snprintf(buf, size, "the host");
  else
    snprintf(buf, size, "tile (%lld, %lld, %lld)", (long long)p.chip,
             (long long)p.x, (long long)p.y);
}

/* An error when the capacity was given; a warning when it was derived:
 * then it only says at what load the NoC rather than the arrays bounds the
 * throughput, and the routes stand. */
static void reportUnroutable(RnState *s, bool derived) {
  int64_t numBad = 0;
  for (int64_t i = 0; i < s->numFlows; ++i)
    numBad += s->flows[i].ripped;
  IpuDiagnostic *d =
      derived ? ipuDiagnosticCreate(
                    s->ctx, IPU_SEVERITY_WARNING, ipuOpGetLoc(s->module),
                    "%lld flows exceed the derived link capacity of %lld "
                    "bytes per inference: the NoC, not the arrays, bounds "
                    "the throughput",
                    (long long)numBad, (long long)s->capacity)
              : ipuOpCreateError(s->module,
                                 "cannot route %lld flows within link "
                                 "capacity %lld bytes",
                                 (long long)numBad, (long long)s->capacity);
  for (int64_t i = 0; i < s->numFlows; ++i) {
    RnFlow *f = &s->flows[i];
    if (!f->ripped)
      continue;
    int64_t worst = -1;
    for (int k = 0; k < f->numSegs; ++k)
      for (int64_t j = 0; j + 1 < f->segs[k].numNodes; ++j) {
        int64_t l = rnLink(s, f->segs[k].nodes[j], f->segs[k].nodes[j + 1]);
        if (worst < 0 || s->load[l] > s->load[worst])
          worst = l;
      }
    char from[64], to[64];
    placeText(f->src, from, sizeof from);
    placeText(f->dst, to, sizeof to);
    int64_t c1, x1, y1, c2, x2, y2;
    rnTilePos(s, rnLinkFrom(worst), &c1, &x1, &y1);
    rnTilePos(s, rnLinkTo(s, worst), &c2, &x2, &y2);
    ipuDiagnosticAddNote(d, ipuOpGetLoc(f->channel),
                         "flow of %lld bytes from %s to %s over the link "
                         "(%lld, %lld, %lld) -> (%lld, %lld, %lld), loaded "
                         "with %lld bytes",
                         (long long)f->bytes, from, to, (long long)c1,
                         (long long)x1, (long long)y1, (long long)c2,
                         (long long)x2, (long long)y2,
                         (long long)s->load[worst]);
  }
  ipuDiagnosticReport(d);
}

static bool route(RnState *s, IpuPassRun *run) {
  intptr_t numBodies;
  bool oom;
  IpuBlock **bodies = ipuPlaceFunctionBodies(s->module, &numBodies, &oom);
  if (oom)
    return false;
  bool strict = !ipuPassRunGetBool(run, "split-channels");
  bool ok = true;
  for (intptr_t f = 0; ok && f < numBodies; ++f)
    ok = splitChannels(s, bodies[f], strict) &&
         insertChannels(s, bodies[f], strict) && collectFlows(s, bodies[f]);
  s->capacity = ipuPassRunGetInt(run, "link-capacity");
  bool derived = s->capacity <= 0;
  if (ok && derived)
    ok = (s->capacity = derivedCapacity(s, bodies, numBodies)) > 0;
  ipuFree(s->ctx, bodies);
  s->load = ok ? ipuCalloc(s->ctx, (size_t)s->numLinks + 1, sizeof *s->load)
               : NULL;
  const char *mode = ipuPassRunGetString(run, "mode");
  bool negotiated = !mode || strcmp(mode, "dimension-ordered") != 0;
  ok = ok && s->load &&
       rnRouteAll(s, negotiated, ipuPassRunGetInt(run, "max-iterations"),
                  ipuPassRunGetDouble(run, "max-congestion-factor"));
  if (!ok)
    return false;
  for (int64_t i = 0; i < s->numFlows; ++i) {
    IpuAttr a = routeAttr(s, &s->flows[i]);
    if (!a)
      return false;
    ipuOpSetAttr(s->flows[i].channel, IPU_PLACE_ROUTE_ATTR, a);
  }
  ipuPassRunAddStatistic(run, "num-routes", s->numFlows);
  ipuPassRunAddStatistic(run, "max-link-load", s->maxLoad);
  ipuPassRunAddStatistic(run, "max-link-load-xy", s->maxLoadXY);
  ipuPassRunAddStatistic(run, "total-byte-hops", s->totalByteHops);
  ipuPassRunAddStatistic(run, "iterations", s->iterations);
  ipuPassRunAddStatistic(run, "num-overloaded-links", s->numOverloaded);
  ipuPassRunAddStatistic(run, "link-capacity", s->capacity);
  ipuPassRunAddStatistic(run, "num-channels-split", s->numSplit);
  ipuPassRunAddStatistic(run, "num-channels-inserted", s->numInserted);
  const char *report = ipuPassRunGetString(run, "report");
  if (report && *report && !rnWriteReport(s, negotiated ? "negotiated"
                                                        : "dimension-ordered",
                                          report))
    return false;
  if (s->numOverloaded > 0) {
    for (int64_t i = 0; i < s->numFlows; ++i) {
      RnFlow *f = &s->flows[i];
      f->ripped = false;
      for (int k = 0; k < f->numSegs && !f->ripped; ++k)
        for (int64_t j = 0; j + 1 < f->segs[k].numNodes; ++j)
          if (s->load[rnLink(s, f->segs[k].nodes[j],
                             f->segs[k].nodes[j + 1])] > s->capacity)
            f->ripped = true;
    }
    reportUnroutable(s, derived);
    return derived;
  }
  return true;
}

static IpuLogicalResult runRouteNoc(IpuOp *module, IpuPassRun *run) {
  RnState s;
  memset(&s, 0, sizeof s);
  s.ctx = ipuPassRunGetContext(run);
  s.module = module;
  size_t errorsBefore = ipuContextGetNumErrors(s.ctx);
  bool ok = false;
  if (!ipuModuleHasTarget(module)) {
    ipuOpEmitError(module, "route-noc: the module has no target "
                           "('hw.target')");
  } else if (ipuSucceeded(ipuModuleGetTarget(module, true, &s.target))) {
    s.tilesPerChip = s.target.gridCols * s.target.gridRows;
    s.numTiles = s.target.chips * s.tilesPerChip;
    s.numLinks = s.numTiles * RN_NUM_DIRS;
    ok = route(&s, run);
  }
  if (!ok && ipuContextGetNumErrors(s.ctx) == errorsBefore)
    ipuOpEmitError(module, "route-noc: out of memory");
  for (int64_t i = 0; i < s.numFlows; ++i)
    for (int k = 0; k < s.flows[i].numSegs; ++k)
      ipuFree(s.ctx, s.flows[i].segs[k].nodes);
  ipuFree(s.ctx, s.flows);
  ipuFree(s.ctx, s.load);
  return ok ? IPU_SUCCESS : IPU_FAILURE;
}

static const IpuPassOptionDef routeNocOptions[] = {
    {"mode", IPU_OPTION_ENUM, "negotiated",
     "dimension-ordered: XY routes; negotiated: PathFinder from XY",
     "dimension-ordered,negotiated"},
    {"link-capacity", IPU_OPTION_INT, "0",
     "Bytes a mesh link may carry per inference (0: derived from the "
     "target and the busiest tile's array cycles)",
     NULL},
    {"max-iterations", IPU_OPTION_INT, "50",
     "Most rip-up and re-route rounds of negotiated routing", NULL},
    {"max-congestion-factor", IPU_OPTION_DOUBLE, "1000",
     "Cap of the present-congestion factor (x1.5 a round)", NULL},
    {"split-channels", IPU_OPTION_BOOL, "true",
     "Give a channel used at several places one copy per place, and a "
     "value crossing places without a channel a channel (false: errors)",
     NULL},
    {"report", IPU_OPTION_STRING, NULL,
     "Write the statistics, every used link's load and every flow as JSON "
     "to this file",
     NULL},
};

static const IpuPassStatisticDef routeNocStatistics[] = {
    {"num-routes", "Number of channels routed between places"},
    {"max-link-load", "Bytes over the busiest mesh link"},
    {"max-link-load-xy", "Bytes over the busiest link with XY routes"},
    {"total-byte-hops", "sum(bytes x mesh links) over all routes"},
    {"iterations", "Rip-up and re-route rounds"},
    {"num-overloaded-links", "Mesh links over capacity at the end"},
    {"link-capacity", "Bytes a link may carry per inference"},
    {"num-channels-split", "Channels copied, one per destination place"},
    {"num-channels-inserted", "Channels added where a value crossed places"},
};

const IpuPassDef ipuRouteNocPass = {
    .argument = "route-noc",
    .summary = "Route every channel between places over the NoC",
    .description =
        "After place: every tile.channel whose producer and users are at "
        "different places (the host is a place) gets `hw.route = "
        "array<i64: c0, x0, y0, c1, x1, y1, ...>`, the routers it visits "
        "in order; the host is (-1, 0, 0) and attached to the port (0, 0) "
        "of every chip, and chips are joined port to port. "
        "dimension-ordered routes x first, then y; negotiated (default) "
        "starts from those and re-routes the flows over links loaded "
        "beyond the capacity (PathFinder) until none is. A flow that "
        "cannot be fitted within a given link-capacity is a located error; "
        "over the derived capacity it is a warning (the routes stand, and "
        "the NoC bounds the throughput).",
    .anchor = "builtin.module",
    .options = routeNocOptions,
    .numOptions = sizeof routeNocOptions / sizeof *routeNocOptions,
    .statistics = routeNocStatistics,
    .numStatistics = sizeof routeNocStatistics / sizeof *routeNocStatistics,
    .run = runRouteNoc,
};
