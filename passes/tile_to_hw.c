/* The tile-to-hw pass: placed and routed tile IR becomes hw IR in the same
 * module (one hw.tile per used position, hw.host, hw.routes), after
 * checking that every unit is placed and every crossing channel routed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/hw.h"
#include "ipu/target.h"
#include "tile_to_hw.h"

intptr_t t2hPlaceIndex(T2h *t, int64_t chip, int64_t x, int64_t y) {
  for (intptr_t i = 0; i < t->numPlaces; ++i)
    if (t->places[i].chip == chip && t->places[i].x == x &&
        t->places[i].y == y)
      return i;
  if (t->numPlaces == t->capPlaces) {
    intptr_t cap = t->capPlaces ? t->capPlaces * 2 : 16;
    T2hPlace *grown =
        ipuRealloc(t->ctx, t->places, (size_t)cap * sizeof *grown);
    if (!grown)
      return -1;
    t->places = grown;
    t->capPlaces = cap;
  }
  t->places[t->numPlaces] = (T2hPlace){.chip = chip, .x = x, .y = y};
  return t->numPlaces++;
}

const char *t2hPlaceText(const T2h *t, intptr_t place, char *buf,
                         size_t size) {
  const T2hPlace *p = &t->places[place];
  if (p->chip < 0)
    snprintf(buf, size, "the host");
  else
    snprintf(buf, size, "(%lld, %lld, %lld)", (long long)p->chip,
             (long long)p->x, (long long)p->y);
  return buf;
}

intptr_t t2hValuePlace(T2h *t, IpuValue v) {
  IpuOp *def = ipuValueGetDefiningOp(v);
  if (!def)
    return T2H_HOST;
  return ipuPtrMapGetInt(&t->placeOf, def, 1) - 1;
}

/* The `hw.tile` of an op as a place; -1 after an error. */
static intptr_t placeAttr(T2h *t, IpuOp *op) {
  IpuAttr a = ipuOpGetAttr(op, "hw.tile");
  if (!a)
    return ipuOpEmitError(op, "is not placed (no 'hw.tile'; run the place "
                              "pass first)"),
           -1;
  if (ipuAttrGetKind(a) != IPU_ATTR_DENSE_ARRAY ||
      ipuDenseArrayAttrGetNumElements(a) != 3)
    return ipuOpEmitError(op, "has a malformed 'hw.tile'"), -1;
  const int64_t *v = ipuDenseArrayAttrGetData(a);
  intptr_t i = t2hPlaceIndex(t, v[0], v[1], v[2]);
  if (i < 0)
    ipuOpEmitError(op, "out of memory");
  return i;
}

static bool isUnit(const IpuOp *op) {
  return ipuOpIsA(op, "tile.mvm") || ipuOpIsA(op, "tile.windows") ||
         ipuOpIsA(op, "tile.accumulate") || ipuOpIsA(op, "tile.simd");
}

/* The single function; an error unless there is exactly one. */
static IpuLogicalResult findFunction(T2h *t) {
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(t->module, 0));
  for (IpuOp *op = body ? ipuBlockGetFirstOp(body) : NULL; op;
       op = ipuOpGetNext(op)) {
    if (!ipuOpIsA(op, "func.func"))
      continue;
    if (t->func)
      return ipuOpEmitError(op, "is a second function: tile-to-hw lowers "
                                "a module with exactly one function");
    t->func = op;
  }
  if (!t->func)
    return ipuOpEmitError(t->module, "has no function to lower to hw");
  IpuRegion *r = ipuOpGetRegion(t->func, 0);
  if (!r || ipuRegionGetNumBlocks(r) != 1)
    return ipuOpEmitError(t->func, "must have a body of one block for "
                                   "tile-to-hw");
  t->entry = ipuRegionGetFirstBlock(r);
  return IPU_SUCCESS;
}

static IpuLogicalResult placeArrays(T2h *t) {
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(t->module, 0));
  char a[64];
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op)) {
    if (!ipuOpIsA(op, "tile.array"))
      continue;
    intptr_t p = placeAttr(t, op);
    if (p < 0)
      return IPU_FAILURE;
    if (t->places[p].array) {
      IpuStringRef other =
          ipuStringAttrGetValue(ipuOpGetSymbolName(t->places[p].array));
      return ipuOpEmitError(op, "is placed at %s, as is array @%.*s",
                            t2hPlaceText(t, p, a, sizeof a),
                            (int)other.length, other.data);
    }
    t->places[p].array = op;
    ipuPtrMapPutInt(&t->placeOf, op, p + 1);
  }
  return IPU_SUCCESS;
}

