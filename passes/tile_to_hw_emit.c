/* tile-to-hw's instructions: each op of the function, in order, becomes
 * instructions of its place's program; values get buffers, crossing
 * channels routes with a send after the producer and a receive before the
 * first consumer, local channels alias their operand's buffer. */
#include <stdio.h>
#include <stdlib.h>

#include "ipu/hw.h"
#include "tile_to_hw.h"

static IpuAttr i64Attr(IpuContext *ctx, int64_t v) {
  return ipuIntegerAttrGet(ctx, ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS), v);
}

static IpuAttr refTo(IpuContext *ctx, IpuOp *symbol) {
  return ipuFlatSymbolRefAttrGet(
      ctx, ipuIdentGet(ctx, ipuStringAttrGetValue(ipuOpGetSymbolName(symbol))));
}

static IpuAttr nameAttr(IpuContext *ctx, const char *name) {
  return ipuStringAttrGet(ctx, ipuStringRefFromCString(name), NULL);
}

IpuOp *t2hCreateBuffer(T2h *t, intptr_t place, IpuType type,
                       IpuLocation loc) {
  T2hPlace *p = &t->places[place];
  char name[32];
  IpuAttr arrayName = p->array ? ipuOpGetSymbolName(p->array) : NULL;
  do
    snprintf(name, sizeof name, "b%lld", (long long)p->nextBuffer++);
  while (arrayName && ipuStringRefEqual(ipuStringAttrGetValue(arrayName),
                                        ipuStringRefFromCString(name)));
  IpuOpState st;
  ipuOpStateInit(&st, t->ctx, ipuStringRefFromCString("hw.buffer"), loc);
  ipuOpStateAddAttr(&st, "sym_name", nameAttr(t->ctx, name));
  ipuOpStateAddAttr(&st, "type", ipuTypeAttrGet(t->ctx, type));
  IpuOp *buffer = ipuOpCreate(&st);
  if (!buffer)
    return NULL;
  ipuBlockInsertOpBefore(p->body, p->program, buffer);
  ++t->numBuffers;
  return buffer;
}

/* A new instruction `name` with attributes, appended to the place's
 * program (when `place` >= 0) or left detached. */
static IpuOp *instr(T2h *t, intptr_t place, const char *name, IpuLocation loc,
                    intptr_t n, const char *const *keys,
                    const IpuAttr *values) {
  IpuOpState st;
  ipuOpStateInit(&st, t->ctx, ipuStringRefFromCString(name), loc);
  for (intptr_t i = 0; i < n; ++i)
    if (values[i])
      ipuOpStateAddAttr(&st, keys[i], values[i]);
  IpuOp *op = ipuOpCreate(&st);
  if (op && place >= 0) {
    ipuBlockAppendOp(t->places[place].code, op);
    ++t->numInstructions;
  }
  return op;
}

/* The route of a crossing channel, its send now and its receive later. */
static IpuLogicalResult routeChannel(T2h *t, IpuOp *channel, intptr_t src,
                                     IpuOp *srcBuffer) {
  IpuValue out = ipuOpGetResult(channel, 0);
  intptr_t dst = ipuPtrMapGetInt(&t->placeOf, channel, 0) - 1;
  IpuLocation loc = ipuOpGetLoc(channel);
  int64_t bytes;
  IpuOp *recvBuffer = t2hCreateBuffer(t, dst, ipuValueGetType(out), loc);
  if (!recvBuffer || !ipuHwBufferSlotBytes(recvBuffer, &bytes))
    return ipuOpEmitError(channel, "carries a tensor the tiles cannot "
                                   "store");
  char name[32];
  do
    snprintf(name, sizeof name, "r%lld", (long long)t->nextRoute++);
  while (ipuSymbolTableLookup(t->moduleSymbols,
                              ipuStringRefFromCString(name)));
  static const char *const routeKeys[] = {"sym_name", "path", "bytes"};
  IpuAttr routeValues[] = {nameAttr(t->ctx, name),
                           ipuOpGetAttr(channel, "hw.route"),
                           i64Attr(t->ctx, bytes)};
  IpuOp *route = instr(t, -1, "hw.route", loc, 3, routeKeys, routeValues);
  if (!route)
    return IPU_FAILURE;
  ipuBlockInsertOpBefore(ipuOpGetBlock(t->routeAnchor), t->routeAnchor,
                         route);
  ++t->numRoutes;
  static const char *const sendKeys[] = {"route", "src"};
  IpuAttr sendValues[] = {refTo(t->ctx, route), refTo(t->ctx, srcBuffer)};
  static const char *const recvKeys[] = {"route", "dst"};
  IpuAttr recvValues[] = {refTo(t->ctx, route), refTo(t->ctx, recvBuffer)};
  IpuOp *recv = instr(t, -1, "hw.recv", loc, 2, recvKeys, recvValues);
  if (!recv || !instr(t, src, "hw.send", loc, 2, sendKeys, sendValues) ||
      !ipuPtrMapPut(&t->pendingRecv, out, recv)) {
    if (recv)
      ipuOpDestroy(recv);
    return ipuOpEmitError(channel, "out of memory");
  }
  ipuPtrMapPut(&t->bufferOf, out, recvBuffer);
  return IPU_SUCCESS;
}

