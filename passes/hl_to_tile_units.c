/* hl-to-tile, part 2: the hl ops left after the layers are lowered go
 * into tile.simd regions (integer element-wise, activation, pooling,
 * requantization and data-movement ops) or tile.host regions (the rest:
 * float ops, LSTM, ...), and tile.channel ops mark every edge between two
 * units.
 *
 * Regions: each maximal run of consecutive ops of one kind (hl.constant
 * ops in between do not break a run) becomes one region, except that a
 * concat joining a grouped layer's groups (or a split layer's parts) is a
 * region alone, and a concat of tile products that only the host reads is
 * a host op; constants a region reads are cloned inside (the regions are
 * isolated from above). Values defined outside become the region's
 * arguments, values used outside are yielded.
 *
 * Channels: the units are the function's inputs and outputs (the host
 * side), each lowered layer (its windows, mvm and accumulate ops), each
 * tile.simd / tile.host region and any other op. Where a value made by
 * one unit is read by another, one tile.channel per (value, reading unit)
 * carries it, placed right after the value's definition. */
#include <string.h>

#include "hl_to_tile.h"

typedef enum { K_OTHER, K_CONST, K_TILE, K_SIMD, K_HOST } Kind;

static const char *const simdOps[] = {
    "hl.requantize", "hl.add",       "hl.sub",        "hl.mul",
    "hl.max",        "hl.min",       "hl.neg",        "hl.abs",
    "hl.relu",       "hl.clip",      "hl.maxpool",    "hl.avgpool",
    "hl.global_avgpool", "hl.global_maxpool", "hl.reshape", "hl.flatten",
    "hl.transpose",  "hl.concat",    "hl.slice",      "hl.pad",
    "hl.identity",   "hl.expand",    "hl.tile",       "hl.dropout",
    "hl.sign",       "hl.where",     "hl.gather",     "hl.resize",
    NULL};

static Kind classify(IpuOp *op) {
  const char *name = ipuIdentCStr(ipuOpGetName(op));
  if (!strcmp(name, "hl.constant"))
    return K_CONST;
  if (!strcmp(name, "tile.windows") || !strcmp(name, "tile.mvm") ||
      !strcmp(name, "tile.accumulate"))
    return K_TILE;
  if (strncmp(name, "hl.", 3) || ipuOpGetNumRegions(op))
    return K_OTHER;
  bool simd = false;
  for (int i = 0; simdOps[i]; ++i)
    simd = simd || !strcmp(name, simdOps[i]);
  for (intptr_t i = 0; simd && i < ipuOpGetNumOperands(op); ++i)
    simd = htIsIntegerTensor(ipuValueGetType(ipuOpGetOperand(op, i)));
  for (intptr_t i = 0; simd && i < ipuOpGetNumResults(op); ++i)
    simd = htIsIntegerTensor(ipuValueGetType(ipuOpGetResult(op, i)));
  return simd ? K_SIMD : K_HOST;
}

typedef struct {
  IpuOp **ops;
  intptr_t num, cap;
  Kind kind;
  bool epilogue; /* a SIMD run of position-wise ops on a layer's product */
} Run;

/* The ops an ADC epilogue may hold, the list tile-to-hw streams. */
static bool isPositionWise(IpuOp *op) {
  return ipuPassOpIsOneOf(op, ipuPassPositionWiseOps);
}

static bool readsLayerProduct(IpuOp *op) {
  for (intptr_t i = 0; i < ipuOpGetNumOperands(op); ++i) {
    IpuOp *def = ipuValueGetDefiningOp(ipuOpGetOperand(op, i));
    if (def && (ipuOpIsA(def, "tile.mvm") || ipuOpIsA(def, "tile.accumulate")))
      return true;
  }
  return false;
}

static bool push(IpuContext *ctx, void **arr, intptr_t *num, intptr_t *cap,
                 size_t size, const void *item) {
  if (*num == *cap) {
    intptr_t c = *cap ? 2 * *cap : 16;
    void *grown = ipuRealloc(ctx, *arr, (size_t)c * size);
    if (!grown)
      return false;
    *arr = grown;
    *cap = c;
  }
  memcpy((char *)*arr + (size_t)*num * size, item, size);
  ++*num;
  return true;
}

