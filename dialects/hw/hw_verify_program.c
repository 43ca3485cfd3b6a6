/* Verifiers of hw.program (only instructions; no two buffers sharing bytes
 * live at once, except views of one root; streamed buffers used as ADC
 * epilogues) and of the data
 * movement instructions hw.recv and hw.send against their routes. */
#include <stdlib.h>
#include <string.h>

#include "hw_hooks.h"

static bool isInstruction(const IpuOp *op) {
  static const char *const names[] = {
      "hw.recv",  "hw.send",  "hw.mvm",   "hw.windows",
      "hw.accumulate", "hw.exec", "hw.input", "hw.output"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; ++i)
    if (ipuOpIsA(op, names[i]))
      return true;
  return false;
}

typedef struct {
  const IpuHwLiveRange *range;
  const IpuOp *root;  /* of its view family: members may share bytes */
  int64_t begin, end; /* bytes [begin, end) */
} Extent;

static int compareExtents(const void *a, const void *b) {
  const Extent *x = a, *y = b;
  return (x->begin > y->begin) - (x->begin < y->begin);
}

typedef struct {
  char text[128];
} Name;

static const char *symbolOf(const IpuOp *op, Name *out) {
  return hwSymbolText(op, out->text, sizeof out->text);
}

static IpuLogicalResult reportOverlap(IpuOp *program, const Extent *a,
                                      const Extent *b) {
  intptr_t at = a->range->first > b->range->first ? a->range->first
                                                  : b->range->first;
  Name na, nb;
  IpuDiagnostic *d = ipuOpCreateError(
      program,
      "buffers @%s (bytes [%lld, %lld)) and @%s (bytes [%lld, %lld)) "
      "overlap and are both live at instruction %lld",
      symbolOf(a->range->buffer, &na), (long long)a->begin, (long long)a->end,
      symbolOf(b->range->buffer, &nb), (long long)b->begin, (long long)b->end,
      (long long)at);
  ipuDiagnosticAddNote(d, ipuOpGetLoc(a->range->buffer),
                       "@%s is live at instructions [%lld, %lld]",
                       symbolOf(a->range->buffer, &na), (long long)a->range->first,
                       (long long)a->range->last);
  ipuDiagnosticAddNote(d, ipuOpGetLoc(b->range->buffer),
                       "@%s is live at instructions [%lld, %lld]",
                       symbolOf(b->range->buffer, &nb), (long long)b->range->first,
                       (long long)b->range->last);
  ipuDiagnosticReport(d);
  return IPU_FAILURE;
}

/* Buffers placed at overlapping bytes must not be live at once, unless
 * they are views of one root (one allocation, the views written in place).
 * Sorted by offset, each buffer is compared with those starting inside
 * it. */
static IpuLogicalResult checkOverlaps(IpuOp *program,
                                      const IpuHwLiveRange *ranges,
                                      intptr_t count) {
  IpuContext *ctx = ipuOpGetContext(program);
  Extent *extents = ipuCalloc(ctx, (size_t)count + 1, sizeof *extents);
  if (!extents)
    return ipuOpEmitError(program, "out of memory");
  /* Made for the first view only: most programs have none, and this runs
   * after every pass. */
  IpuSymbolTable *symbols = NULL;
  intptr_t n = 0;
  for (intptr_t i = 0; i < count; ++i) {
    int64_t offset, bytes;
    IpuOp *root = ranges[i].buffer;
    IpuHwBufferLayout layout;
    if (ranges[i].first < 0 ||
        !dialectGetIntAttr(ranges[i].buffer, "offset", &offset) ||
        !ipuHwBufferBytes(ranges[i].buffer, &bytes) || bytes == 0)
      continue;
    /* A view's bytes run from its first element to its last (a box's
     * span its base's rows); a bad chain is its buffer's verifier's. */
    if (ipuOpGetAttr(ranges[i].buffer, "base")) {
      if (!symbols &&
          !(symbols = ipuSymbolTableCreate(ipuOpGetParentOp(program)))) {
        ipuFree(ctx, extents);
        return ipuOpEmitError(program, "out of memory");
      }
      if (ipuHwBufferResolveLayout(ranges[i].buffer, symbols, &layout) ==
          IPU_HW_VIEW_OK) {
        root = layout.root;
        bytes = layout.span;
      }
    }
    extents[n++] = (Extent){&ranges[i], root, offset, offset + bytes};
  }
  if (symbols)
    ipuSymbolTableDestroy(symbols);
  qsort(extents, (size_t)n, sizeof *extents, compareExtents);
  IpuLogicalResult r = IPU_SUCCESS;
  for (intptr_t i = 0; i < n && ipuSucceeded(r); ++i)
    for (intptr_t j = i + 1;
         j < n && extents[j].begin < extents[i].end && ipuSucceeded(r); ++j)
      if (extents[i].root != extents[j].root &&
          ipuHwLiveRangesOverlap(extents[i].range, extents[j].range))
        r = reportOverlap(program, &extents[i], &extents[j]);
  ipuFree(ctx, extents);
  return r;
}

/* A streamed buffer (stream_rows) carries an ADC epilogue: written by one
 * hw.mvm or hw.accumulate and read only by the hw.exec right after it. */