typedef struct {
  IpuOp *channel;
  intptr_t order;
} ChannelUse;

static int compareUses(const void *a, const void *b) {
  const ChannelUse *x = a, *y = b;
  return (x->order > y->order) - (x->order < y->order);
}

/* `v` now sits in `buffer` on `place`: local channels of it alias the
 * buffer, crossing ones are sent (in the function's order). */
static IpuLogicalResult produced(T2h *t, intptr_t place, IpuValue v,
                                 IpuOp *buffer) {
  if (!ipuPtrMapPut(&t->bufferOf, v, buffer))
    return ipuOpEmitError(t->module, "out of memory");
  intptr_t n = 0;
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u))
    n += ipuOpIsA(ipuOpOperandGetOwner(u), "tile.channel");
  if (!n)
    return IPU_SUCCESS;
  ChannelUse *uses = ipuCalloc(t->ctx, (size_t)n, sizeof *uses);
  if (!uses)
    return ipuOpEmitError(t->module, "out of memory");
  intptr_t i = 0;
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u)) {
    IpuOp *user = ipuOpOperandGetOwner(u);
    if (ipuOpIsA(user, "tile.channel"))
      uses[i++] = (ChannelUse){user, ipuPtrMapGetInt(&t->opOrder, user, 0)};
  }
  qsort(uses, (size_t)n, sizeof *uses, compareUses);
  IpuLogicalResult r = IPU_SUCCESS;
  for (i = 0; i < n && ipuSucceeded(r); ++i) {
    IpuOp *c = uses[i].channel;
    if (ipuPtrMapGetInt(&t->placeOf, c, 0) - 1 == place)
      r = ipuPtrMapPut(&t->bufferOf, ipuOpGetResult(c, 0), buffer)
              ? IPU_SUCCESS
              : ipuOpEmitError(c, "out of memory");
    else
      r = routeChannel(t, c, place, buffer);
  }
  ipuFree(t->ctx, uses);
  return r;
}

/* A new buffer for the result `v` of an op on `place`. */
static IpuOp *resultBuffer(T2h *t, intptr_t place, IpuValue v,
                           IpuOp *producer) {
  IpuOp *buffer =
      t2hCreateBuffer(t, place, ipuValueGetType(v), ipuOpGetLoc(producer));
  if (!buffer)
    ipuOpEmitError(producer, "has a result the tiles cannot store");
  return buffer;
}

/* The buffer holding `v` on `place` for the consumer `user`, after the
 * receive that fills it when it comes over a route. */
static IpuOp *input(T2h *t, intptr_t place, IpuValue v, IpuOp *user) {
  IpuOp *recv = ipuPtrMapGet(&t->pendingRecv, v);
  if (recv && !ipuOpGetBlock(recv)) {
    ipuBlockAppendOp(t->places[place].code, recv);
    ++t->numInstructions;
  }
  IpuOp *buffer = ipuPtrMapGet(&t->bufferOf, v);
  if (!buffer || ipuOpGetParentOp(buffer) != t->places[place].owner) {
    char a[64];
    ipuOpEmitError(user, "reads a value that is not on its place %s (a "
                         "channel is missing)",
                   t2hPlaceText(t, place, a, sizeof a));
    return NULL;
  }
  return buffer;
}