/* The place of a channel's consumers (all on one place); a channel without
 * users stays where its operand is. */
static IpuLogicalResult placeChannel(T2h *t, IpuOp *channel) {
  intptr_t src = t2hValuePlace(t, ipuOpGetOperand(channel, 0));
  char a[64], b[64];
  /* The first user (in the function's order) decides; others must agree. */
  IpuOp *first = NULL;
  for (IpuOpOperand *u = ipuValueGetFirstUse(ipuOpGetResult(channel, 0)); u;
       u = ipuOpOperandGetNextUse(u)) {
    IpuOp *user = ipuOpOperandGetOwner(u);
    if (ipuOpIsA(user, "tile.channel"))
      return ipuOpEmitError(user, "reads another channel; tile-to-hw needs "
                                  "channels between units");
    if (ipuPtrMapGetInt(&t->placeOf, user, 0) <= 0)
      return ipuOpEmitError(user, "is not placed");
    if (!first || ipuPtrMapGetInt(&t->opOrder, user, 0) <
                      ipuPtrMapGetInt(&t->opOrder, first, 0))
      first = user;
  }
  intptr_t dst = first ? ipuPtrMapGetInt(&t->placeOf, first, 0) - 1 : -1;
  for (IpuOpOperand *u = ipuValueGetFirstUse(ipuOpGetResult(channel, 0)); u;
       u = ipuOpOperandGetNextUse(u)) {
    intptr_t here =
        ipuPtrMapGetInt(&t->placeOf, ipuOpOperandGetOwner(u), 0) - 1;
    if (here != dst)
      return ipuOpEmitError(channel, "has users on %s and on %s; a channel "
                                     "has one destination",
                            t2hPlaceText(t, dst, a, sizeof a),
                            t2hPlaceText(t, here, b, sizeof b));
  }
  if (dst < 0)
    dst = src;
  ipuPtrMapPutInt(&t->placeOf, channel, dst + 1);
  if (src == dst)
    return IPU_SUCCESS;
  IpuAttr route = ipuOpGetAttr(channel, "hw.route");
  if (!route)
    return ipuOpEmitError(channel,
                          "crosses from %s to %s but is not routed (no "
                          "'hw.route'; run the route-noc pass first)",
                          t2hPlaceText(t, src, a, sizeof a),
                          t2hPlaceText(t, dst, b, sizeof b));
  intptr_t n = ipuAttrGetKind(route) == IPU_ATTR_DENSE_ARRAY
                   ? ipuDenseArrayAttrGetNumElements(route)
                   : 0;
  const int64_t *p = n ? ipuDenseArrayAttrGetData(route) : NULL;
  const T2hPlace *s = &t->places[src], *d = &t->places[dst];
  if (n < 6 || n % 3 || p[0] != s->chip || p[1] != s->x || p[2] != s->y ||
      p[n - 3] != d->chip || p[n - 2] != d->x || p[n - 1] != d->y)
    return ipuOpEmitError(channel,
                          "has a 'hw.route' that does not lead from %s to %s",
                          t2hPlaceText(t, src, a, sizeof a),
                          t2hPlaceText(t, dst, b, sizeof b));
  return IPU_SUCCESS;
}

/* Places every op of the function and checks what the lowering needs. */
static IpuLogicalResult placeOps(T2h *t) {
  intptr_t index = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(t->entry); op; op = ipuOpGetNext(op)) {
    ipuPtrMapPutInt(&t->opOrder, op, ++index);
    if (isUnit(op)) {
      intptr_t p = placeAttr(t, op);
      if (p < 0)
        return IPU_FAILURE;
      ipuPtrMapPutInt(&t->placeOf, op, p + 1);
      if (!t->places[p].firstLoc)
        t->places[p].firstLoc = ipuOpGetLoc(op);
      if (!ipuOpIsA(op, "tile.mvm"))
        continue;
      IpuAttr ref = ipuOpGetAttr(op, "block");
      IpuOp *array = ref ? ipuSymbolTableLookup(
                               t->moduleSymbols,
                               ipuIdentStr(ipuSymbolRefAttrGetRoot(ref)))
                         : NULL;
      intptr_t at = array ? ipuPtrMapGetInt(&t->placeOf, array, 0) - 1 : -1;
      char a[64], b[64];
      if (at != p)
        return ipuOpEmitError(op, "is placed at %s but its array is at %s",
                              t2hPlaceText(t, p, a, sizeof a),
                              at < 0 ? "no tile"
                                     : t2hPlaceText(t, at, b, sizeof b));
    } else if (ipuOpIsA(op, "tile.host") || ipuOpIsA(op, "func.return")) {
      ipuPtrMapPutInt(&t->placeOf, op, T2H_HOST + 1);
    } else if (!ipuOpIsA(op, "tile.channel")) {
      return ipuOpEmitError(op, "cannot be lowered to hw: tile-to-hw takes "
                                "tile ops, channels and func.return");
    }
  }
  /* Channels last: their destinations are their users' places. */
  for (IpuOp *op = ipuBlockGetFirstOp(t->entry); op; op = ipuOpGetNext(op))
    if (ipuOpIsA(op, "tile.channel") && ipuFailed(placeChannel(t, op)))
      return IPU_FAILURE;
  return IPU_SUCCESS;
}