/* Wraps the ops of `run` into one tile.simd / tile.host. */
static bool wrapRun(HtState *st, Run *run) {
  IpuContext *ctx = st->ctx;
  IpuPtrMap inRun, argOf, constOf;
  ipuPtrMapInit(&inRun, ctx);
  ipuPtrMapInit(&argOf, ctx);
  ipuPtrMapInit(&constOf, ctx);
  IpuValue *inputs = NULL, *outputs = NULL;
  IpuType *types = NULL;
  IpuOpOperand **uses = NULL;
  intptr_t numIn = 0, capIn = 0, numOut = 0, capOut = 0, numTypes = 0,
           capTypes = 0, numUses = 0, capUses = 0;
  bool ok = true;
  IpuOp *last = run->ops[run->num - 1];
  IpuOp *after = ipuOpGetNext(last);
  IpuLocation loc = ipuOpGetLoc(run->ops[0]);
  for (intptr_t i = 0; ok && i < run->num; ++i)
    ok = ipuPtrMapPut(&inRun, run->ops[i], NULL);
  /* Arguments and yielded values. */
  for (intptr_t i = 0; ok && i < run->num; ++i) {
    IpuOp *op = run->ops[i];
    for (intptr_t j = 0; ok && j < ipuOpGetNumOperands(op); ++j) {
      IpuValue v = ipuOpGetOperand(op, j);
      IpuOp *def = ipuValueGetDefiningOp(v);
      if ((def && (ipuPtrMapContains(&inRun, def) ||
                   ipuOpIsA(def, "hl.constant"))) ||
          ipuPtrMapContains(&argOf, v))
        continue;
      ok = ipuPtrMapPutInt(&argOf, v, numIn) &&
           push(ctx, (void **)&inputs, &numIn, &capIn, sizeof v, &v);
      IpuType t = ipuValueGetType(v);
      ok = ok && push(ctx, (void **)&types, &numTypes, &capTypes, sizeof t,
                      &t);
    }
    for (intptr_t j = 0; ok && j < ipuOpGetNumResults(op); ++j) {
      IpuValue r = ipuOpGetResult(op, j);
      bool escapes = false;
      for (IpuOpOperand *u = ipuValueGetFirstUse(r); u;
           u = ipuOpOperandGetNextUse(u))
        escapes = escapes ||
                  !ipuPtrMapContains(&inRun, ipuOpOperandGetOwner(u));
      if (escapes)
        ok = push(ctx, (void **)&outputs, &numOut, &capOut, sizeof r, &r);
    }
  }
  IpuBlock *block = ok ? ipuBlockCreate(ctx, numIn, types, NULL) : NULL;
  ok = ok && block;
  /* Move the ops in, cloning the constants they read. */
  for (intptr_t i = 0; ok && i < run->num; ++i) {
    IpuOp *op = run->ops[i];
    ipuOpRemoveFromBlock(op);
    ipuBlockAppendOp(block, op);
    for (intptr_t j = 0; ok && j < ipuOpGetNumOperands(op); ++j) {
      IpuValue v = ipuOpGetOperand(op, j);
      IpuOp *def = ipuValueGetDefiningOp(v);
      if (def && ipuPtrMapContains(&inRun, def))
        continue;
      if (def && ipuOpIsA(def, "hl.constant")) {
        IpuOp *copy = ipuPtrMapGet(&constOf, def);
        if (!copy) {
          copy = ipuOpClone(def);
          ok = copy && ipuPtrMapPut(&constOf, def, copy);
          if (!ok) {
            if (copy)
              ipuOpDestroy(copy);
            break;
          }
          ipuBlockInsertOpBefore(block, op, copy);
        }
        ipuOpSetOperand(op, j,
                        ipuOpGetResult(copy, ipuValueGetIndex(v)));
      } else {
        ipuOpSetOperand(op, j, ipuBlockGetArgument(
                                   block, ipuPtrMapGetInt(&argOf, v, 0)));
      }
    }
  }
  IpuOp *unit = NULL;
  if (ok) {
    IpuOpState ys;
    ipuOpStateInit(&ys, ctx, ipuStringRefFromCString("tile.yield"),
                   ipuOpGetLoc(last));
    ipuOpStateAddOperands(&ys, numOut, outputs);
    IpuOp *yield = ipuOpCreate(&ys);
    ok = yield != NULL;
    if (ok)
      ipuBlockAppendOp(block, yield);
  }
  if (ok) {
    /* The uses outside, collected before the region takes them. */
    IpuType *resultTypes = ipuCalloc(ctx, (size_t)numOut + 1,
                                     sizeof *resultTypes);
    ok = resultTypes != NULL;
    for (intptr_t i = 0; ok && i < numOut; ++i)
      resultTypes[i] = ipuValueGetType(outputs[i]);
    IpuRegion *region = ok ? ipuRegionCreate(ctx) : NULL;
    ok = ok && region;
    if (ok) {
      ipuRegionAppendBlock(region, block);
      block = NULL;
      IpuOpState os;
      ipuOpStateInit(&os, ctx,
                     ipuStringRefFromCString(run->kind == K_SIMD ? "tile.simd"
                                                                 : "tile.host"),
                     loc);
      ipuOpStateAddOperands(&os, numIn, inputs);
      ipuOpStateAddResults(&os, numOut, resultTypes);
      ipuOpStateAddOwnedRegions(&os, 1, &region);
      unit = ipuOpCreate(&os);
      ok = unit != NULL;
    }
    ipuFree(ctx, resultTypes);
  }
  if (ok) {
    if (after)
      ipuBlockInsertOpBefore(ipuOpGetBlock(after), after, unit);
    for (intptr_t i = 0; ok && i < numOut; ++i) {
      numUses = 0;
      for (IpuOpOperand *u = ipuValueGetFirstUse(outputs[i]); ok && u;
           u = ipuOpOperandGetNextUse(u))
        if (!ipuOpIsProperAncestor(unit, ipuOpOperandGetOwner(u)))
          ok = push(ctx, (void **)&uses, &numUses, &capUses, sizeof u, &u);
      for (intptr_t k = 0; ok && k < numUses; ++k)
        ipuOpOperandSet(uses[k], ipuOpGetResult(unit, i));
    }
    if (run->kind == K_SIMD) {
      st->numSimdRegions++;
      st->numSimdOps += run->num;
    } else {
      st->numHostRegions++;
      st->numHostOps += run->num;
    }
  }
  if (block)
    ipuBlockDestroy(block);
  if (!ok)
    ipuEmitError(ctx, loc, "hl-to-tile: out of memory");
  ipuPtrMapDestroy(&inRun);
  ipuPtrMapDestroy(&argOf);
  ipuPtrMapDestroy(&constOf);
  ipuFree(ctx, inputs);
  ipuFree(ctx, outputs);
  ipuFree(ctx, types);
  ipuFree(ctx, uses);
  return ok;
}