static IpuLogicalResult emitExec(T2h *t, IpuOp *op, intptr_t place);

/* The receives of an epilogue's resident operands go before its producer:
 * nothing may come between the producer and the epilogue. */
static IpuLogicalResult receiveEpilogueInputs(T2h *t, IpuOp *producer,
                                              intptr_t place) {
  IpuOp *simd = ipuPtrMapGet(&t->epilogue, producer);
  if (!simd)
    return IPU_SUCCESS;
  IpuValue product = ipuOpGetResult(producer, 0);
  for (intptr_t i = 0, n = ipuOpGetNumOperands(simd); i < n; ++i) {
    IpuValue v = ipuOpGetOperand(simd, i);
    IpuOp *def = ipuValueGetDefiningOp(v);
    if (v == product || (def && ipuOpIsA(def, "tile.channel") &&
                         ipuOpGetOperand(def, 0) == product))
      continue;
    if (!input(t, place, v, simd))
      return IPU_FAILURE;
  }
  return IPU_SUCCESS;
}

static IpuLogicalResult emitMvm(T2h *t, IpuOp *op, intptr_t place) {
  IpuValue in = ipuOpGetOperand(op, 0);
  IpuOp *windows = ipuValueGetDefiningOp(in);
  bool fused = windows && ipuPtrMapContains(&t->fused, windows);
  IpuOp *src = input(t, place, fused ? ipuOpGetOperand(windows, 0) : in, op);
  IpuValue out = ipuOpGetResult(op, 0);
  IpuOp *dst = src ? resultBuffer(t, place, out, op) : NULL;
  if (!dst)
    return IPU_FAILURE;
  static const char *const keys[] = {
      "block",      "src",          "dst",          "adc_bits",
      "adc_shift",  "input_bits",   "input_slices", "kernel_shape",
      "strides",    "pads",         "dilations",    "channel_begin",
      "channel_count"};
  IpuAttr values[13] = {ipuOpGetAttr(op, "block"), refTo(t->ctx, src),
                        refTo(t->ctx, dst)};
  for (int i = 3; i < 7; ++i)
    values[i] = ipuOpGetAttr(op, keys[i]);
  for (int i = 7; i < 13 && fused; ++i)
    values[i] = ipuOpGetAttr(windows, keys[i]);
  if (!instr(t, place, "hw.mvm", ipuOpGetLoc(op), 13, keys, values))
    return IPU_FAILURE;
  return produced(t, place, out, dst);
}

static IpuLogicalResult emitWindows(T2h *t, IpuOp *op, intptr_t place) {
  if (ipuPtrMapContains(&t->fused, op))
    return IPU_SUCCESS; /* its mvms form the windows */
  IpuOp *src = input(t, place, ipuOpGetOperand(op, 0), op);
  IpuValue out = ipuOpGetResult(op, 0);
  IpuOp *dst = src ? resultBuffer(t, place, out, op) : NULL;
  if (!dst)
    return IPU_FAILURE;
  static const char *const keys[] = {"src",     "dst",          "kernel_shape",
                                     "strides", "pads",         "dilations",
                                     "channel_begin", "channel_count"};
  IpuAttr values[8] = {refTo(t->ctx, src), refTo(t->ctx, dst)};
  for (int i = 2; i < 8; ++i)
    values[i] = ipuOpGetAttr(op, keys[i]);
  if (!instr(t, place, "hw.windows", ipuOpGetLoc(op), 8, keys, values))
    return IPU_FAILURE;
  return produced(t, place, out, dst);
}

/* The buffer references of an op's operands (srcs) as an array, after
 * their receives. */
static IpuAttr operandRefs(T2h *t, IpuOp *op, intptr_t place) {
  intptr_t n = ipuOpGetNumOperands(op);
  IpuAttr *refs = n ? ipuCalloc(t->ctx, (size_t)n, sizeof *refs) : NULL;
  if (n && !refs)
    return ipuOpEmitError(op, "out of memory"), NULL;
  for (intptr_t i = 0; i < n; ++i) {
    IpuOp *buffer = input(t, place, ipuOpGetOperand(op, i), op);
    if (!buffer) {
      ipuFree(t->ctx, refs);
      return NULL;
    }
    refs[i] = refTo(t->ctx, buffer);
  }
  IpuAttr array = ipuArrayAttrGet(t->ctx, n, refs);
  ipuFree(t->ctx, refs);
  return array;
}