/* A windows op whose users are all mvms on its own tile is fused into
 * them: they form the windows as they stream. */
static void findFusedWindows(T2h *t) {
  for (IpuOp *op = ipuBlockGetFirstOp(t->entry); op; op = ipuOpGetNext(op)) {
    if (!ipuOpIsA(op, "tile.windows"))
      continue;
    intptr_t here = ipuPtrMapGetInt(&t->placeOf, op, 0);
    bool all = ipuValueHasUses(ipuOpGetResult(op, 0));
    for (IpuOpOperand *u = ipuValueGetFirstUse(ipuOpGetResult(op, 0));
         u && all; u = ipuOpOperandGetNextUse(u)) {
      IpuOp *user = ipuOpOperandGetOwner(u);
      all = ipuOpIsA(user, "tile.mvm") &&
            ipuPtrMapGetInt(&t->placeOf, user, 0) == here;
    }
    if (all) {
      ipuPtrMapPut(&t->fused, op, op);
      ++t->numFused;
    }
  }
}

/* The ops an ADC epilogue may hold: each output position depends only on
 * the same position of the input (the SIMD unit can run row by row). */
bool t2hIsPositionWise(const IpuOp *op, bool allowTranspose) {
  if (ipuOpIsA(op, "hl.transpose"))
    return allowTranspose;
  return ipuOpIsA(op, "hl.constant") || ipuOpIsA(op, "tile.yield") ||
         ipuPassOpIsOneOf(op, ipuPassPositionWiseOps);
}

/* The mvm / accumulate of the simd's tile whose product `v` (possibly
 * through a local channel) only the simd reads, or NULL. */
static IpuOp *streamableProduct(T2h *t, IpuOp *simd, IpuValue v) {
  IpuOp *producer = ipuValueGetDefiningOp(v);
  if (producer && ipuOpIsA(producer, "tile.channel") &&
      ipuValueHasOneUse(v) &&
      ipuPtrMapGetInt(&t->placeOf, producer, 0) ==
          ipuPtrMapGetInt(&t->placeOf, simd, 0)) {
    v = ipuOpGetOperand(producer, 0); /* a local channel is an alias */
    producer = ipuValueGetDefiningOp(v);
  }
  if (!producer || !ipuValueHasOneUse(v) ||
      !(ipuOpIsA(producer, "tile.mvm") ||
        ipuOpIsA(producer, "tile.accumulate")) ||
      ipuPtrMapGetInt(&t->placeOf, producer, 0) !=
          ipuPtrMapGetInt(&t->placeOf, simd, 0))
    return NULL;
  return producer;
}

/* An operand of an epilogue besides the product must already sit on the
 * tile when the producer runs: made (or sent, through channels) by an op
 * before the producer, or a function argument. */
static bool residentBefore(T2h *t, IpuValue v, IpuOp *producer) {
  IpuOp *def = ipuValueGetDefiningOp(v);
  /* Channels read units or arguments, never channels (placeChannel). */
  if (def && ipuOpIsA(def, "tile.channel"))
    def = ipuValueGetDefiningOp(ipuOpGetOperand(def, 0));
  return !def || ipuPtrMapGetInt(&t->opOrder, def, 0) <
                     ipuPtrMapGetInt(&t->opOrder, producer, 0);
}

/* A tile.simd that post-processes one mvm / accumulate of its tile, used
 * by nothing else, with position-wise ops only, runs as that producer's
 * ADC epilogue (its i32 buffer streamed, two rows resident). Its other
 * operands (a residual, say) must be resident on the tile before the
 * producer runs. */