static bool flush(HtState *st, Run *run) {
  bool ok = run->num == 0 || wrapRun(st, run);
  run->num = 0;
  return ok;
}

/* The unit of a value's producer or of a consumer op: 1 is the host side
 * (function inputs and outputs), 0 no unit (constants), layers and
 * other ops their own. */
static intptr_t unitOf(HtState *st, IpuOp *op) {
  if (!op || ipuOpIsA(op, "func.return"))
    return 1;
  if (ipuOpIsA(op, "hl.constant"))
    return 0;
  intptr_t layer = ipuPtrMapGetInt(&st->layerOf, op, 0);
  if (layer)
    return -layer;
  return (intptr_t)op;
}

typedef struct {
  IpuOpOperand **uses;
  intptr_t numUses, capUses;
  intptr_t *units;
  IpuValue *channels;
  intptr_t numUnits, capUnits, numChannels, capChannels;
} ChannelScratch;

/* Gives each other unit reading `v` (made by `producer`) its own channel,
 * placed after `after` (at the start of `body` when NULL). */
static bool channelValue(HtState *st, IpuBlock *body, IpuValue v,
                         intptr_t producer, IpuOp *after, ChannelScratch *s) {
  IpuContext *ctx = st->ctx;
  bool ok = true;
  if (producer == 0 ||
      ipuTypeGetKind(ipuValueGetType(v)) != IPU_TYPE_RANKED_TENSOR)
    return true;
  s->numUses = s->numUnits = s->numChannels = 0;
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); ok && u;
       u = ipuOpOperandGetNextUse(u))
    ok = push(ctx, (void **)&s->uses, &s->numUses, &s->capUses,
              sizeof u, &u);
  for (intptr_t k = 0; ok && k < s->numUses; ++k) {
    IpuOp *owner = ipuOpOperandGetOwner(s->uses[k]);
    if (ipuOpGetBlock(owner) != body)
      continue;
    intptr_t consumer = unitOf(st, owner);
    if (consumer == producer || consumer == 0)
      continue;
    intptr_t found = -1;
    for (intptr_t c = 0; c < s->numUnits; ++c)
      if (s->units[c] == consumer)
        found = c;
    if (found < 0) {
      IpuOpState cs;
      ipuOpStateInit(&cs, ctx, ipuStringRefFromCString("tile.channel"),
                     ipuValueGetLoc(v));
      ipuOpStateAddOperands(&cs, 1, &v);
      IpuType t = ipuValueGetType(v);
      ipuOpStateAddResults(&cs, 1, &t);
      IpuOp *ch = ipuOpCreate(&cs);
      if (!ch)
        return false;
      if (after)
        ipuOpMoveAfter(ch, after);
      else
        ipuBlockInsertOpBefore(body, ipuBlockGetFirstOp(body), ch);
      after = ch;
      IpuValue cv = ipuOpGetResult(ch, 0);
      found = s->numUnits;
      ok = push(ctx, (void **)&s->units, &s->numUnits, &s->capUnits,
                sizeof consumer, &consumer) &&
           push(ctx, (void **)&s->channels, &s->numChannels,
                &s->capChannels, sizeof cv, &cv);
      st->numChannels++;
    }
    if (ok)
      ipuOpOperandSet(s->uses[k], s->channels[found]);
  }
  return ok;
}