static IpuLogicalResult emitAccumulate(T2h *t, IpuOp *op, intptr_t place) {
  IpuAttr srcs = operandRefs(t, op, place);
  IpuValue out = ipuOpGetResult(op, 0);
  IpuOp *dst = srcs ? resultBuffer(t, place, out, op) : NULL;
  if (!dst)
    return IPU_FAILURE;
  static const char *const keys[] = {"srcs", "dst"};
  IpuAttr values[] = {srcs, refTo(t->ctx, dst)};
  if (!instr(t, place, "hw.accumulate", ipuOpGetLoc(op), 2, keys, values))
    return IPU_FAILURE;
  return produced(t, place, out, dst);
}

/* The region of a tile.simd / tile.host moves into a hw.exec; its
 * tile.yield becomes a hw.yield. */
static IpuLogicalResult emitExec(T2h *t, IpuOp *op, intptr_t place) {
  IpuAttr srcs = operandRefs(t, op, place);
  if (!srcs)
    return IPU_FAILURE;
  intptr_t n = ipuOpGetNumResults(op);
  IpuOp **dsts = n ? ipuCalloc(t->ctx, (size_t)n, sizeof *dsts) : NULL;
  IpuAttr *refs = n ? ipuCalloc(t->ctx, (size_t)n, sizeof *refs) : NULL;
  IpuLogicalResult r = IPU_SUCCESS;
  if (n && (!dsts || !refs))
    r = ipuOpEmitError(op, "out of memory");
  for (intptr_t i = 0; i < n && ipuSucceeded(r); ++i) {
    dsts[i] = resultBuffer(t, place, ipuOpGetResult(op, i), op);
    r = dsts[i] ? IPU_SUCCESS : IPU_FAILURE;
    if (dsts[i])
      refs[i] = refTo(t->ctx, dsts[i]);
  }
  IpuOp *exec = NULL;
  if (ipuSucceeded(r)) {
    IpuRegion *region = ipuRegionCreate(t->ctx);
    ipuRegionTakeBody(region, ipuOpGetRegion(op, 0));
    IpuOpState st;
    ipuOpStateInit(&st, t->ctx, ipuStringRefFromCString("hw.exec"),
                   ipuOpGetLoc(op));
    ipuOpStateAddAttr(&st, "srcs", srcs);
    ipuOpStateAddAttr(&st, "dsts", ipuArrayAttrGet(t->ctx, n, refs));
    ipuOpStateAddOwnedRegions(&st, 1, &region);
    exec = ipuOpCreate(&st);
    r = exec ? IPU_SUCCESS : IPU_FAILURE;
  }
  if (exec) {
    ipuBlockAppendOp(t->places[place].code, exec);
    ++t->numInstructions;
    IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(exec, 0));
    IpuOp *yield = body ? ipuBlockGetLastOp(body) : NULL;
    if (yield && ipuOpIsA(yield, "tile.yield")) {
      IpuOpState st;
      ipuOpStateInit(&st, t->ctx, ipuStringRefFromCString("hw.yield"),
                     ipuOpGetLoc(yield));
      intptr_t m = ipuOpGetNumOperands(yield);
      for (intptr_t i = 0; i < m; ++i) {
        IpuValue v = ipuOpGetOperand(yield, i);
        ipuOpStateAddOperands(&st, 1, &v);
      }
      IpuOp *hwYield = ipuOpCreate(&st);
      if (hwYield) {
        ipuBlockInsertOpBefore(body, yield, hwYield);
        ipuOpDestroy(yield);
      }
    }
  }
  for (intptr_t i = 0; i < n && ipuSucceeded(r); ++i)
    r = produced(t, place, ipuOpGetResult(op, i), dsts[i]);
  ipuFree(t->ctx, dsts);
  ipuFree(t->ctx, refs);
  return r;
}