static void findEpilogues(T2h *t) {
  for (IpuOp *op = ipuBlockGetFirstOp(t->entry); op; op = ipuOpGetNext(op)) {
    if (!ipuOpIsA(op, "tile.simd") || ipuOpGetNumOperands(op) < 1)
      continue;
    IpuOp *producer = NULL;
    intptr_t n = ipuOpGetNumOperands(op), k = 0;
    for (; k < n && !producer; ++k)
      producer = streamableProduct(t, op, ipuOpGetOperand(op, k));
    bool resident = producer != NULL;
    for (intptr_t j = 0; j < n && resident; ++j)
      resident = j == k - 1 ||
                 residentBefore(t, ipuOpGetOperand(op, j), producer);
    if (!resident)
      continue;
    IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0));
    bool ok = body != NULL;
    for (IpuOp *o = body ? ipuBlockGetFirstOp(body) : NULL; o && ok;
         o = ipuOpGetNext(o))
      ok = t2hIsPositionWise(o, true) && ipuOpGetNumRegions(o) == 0;
    if (ok) {
      ipuPtrMapPut(&t->epilogue, producer, op);
      ++t->numStreamed;
    }
  }
}

static int comparePlaces(const void *a, const void *b) {
  const T2hPlace *x = a, *y = b;
  if (x->chip != y->chip)
    return (x->chip > y->chip) - (x->chip < y->chip);
  if (x->y != y->y)
    return (x->y > y->y) - (x->y < y->y);
  return (x->x > y->x) - (x->x < y->x);
}

static IpuAttr i64Attr(IpuContext *ctx, int64_t v) {
  return ipuIntegerAttrGet(ctx, ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS), v);
}

/* The hw.tile / hw.host of a place with its (empty) program, inserted
 * before the function. */
static IpuLogicalResult buildOwner(T2h *t, T2hPlace *p) {
  bool host = p->chip < 0;
  IpuOpState st;
  IpuLocation loc = p->array ? ipuOpGetLoc(p->array)
                    : p->firstLoc ? p->firstLoc
                                  : ipuOpGetLoc(t->func);
  ipuOpStateInit(&st, t->ctx,
                 ipuStringRefFromCString(host ? "hw.host" : "hw.tile"), loc);
  if (host) {
    IpuAttr type = ipuOpGetAttr(t->func, "function_type");
    ipuOpStateAddAttr(&st, "function_type", type);
  } else {
    ipuOpStateAddAttr(&st, "chip", i64Attr(t->ctx, p->chip));
    ipuOpStateAddAttr(&st, "x", i64Attr(t->ctx, p->x));
    ipuOpStateAddAttr(&st, "y", i64Attr(t->ctx, p->y));
  }
  ipuOpStateAddEmptyRegions(&st, 1);
  p->owner = ipuOpCreate(&st);
  if (!p->owner)
    return IPU_FAILURE;
  ipuBlockInsertOpBefore(ipuOpGetBlock(t->func), t->func, p->owner);
  p->body = ipuBlockCreate(t->ctx, 0, NULL, NULL);
  ipuRegionAppendBlock(ipuOpGetRegion(p->owner, 0), p->body);
  if (p->array) {
    ipuOpRemoveFromBlock(p->array);
    ipuOpSetAttr(p->array, "hw.tile", NULL);
    ipuBlockAppendOp(p->body, p->array);
  }
  ipuOpStateInit(&st, t->ctx, ipuStringRefFromCString("hw.program"), loc);
  ipuOpStateAddEmptyRegions(&st, 1);
  p->program = ipuOpCreate(&st);
  if (!p->program)
    return IPU_FAILURE;
  ipuBlockAppendOp(p->body, p->program);
  p->code = ipuBlockCreate(t->ctx, 0, NULL, NULL);
  ipuRegionAppendBlock(ipuOpGetRegion(p->program, 0), p->code);
  if (!t->routeAnchor)
    t->routeAnchor = p->owner;
  return IPU_SUCCESS;
}

/* The ONNX names of the function's arguments or results (`onnx.name` in
 * their attribute dictionaries) when every one has one. */