static bool insertChannels(HtState *st, IpuBlock *body) {
  ChannelScratch s;
  memset(&s, 0, sizeof s);
  bool ok = true;
  IpuOp *firstOp = ipuBlockGetFirstOp(body);
  for (intptr_t i = 0; ok && i < ipuBlockGetNumArguments(body); ++i)
    ok = channelValue(st, body, ipuBlockGetArgument(body, i), 1, NULL, &s);
  IpuOp *next;
  for (IpuOp *op = firstOp; ok && op; op = next) {
    next = ipuOpGetNext(op);
    for (intptr_t i = 0; ok && i < ipuOpGetNumResults(op); ++i)
      ok = channelValue(st, body, ipuOpGetResult(op, i), unitOf(st, op), op,
                        &s);
  }
  if (!ok)
    ipuEmitError(st->ctx, ipuOpGetLoc(ipuBlockGetParentOp(body)),
                 "hl-to-tile: out of memory");
  ipuFree(st->ctx, s.uses);
  ipuFree(st->ctx, s.units);
  ipuFree(st->ctx, s.channels);
  return ok;
}

/* Whether `v` is made on a tile: by a layer's unit or a tile.simd (the
 * ops before the op being partitioned are in their regions already). */
static bool madeOnTile(IpuValue v) {
  IpuOp *def = ipuValueGetDefiningOp(v);
  if (!def)
    return false;
  Kind k = classify(def);
  return k == K_TILE || k == K_SIMD || ipuOpIsA(def, "tile.simd");
}

/* Whether `v` is made on the host: a function input, or the result of an
 * op that went (or goes) into a host region. */
static bool madeOnHost(IpuValue v, const IpuPtrMap *hostOps) {
  IpuOp *def = ipuValueGetDefiningOp(v);
  return !def || ipuOpIsA(def, "tile.host") || ipuPtrMapContains(hostOps, def);
}

/* A concat of tile products read only by the host (host ops and the
 * function's return) runs on the host: in a tile.simd it would hold the
 * whole joined value on one tile just to send it on, while on the host
 * each product arrives on its own and the join costs no tile SRAM. */
static bool joinsForHost(IpuOp *op) {
  if (!ipuOpIsA(op, "hl.concat") || ipuOpGetNumResults(op) != 1 ||
      !ipuValueGetFirstUse(ipuOpGetResult(op, 0)))
    return false;
  for (intptr_t i = 0; i < ipuOpGetNumOperands(op); ++i)
    if (!madeOnTile(ipuOpGetOperand(op, i)))
      return false;
  for (IpuOpOperand *u = ipuValueGetFirstUse(ipuOpGetResult(op, 0)); u;
       u = ipuOpOperandGetNextUse(u)) {
    IpuOp *user = ipuOpOperandGetOwner(u);
    if (!ipuOpIsA(user, "func.return") && classify(user) != K_HOST)
      return false;
  }
  return true;
}