/* An ADC epilogue runs right after its producer, whose buffer holds only
 * two rows at a time. */
static IpuLogicalResult emitEpilogue(T2h *t, IpuOp *producer,
                                     intptr_t place) {
  IpuOp *simd = ipuPtrMapGet(&t->epilogue, producer);
  if (!simd)
    return IPU_SUCCESS;
  IpuValue out = ipuOpGetResult(producer, 0);
  IpuOp *buffer = ipuPtrMapGet(&t->bufferOf, out);
  /* Two rows: the one the ADC delivers while the SIMD unit works on the
   * other. A result of two rows or fewer is resident anyway. */
  if (buffer && ipuShapedTypeGetDimSize(ipuValueGetType(out), 0) > 2)
    ipuOpSetAttr(buffer, "stream_rows", i64Attr(t->ctx, 2));
  ipuPtrMapPut(&t->emitted, simd, simd);
  return emitExec(t, simd, place);
}

static IpuLogicalResult emitHostInputs(T2h *t) {
  for (intptr_t i = 0, n = ipuBlockGetNumArguments(t->entry); i < n; ++i) {
    IpuValue arg = ipuBlockGetArgument(t->entry, i);
    IpuOp *buffer = t2hCreateBuffer(t, T2H_HOST, ipuValueGetType(arg),
                                    ipuValueGetLoc(arg));
    if (!buffer)
      return ipuOpEmitError(t->func, "has an argument the host cannot store");
    static const char *const keys[] = {"index", "dst"};
    IpuAttr values[] = {i64Attr(t->ctx, i), refTo(t->ctx, buffer)};
    if (!instr(t, T2H_HOST, "hw.input", ipuValueGetLoc(arg), 2, keys,
               values) ||
        ipuFailed(produced(t, T2H_HOST, arg, buffer)))
      return IPU_FAILURE;
  }
  return IPU_SUCCESS;
}

static IpuLogicalResult emitOutputs(T2h *t, IpuOp *ret) {
  for (intptr_t i = 0, n = ipuOpGetNumOperands(ret); i < n; ++i) {
    IpuOp *buffer = input(t, T2H_HOST, ipuOpGetOperand(ret, i), ret);
    if (!buffer)
      return IPU_FAILURE;
    static const char *const keys[] = {"index", "src"};
    IpuAttr values[] = {i64Attr(t->ctx, i), refTo(t->ctx, buffer)};
    if (!instr(t, T2H_HOST, "hw.output", ipuOpGetLoc(ret), 2, keys, values))
      return IPU_FAILURE;
  }
  return IPU_SUCCESS;
}

IpuLogicalResult t2hEmitPrograms(T2h *t) {
  if (ipuFailed(emitHostInputs(t)))
    return IPU_FAILURE;
  for (IpuOp *op = ipuBlockGetFirstOp(t->entry); op; op = ipuOpGetNext(op)) {
    intptr_t place = ipuPtrMapGetInt(&t->placeOf, op, 0) - 1;
    IpuLogicalResult r = IPU_SUCCESS;
    bool unit = ipuOpIsA(op, "tile.mvm") || ipuOpIsA(op, "tile.accumulate");
    if (unit && ipuFailed(receiveEpilogueInputs(t, op, place)))
      return IPU_FAILURE;
    if (ipuOpIsA(op, "tile.mvm"))
      r = ipuSucceeded(emitMvm(t, op, place)) ? emitEpilogue(t, op, place)
                                              : IPU_FAILURE;
    else if (ipuOpIsA(op, "tile.accumulate"))
      r = ipuSucceeded(emitAccumulate(t, op, place))
              ? emitEpilogue(t, op, place)
              : IPU_FAILURE;
    else if (ipuOpIsA(op, "tile.windows"))
      r = emitWindows(t, op, place);
    else if (ipuOpIsA(op, "tile.simd") || ipuOpIsA(op, "tile.host"))
      r = ipuPtrMapContains(&t->emitted, op) ? IPU_SUCCESS
                                             : emitExec(t, op, place);
    else if (ipuOpIsA(op, "func.return"))
      r = emitOutputs(t, op);
    if (ipuFailed(r))
      return IPU_FAILURE;
  }
  return IPU_SUCCESS;
}