static void copyNames(T2h *t, IpuOp *host, const char *from, const char *to) {
  IpuAttr dicts = ipuOpGetAttr(t->func, from);
  if (!dicts || ipuAttrGetKind(dicts) != IPU_ATTR_ARRAY)
    return;
  intptr_t n = ipuArrayAttrGetNumElements(dicts);
  IpuAttr *names = n ? ipuCalloc(t->ctx, (size_t)n, sizeof *names) : NULL;
  if (!names)
    return;
  bool all = true;
  for (intptr_t i = 0; i < n && all; ++i) {
    IpuAttr d = ipuArrayAttrGetElement(dicts, i);
    names[i] = ipuAttrGetKind(d) == IPU_ATTR_DICTIONARY
                   ? ipuDictionaryAttrGetC(d, "onnx.name")
                   : NULL;
    all = names[i] && ipuAttrGetKind(names[i]) == IPU_ATTR_STRING;
  }
  if (all)
    ipuOpSetAttr(host, to, ipuArrayAttrGet(t->ctx, n, names));
  ipuFree(t->ctx, names);
}

static IpuLogicalResult buildOwners(T2h *t) {
  /* The host stays first; tiles in (chip, y, x) order. */
  qsort(t->places + 1, (size_t)(t->numPlaces - 1), sizeof *t->places,
        comparePlaces);
  for (intptr_t i = 1; i < t->numPlaces; ++i)
    if (ipuFailed(buildOwner(t, &t->places[i])))
      return IPU_FAILURE;
  if (ipuFailed(buildOwner(t, &t->places[T2H_HOST])))
    return IPU_FAILURE;
  copyNames(t, t->places[T2H_HOST].owner, "arg_attrs", "arg_names");
  copyNames(t, t->places[T2H_HOST].owner, "res_attrs", "result_names");
  return IPU_SUCCESS;
}

/* Re-keys placeOf after sorting the places: op -> new index. */
static IpuLogicalResult renumberPlaces(T2h *t, const T2hPlace *before,
                                       intptr_t count) {
  intptr_t *map = ipuCalloc(t->ctx, (size_t)count, sizeof *map);
  if (!map)
    return ipuOpEmitError(t->module, "out of memory");
  for (intptr_t i = 0; i < count; ++i)
    map[i] = t2hPlaceIndex(t, before[i].chip, before[i].x, before[i].y);
  for (size_t s = 0; s < t->placeOf.capacity; ++s)
    if (t->placeOf.slots[s].key) {
      intptr_t old = (intptr_t)t->placeOf.slots[s].value - 1;
      t->placeOf.slots[s].value = (void *)(map[old] + 1);
    }
  ipuFree(t->ctx, map);
  return IPU_SUCCESS;
}

static IpuLogicalResult lower(T2h *t) {
  IpuTarget target;
  if (ipuFailed(ipuModuleGetTarget(t->module, true, &target)) ||
      ipuFailed(findFunction(t)))
    return IPU_FAILURE;
  t->moduleSymbols = ipuSymbolTableCreate(t->module);
  if (!t->moduleSymbols || t2hPlaceIndex(t, -1, 0, 0) != T2H_HOST)
    return ipuOpEmitError(t->module, "out of memory");
  if (ipuFailed(placeArrays(t)) || ipuFailed(placeOps(t)))
    return IPU_FAILURE;
  findFusedWindows(t);
  findEpilogues(t);

  /* Sorting moves places: keep a copy of the order placeOf refers to. */
  intptr_t count = t->numPlaces;
  T2hPlace *before = ipuCalloc(t->ctx, (size_t)count, sizeof *before);
  if (!before)
    return ipuOpEmitError(t->module, "out of memory");
  memcpy(before, t->places, (size_t)count * sizeof *before);
  IpuLogicalResult r = buildOwners(t);
  if (ipuSucceeded(r))
    r = renumberPlaces(t, before, count);
  ipuFree(t->ctx, before);
  if (ipuFailed(r) || ipuFailed(t2hEmitPrograms(t)) ||
      ipuFailed(t2hMakeViews(t)))
    return IPU_FAILURE;
  ipuOpDestroy(t->func);
  return IPU_SUCCESS;
}