static IpuLogicalResult checkStreamed(const IpuHwLiveRange *range,
                                      IpuOp *const *instrs) {
  IpuOp *buffer = range->buffer;
  if (!ipuOpGetAttr(buffer, "stream_rows") || range->first < 0)
    return IPU_SUCCESS;
  IpuOp *producer = instrs[range->first];
  IpuOp *consumer = range->last > range->first ? instrs[range->last] : NULL;
  bool ok = !range->received && range->last == range->first + 1 &&
            (ipuOpIsA(producer, "hw.mvm") ||
             ipuOpIsA(producer, "hw.accumulate")) &&
            consumer && ipuOpIsA(consumer, "hw.exec");
  if (ok) {
    /* The producer writes it and does not read it; the exec only reads. */
    IpuAttr dst = ipuOpGetAttr(producer, "dst");
    IpuAttr name = ipuOpGetSymbolName(buffer);
    ok = dst && name && ipuAttrGetKind(dst) == IPU_ATTR_SYMBOL_REF &&
         ipuStringRefEqual(ipuIdentStr(ipuSymbolRefAttrGetRoot(dst)),
                           ipuStringAttrGetValue(name));
  }
  if (ok)
    return IPU_SUCCESS;
  return ipuOpEmitError(buffer,
                        "is streamed (stream_rows), so it must be written by "
                        "one hw.mvm or hw.accumulate and read only by the "
                        "hw.exec right after it");
}

IpuLogicalResult hwVerifyProgram(IpuOp *op) {
  IpuRegion *region = ipuOpGetRegion(op, 0);
  IpuBlock *block = region ? ipuRegionGetFirstBlock(region) : NULL;
  if (block && ipuBlockGetNumArguments(block) != 0)
    return ipuOpEmitError(op, "region should have no arguments");
  intptr_t n = 0;
  for (IpuOp *o = block ? ipuBlockGetFirstOp(block) : NULL; o;
       o = ipuOpGetNext(o), ++n)
    if (!isInstruction(o))
      return ipuOpEmitError(o, "cannot be held by 'hw.program', which holds "
                               "only hw instructions");
  IpuOp *owner = ipuOpGetParentOp(op);
  if (!owner || !ipuOpIsA(owner, "hw.tile") || !n)
    return IPU_SUCCESS; /* host buffers have no offsets */
  IpuContext *ctx = ipuOpGetContext(op);
  IpuHwLiveRange *ranges;
  intptr_t count;
  if (ipuFailed(ipuHwComputeLiveRanges(owner, &ranges, &count)))
    return IPU_FAILURE;
  IpuOp **instrs = ipuCalloc(ctx, (size_t)n, sizeof *instrs);
  IpuLogicalResult r = instrs ? IPU_SUCCESS
                              : ipuOpEmitError(op, "out of memory");
  if (instrs) {
    intptr_t i = 0;
    for (IpuOp *o = ipuBlockGetFirstOp(block); o; o = ipuOpGetNext(o))
      instrs[i++] = o;
  }
  for (intptr_t i = 0; i < count && ipuSucceeded(r); ++i)
    r = checkStreamed(&ranges[i], instrs);
  if (ipuSucceeded(r))
    r = checkOverlaps(op, ranges, count);
  ipuFree(ctx, instrs);
  ipuFree(ctx, ranges);
  return r;
}

/* ---- hw.recv / hw.send. ----------------------------------------------- */

/* The route named by the instruction's `route`, looked up in the module. */
static IpuOp *resolveRoute(IpuOp *inst) {
  IpuAttr ref = ipuOpGetAttr(inst, "route");
  IpuOp *module = hwModuleOf(inst);
  IpuOp *route = ref && module ? ipuSymbolLookupIn(module, ref) : NULL;
  if (route && ipuOpIsA(route, "hw.route"))
    return route;
  DialectText text;
  ipuOpEmitError(inst, "'route' %s does not name a hw.route of the module",
                 dialectAttrText(ref, &text));
  return NULL;
}

static IpuLogicalResult verifyTransfer(IpuOp *op, bool isSend) {
  IpuOp *owner = hwOwnerOf(op);
  if (!owner)
    return ipuOpEmitError(op, "must be in the hw.program of a hw.tile or "
                              "hw.host");
  IpuOp *route = resolveRoute(op);
  IpuOp *buffer = route ? hwBufferAttr(op, isSend ? "src" : "dst") : NULL;
  if (!buffer)
    return IPU_FAILURE;
  int64_t bytes, slotBytes, whole;
  Name name;
  IpuAttr path = ipuOpGetAttr(route, "path");
  if (!dialectGetIntAttr(route, "bytes", &bytes) || !path ||
      ipuAttrGetKind(path) != IPU_ATTR_DENSE_ARRAY)
    return IPU_SUCCESS; /* the route's own verifier reports it */
  intptr_t len = ipuDenseArrayAttrGetNumElements(path);
  if (len < 6 || len % 3)
    return IPU_SUCCESS;
  if (!ipuHwBufferSlotBytes(buffer, &slotBytes))
    return IPU_SUCCESS; /* the buffer's own verifier reports it */
  whole = slotBytes;
  if (whole != bytes)
    return ipuOpEmitError(op,
                          "%s a buffer of %lld bytes over route @%s of "
                          "%lld bytes",
                          isSend ? "sends" : "receives", (long long)whole,
                          symbolOf(route, &name), (long long)bytes);
  const int64_t *p = ipuDenseArrayAttrGetData(path);
  const int64_t *end = isSend ? p : p + len - 3;
  int64_t here[3];
  char a[64], b[64];
  if (!hwOwnerPosition(owner, here))
    return IPU_SUCCESS;
  if (end[0] != here[0] || end[1] != here[1] || end[2] != here[2] ||
      (here[0] < 0) != (end[0] < 0))
    return ipuOpEmitError(op, "is on %s, but route @%s %s at %s",
                          hwPlaceText(here, a, sizeof a), symbolOf(route, &name),
                          isSend ? "starts" : "ends",
                          hwPlaceText(end, b, sizeof b));
  return IPU_SUCCESS;
}

IpuLogicalResult hwVerifyRecv(IpuOp *op) { return verifyTransfer(op, false); }
IpuLogicalResult hwVerifySend(IpuOp *op) { return verifyTransfer(op, true); }