/* A constant the function returns (ONNX Shape and Size fold to one)
 * gets a copy of its own right before the return, which goes into a host
 * region: the host makes the output, as it makes every output, and the
 * other readers keep the constant they clone into their regions. */
static bool hostReturnedConstants(HtState *st, IpuBlock *body,
                                  IpuPtrMap *hostConstants) {
  IpuOp *ret = ipuBlockGetTerminator(body);
  if (!ret || !ipuOpIsA(ret, "func.return"))
    return true;
  for (intptr_t i = 0; i < ipuOpGetNumOperands(ret); ++i) {
    IpuOp *def = ipuValueGetDefiningOp(ipuOpGetOperand(ret, i));
    if (!def || !ipuOpIsA(def, "hl.constant"))
      continue;
    IpuOp *copy = ipuOpClone(def);
    if (!copy || !ipuPtrMapPut(hostConstants, copy, copy)) {
      if (copy)
        ipuOpDestroy(copy);
      ipuEmitError(st->ctx, ipuOpGetLoc(ret), "hl-to-tile: out of memory");
      return false;
    }
    ipuBlockInsertOpBefore(body, ret, copy);
    ipuOpSetOperand(ret, i, ipuOpGetResult(copy, 0));
    ipuPassEraseIfDeadConstant(def);
  }
  return true;
}

bool htPartition(HtState *st, IpuBlock *body) {
  Run run = {NULL, 0, 0, K_OTHER, false};
  IpuPtrMap hostConstants, hostOps;
  ipuPtrMapInit(&hostConstants, st->ctx);
  ipuPtrMapInit(&hostOps, st->ctx);
  bool ok = hostReturnedConstants(st, body, &hostConstants);
  IpuOp *next;
  for (IpuOp *op = ipuBlockGetFirstOp(body); ok && op; op = next) {
    next = ipuOpGetNext(op);
    Kind k = classify(op);
    if (k == K_CONST && ipuPtrMapContains(&hostConstants, op))
      k = K_HOST;
    if (k == K_CONST)
      continue;
    if (k == K_SIMD && joinsForHost(op))
      k = K_HOST;
    /* A slice of a value the host makes (a row band's input rows) is cut
     * on the host, so that only the band crosses the host link. */
    if (k == K_SIMD && ipuOpIsA(op, "hl.slice") &&
        madeOnHost(ipuOpGetOperand(op, 0), &hostOps))
      k = K_HOST;
    if (k == K_HOST && !ipuPtrMapPut(&hostOps, op, op))
      ok = false;
    /* A grouped layer's join is a region of its own (a concat the
     * backend makes free: its operands become views of its result). */
    bool join = k == K_SIMD && ipuPtrMapGetInt(&st->joinOps, op, 0);
    /* A layer's position-wise epilogue ends before the first op that is
     * not (a pooling, ...), so that it streams on the product and only
     * its (narrower) result stays in SRAM for the rest. */
    bool endsEpilogue = k == K_SIMD && run.kind == K_SIMD && run.epilogue &&
                        !isPositionWise(op);
    if (join || endsEpilogue || k != run.kind ||
        (k != K_SIMD && k != K_HOST))
      ok = flush(st, &run);
    if (run.num == 0)
      run.epilogue = k == K_SIMD && readsLayerProduct(op);
    run.epilogue = run.epilogue && isPositionWise(op);
    run.kind = k;
    if (ok && (k == K_SIMD || k == K_HOST))
      ok = push(st->ctx, (void **)&run.ops, &run.num, &run.cap,
                sizeof op, &op);
    if (ok && join) {
      ok = flush(st, &run);
      run.kind = K_OTHER;
    }
  }
  ok = ok && flush(st, &run);
  ipuFree(st->ctx, run.ops);
  ipuPtrMapDestroy(&hostConstants);
  ipuPtrMapDestroy(&hostOps);
  /* Constants only the regions read are dead now. */
  for (IpuOp *op = ipuBlockGetFirstOp(body); ok && op; op = next) {
    next = ipuOpGetNext(op);
    ipuPassEraseIfDeadConstant(op);
  }
  return ok && insertChannels(st, body);
}