static IpuLogicalResult runTileToHw(IpuOp *module, IpuPassRun *run) {
  T2h t = {.ctx = ipuPassRunGetContext(run), .run = run, .module = module};
  ipuPtrMapInit(&t.placeOf, t.ctx);
  ipuPtrMapInit(&t.opOrder, t.ctx);
  ipuPtrMapInit(&t.bufferOf, t.ctx);
  ipuPtrMapInit(&t.pendingRecv, t.ctx);
  ipuPtrMapInit(&t.fused, t.ctx);
  ipuPtrMapInit(&t.epilogue, t.ctx);
  ipuPtrMapInit(&t.emitted, t.ctx);
  IpuLogicalResult r = lower(&t);
  /* Receives never placed (only after an error) are still detached. */
  for (size_t s = 0; s < t.pendingRecv.capacity; ++s)
    if (t.pendingRecv.slots[s].key && t.pendingRecv.slots[s].value &&
        !ipuOpGetBlock(t.pendingRecv.slots[s].value))
      ipuOpDestroy(t.pendingRecv.slots[s].value);
  if (t.moduleSymbols)
    ipuSymbolTableDestroy(t.moduleSymbols);
  ipuPtrMapDestroy(&t.placeOf);
  ipuPtrMapDestroy(&t.opOrder);
  ipuPtrMapDestroy(&t.bufferOf);
  ipuPtrMapDestroy(&t.pendingRecv);
  ipuPtrMapDestroy(&t.fused);
  ipuPtrMapDestroy(&t.epilogue);
  ipuPtrMapDestroy(&t.emitted);
  ipuFree(t.ctx, t.places);
  if (ipuFailed(r))
    return IPU_FAILURE;
  ipuPassRunAddStatistic(run, "num-tiles", t.numPlaces - 1);
  ipuPassRunAddStatistic(run, "num-buffers", t.numBuffers);
  ipuPassRunAddStatistic(run, "num-routes", t.numRoutes);
  ipuPassRunAddStatistic(run, "num-instructions", t.numInstructions);
  ipuPassRunAddStatistic(run, "num-fused-windows", t.numFused);
  ipuPassRunAddStatistic(run, "num-streamed-epilogues", t.numStreamed);
  ipuPassRunAddStatistic(run, "num-join-views", t.numJoinViews);
  ipuPassRunAddStatistic(run, "num-in-place-execs", t.numExecViews);
  ipuPassRunAddStatistic(run, "num-slice-views", t.numSliceViews);
  return IPU_SUCCESS;
}

static const IpuPassStatisticDef tileToHwStatistics[] = {
    {"num-tiles", "hw.tile ops built"},
    {"num-buffers", "hw.buffer ops built (tiles and host)"},
    {"num-routes", "hw.route ops built (crossing channels)"},
    {"num-instructions", "instructions in all programs"},
    {"num-fused-windows", "tile.windows fused into their mvms"},
    {"num-streamed-epilogues", "tile.simd run as ADC epilogues"},
    {"num-join-views", "join pieces written in place into the result"},
    {"num-in-place-execs", "hw.exec writing over one of its sources"},
    {"num-slice-views", "slice results made box views of their sources"},
};

const IpuPassDef ipuTileToHwPass = {
    .argument = "tile-to-hw",
    .summary = "Lower placed and routed tile IR to hw IR",
    .description =
        "Needs the module's 'hw.target', one function, every unit and array "
        "placed ('hw.tile', from place) and every channel between two "
        "places routed ('hw.route', from route-noc). Builds one hw.tile per "
        "used position (sorted by chip, y, x; the tile.array moves in), a "
        "hw.buffer per value produced on a tile and per received channel, "
        "a hw.route per crossing channel with hw.send right after the "
        "producer and hw.recv right before the first consumer, the "
        "instructions of each tile in the function's order (windows fused "
        "into their mvms when those are their only users on the tile; "
        "tile.simd -> hw.exec; a position-wise tile.simd right after the "
        "mvm or accumulate it post-processes, whose buffer is streamed, "
        "its other operands, a residual say, already on the tile), "
        "and the hw.host program (inputs, tile.host regions, outputs). "
        "Channels within one place are aliases. On each tile, a join (a "
        "tile.simd holding only an hl.concat, on any axis) gets its pieces "
        "as views of its result when nothing else on the tile uses them "
        "(contiguous views when every dim before the axis is 1, else box "
        "views; the exec is marked in_place), a slice (a tile.simd holding "
        "only a static hl.slice with unit steps) gets its result as a box "
        "view of its unstreamed source (marked in_place; safe since every "
        "buffer is written once and in-place code never writes over a "
        "family that is still read), and an exec "
        "writes its one result over a source of the same size that "
        "nothing reads afterwards when only position-wise ops without "
        "transpose read that source. The function is erased.",
    .anchor = "builtin.module",
    .statistics = tileToHwStatistics,
    .numStatistics = sizeof tileToHwStatistics / sizeof *tileToHwStatistics,
    .run = runTileToHw,
};
