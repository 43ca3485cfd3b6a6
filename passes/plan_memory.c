/* The plan-memory pass: SRAM offsets for every hw.buffer of every hw.tile
 * from the buffers' lifetimes in the tile's program (largest first, first
 * fit among the buffers live at the same time), receive buffers double-
 * buffered when they fit, offsets aligned, views inside their roots. */
#include <stdlib.h>
#include <string.h>

#include "ipu/target.h"
#include "plan_memory.h"

static int64_t alignUp(int64_t v, int64_t alignment) {
  return (v + alignment - 1) / alignment * alignment;
}

typedef struct {
  int64_t begin, end;
} Interval;

static int compareIntervals(const void *a, const void *b) {
  const Interval *x = a, *y = b;
  return (x->begin > y->begin) - (x->begin < y->begin);
}

/* Largest first; ties: earliest live, then body order (deterministic). */
static int compareOrder(const void *a, const void *b) {
  const PmBuffer *x = *(const PmBuffer *const *)a;
  const PmBuffer *y = *(const PmBuffer *const *)b;
  if (x->bytes != y->bytes)
    return (x->bytes < y->bytes) - (x->bytes > y->bytes);
  if (x->first != y->first)
    return (x->first > y->first) - (x->first < y->first);
  return (x > y) - (x < y);
}

static bool overlapsInTime(const PmBuffer *a, const PmBuffer *b) {
  return a->first >= 0 && b->first >= 0 && a->first <= b->last &&
         b->first <= a->last;
}

/* First fit, largest first. Fails only when out of memory. */
static bool planTile(IpuContext *ctx, PmTile *t, int64_t alignment) {
  intptr_t n = t->count;
  PmBuffer **order = ipuCalloc(ctx, (size_t)n + 1, sizeof *order);
  Interval *busy = ipuCalloc(ctx, (size_t)n + 1, sizeof *busy);
  if (!order || !busy) {
    ipuFree(ctx, order);
    ipuFree(ctx, busy);
    return false;
  }
  intptr_t roots = 0;
  for (intptr_t i = 0; i < n; ++i) {
    t->buffers[i].bytes = t->buffers[i].slots * t->buffers[i].slotBytes;
    if (t->buffers[i].root == i)
      order[roots++] = &t->buffers[i];
  }
  qsort(order, (size_t)roots, sizeof *order, compareOrder);
  t->peak = 0;
  for (intptr_t i = 0; i < roots; ++i) {
    PmBuffer *b = order[i];
    intptr_t k = 0;
    for (intptr_t j = 0; j < i; ++j)
      if (overlapsInTime(b, order[j]))
        busy[k++] = (Interval){order[j]->offset,
                               order[j]->offset + order[j]->bytes};
    qsort(busy, (size_t)k, sizeof *busy, compareIntervals);
    int64_t at = 0;
    for (intptr_t j = 0; j < k; ++j) {
      if (at + b->bytes <= busy[j].begin)
        break;
      if (busy[j].end > at)
        at = alignUp(busy[j].end, alignment);
    }
    b->offset = at;
    if (b->first >= 0 && at + b->bytes > t->peak)
      t->peak = at + b->bytes;
  }
  /* A view is where its root's plan puts it. */
  for (intptr_t i = 0; i < n; ++i) {
    PmBuffer *b = &t->buffers[i];
    if (b->root != i)
      b->offset = t->buffers[b->root].offset + b->viewOffset;
  }
  ipuFree(ctx, order);
  ipuFree(ctx, busy);
  return true;
}

/* The most bytes live at one instruction (a lower bound on any plan). */
static bool lowerBound(IpuContext *ctx, PmTile *t) {
  intptr_t span = 0;
  for (intptr_t i = 0; i < t->count; ++i)
    if (t->buffers[i].last + 1 > span)
      span = t->buffers[i].last + 1;
  int64_t *delta = ipuCalloc(ctx, (size_t)span + 2, sizeof *delta);
  if (!delta)
    return false;
  for (intptr_t i = 0; i < t->count; ++i) {
    const PmBuffer *b = &t->buffers[i];
    if (b->first < 0 || b->root != i)
      continue; /* a family counts once, as its root */
    delta[b->first] += b->bytes;
    delta[b->last + 1] -= b->bytes;
  }
  int64_t live = 0;
  t->bound = 0;
  for (intptr_t i = 0; i <= span; ++i) {
    live += delta[i];
    if (live > t->bound)
      t->bound = live;
  }
  ipuFree(ctx, delta);
  return true;
}

static bool planWithSlots(IpuContext *ctx, PmTile *t, bool doubleBuffer,
                          int64_t alignment) {
  for (intptr_t i = 0; i < t->count; ++i)
    t->buffers[i].slots =
        t->buffers[i].received && doubleBuffer && !t->buffers[i].family ? 2
                                                                        : 1;
  return planTile(ctx, t, alignment) && lowerBound(ctx, t);
}

/* View families: each buffer's root and offset in it; a root's lifetime
 * becomes the union of its family's (one allocation holds them all). */
static IpuLogicalResult collectViews(IpuContext *ctx, IpuOp *tile,
                                     PmTile *t) {
  bool any = false;
  for (intptr_t i = 0; i < t->count && !any; ++i)
    any = ipuOpGetAttr(t->buffers[i].buffer, "base") != NULL;
  if (!any)
    return IPU_SUCCESS;
  IpuSymbolTable *symbols = ipuSymbolTableCreate(tile);
  IpuPtrMap index;
  ipuPtrMapInit(&index, ctx);
  bool ok = symbols != NULL;
  for (intptr_t i = 0; i < t->count && ok; ++i)
    ok = ipuPtrMapPutInt(&index, t->buffers[i].buffer, i + 1);
  if (!ok) {
    ipuPtrMapDestroy(&index);
    if (symbols)
      ipuSymbolTableDestroy(symbols);
    return ipuOpEmitError(tile, "out of memory");
  }
  IpuLogicalResult r = IPU_SUCCESS;
  for (intptr_t i = 0; i < t->count && ipuSucceeded(r); ++i) {
    PmBuffer *b = &t->buffers[i];
    IpuHwBufferLayout layout;
    if (!ipuOpGetAttr(b->buffer, "base"))
      continue;
    if (ipuHwBufferResolveLayout(b->buffer, symbols, &layout) !=
        IPU_HW_VIEW_OK) {
      r = ipuOpEmitError(b->buffer, "is a view whose chain of bases does "
                                    "not end at a buffer of its tile");
      break;
    }
    IpuOp *root = layout.root;
    b->viewOffset = layout.offset;
    b->box = layout.boxed;
    intptr_t at = ipuPtrMapGetInt(&index, root, 0) - 1;
    if (at < 0) {
      r = ipuOpEmitError(b->buffer, "is a view of a buffer of another tile");
      break;
    }
    b->root = at;
    b->family = t->buffers[at].family = true;
  }
  /* Union of lifetimes onto the roots, from the views' own ranges. */
  for (intptr_t i = 0; i < t->count && ipuSucceeded(r); ++i) {
    PmBuffer *b = &t->buffers[i], *root = &t->buffers[b->root];
    if (b->root == i || b->first < 0)
      continue;
    if (root->first < 0 || b->first < root->first)
      root->first = b->first;
    if (b->last > root->last)
      root->last = b->last;
  }
  ipuPtrMapDestroy(&index);
  ipuSymbolTableDestroy(symbols);
  return r;
}

static IpuLogicalResult collectTile(IpuContext *ctx, IpuOp *tile, PmTile *t) {
  IpuHwLiveRange *ranges;
  intptr_t count;
  if (ipuFailed(ipuHwComputeLiveRanges(tile, &ranges, &count)))
    return IPU_FAILURE;
  *t = (PmTile){.tile = tile};
  IpuAttr a;
  if ((a = ipuOpGetAttr(tile, "chip")))
    t->chip = ipuIntegerAttrGetInt(a);
  if ((a = ipuOpGetAttr(tile, "x")))
    t->x = ipuIntegerAttrGetInt(a);
  if ((a = ipuOpGetAttr(tile, "y")))
    t->y = ipuIntegerAttrGetInt(a);
  t->buffers = count ? ipuCalloc(ctx, (size_t)count, sizeof *t->buffers)
                     : NULL;
  if (count && !t->buffers) {
    ipuFree(ctx, ranges);
    return ipuOpEmitError(tile, "out of memory");
  }
  t->count = count;
  for (intptr_t i = 0; i < count; ++i) {
    PmBuffer *b = &t->buffers[i];
    *b = (PmBuffer){.buffer = ranges[i].buffer,
                    .first = ranges[i].first,
                    .last = ranges[i].last,
                    .received = ranges[i].received,
                    .root = i};
    if (!ipuHwBufferSlotBytes(b->buffer, &b->slotBytes)) {
      ipuFree(ctx, ranges);
      return ipuOpEmitError(b->buffer, "has a type whose size is unknown");
    }
  }
  ipuFree(ctx, ranges);
  return collectViews(ctx, tile, t);
}

static IpuAttr i64Attr(IpuContext *ctx, int64_t v) {
  return ipuIntegerAttrGet(ctx, ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS), v);
}

static void applyPlan(IpuContext *ctx, const PmTile *t) {
  for (intptr_t i = 0; i < t->count; ++i) {
    const PmBuffer *b = &t->buffers[i];
    ipuOpSetAttr(b->buffer, "offset", i64Attr(ctx, b->offset));
    ipuOpSetAttr(b->buffer, "slots", b->slots > 1 ? i64Attr(ctx, b->slots)
                                                  : NULL);
  }
}

typedef struct {
  PmTile *tiles;
  intptr_t count, cap;
} Tiles;

static void freeTiles(IpuContext *ctx, Tiles *ts) {
  for (intptr_t i = 0; i < ts->count; ++i)
    ipuFree(ctx, ts->tiles[i].buffers);
  ipuFree(ctx, ts->tiles);
}

static IpuLogicalResult runPlan(IpuOp *module, IpuPassRun *run, Tiles *ts) {
  IpuContext *ctx = ipuPassRunGetContext(run);
  int64_t alignment = ipuPassRunGetInt(run, "alignment");
  bool doubleBuffer = ipuPassRunGetBool(run, "double-buffer");
  if (alignment < IPU_HW_BUFFER_ALIGNMENT ||
      alignment % IPU_HW_BUFFER_ALIGNMENT != 0)
    return ipuOpEmitError(module,
                          "plan-memory: alignment %lld is not a positive "
                          "multiple of %d",
                          (long long)alignment, IPU_HW_BUFFER_ALIGNMENT);
  IpuTarget target;
  if (ipuFailed(ipuModuleGetTarget(module, true, &target)))
    return IPU_FAILURE;
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0));
  bool failed = false;
  for (IpuOp *op = body ? ipuBlockGetFirstOp(body) : NULL; op;
       op = ipuOpGetNext(op)) {
    if (!ipuOpIsA(op, "hw.tile"))
      continue;
    if (ts->count == ts->cap) {
      intptr_t cap = ts->cap ? ts->cap * 2 : 16;
      PmTile *grown = ipuRealloc(ctx, ts->tiles, (size_t)cap * sizeof *grown);
      if (!grown)
        return ipuOpEmitError(module, "out of memory");
      ts->tiles = grown;
      ts->cap = cap;
    }
    PmTile *t = &ts->tiles[ts->count];
    if (ipuFailed(collectTile(ctx, op, t)))
      return IPU_FAILURE;
    ++ts->count;
    if (!planWithSlots(ctx, t, doubleBuffer, alignment))
      return ipuOpEmitError(op, "out of memory");
    if (t->peak > target.sramBytesPerTile && doubleBuffer) {
      int64_t doublePeak = t->peak;
      if (!planWithSlots(ctx, t, false, alignment))
        return ipuOpEmitError(op, "out of memory");
      if (t->peak <= target.sramBytesPerTile)
        ipuOpEmitRemark(op,
                        "tile (%lld, %lld, %lld): double buffers need %lld "
                        "bytes of SRAM but the tile has %lld; receiving "
                        "into single buffers",
                        (long long)t->chip, (long long)t->x,
                        (long long)t->y, (long long)doublePeak,
                        (long long)target.sramBytesPerTile);
    }
    if (t->peak > target.sramBytesPerTile) {
      pmReportOverflow(t, target.sramBytesPerTile);
      failed = true;
      continue;
    }
    applyPlan(ctx, t);
  }
  if (failed)
    return IPU_FAILURE;

  int64_t peak = 0, bound = 0, sumPeak = 0, sumBound = 0, worst = 0;
  int64_t numBuffers = 0, numDouble = 0, numViews = 0;
  for (intptr_t i = 0; i < ts->count; ++i) {
    const PmTile *t = &ts->tiles[i];
    peak = t->peak > peak ? t->peak : peak;
    bound = t->bound > bound ? t->bound : bound;
    sumPeak += t->peak;
    sumBound += t->bound;
    int64_t ratio = t->bound ? (int64_t)((double)t->peak / t->bound * 1e6)
                             : 1000000;
    worst = ratio > worst ? ratio : worst;
    for (intptr_t j = 0; j < t->count; ++j) {
      bool view = t->buffers[j].root != j;
      numViews += view;
      numBuffers += !view;
      numDouble += t->buffers[j].slots > 1;
    }
  }
  ipuPassRunAddStatistic(run, "peak-bytes", peak);
  ipuPassRunAddStatistic(run, "lower-bound-bytes", bound);
  ipuPassRunAddStatistic(
      run, "peak-ratio-ppm",
      sumBound ? (int64_t)((double)sumPeak / sumBound * 1e6) : 1000000);
  ipuPassRunAddStatistic(run, "peak-ratio-max-ppm", ts->count ? worst : 0);
  ipuPassRunAddStatistic(run, "num-buffers", numBuffers);
  ipuPassRunAddStatistic(run, "num-double-buffers", numDouble);
  ipuPassRunAddStatistic(run, "num-views", numViews);
  const char *report = ipuPassRunGetString(run, "report");
  if (report && *report && !pmWriteReport(module, ts->tiles, ts->count,
                                          report))
    return IPU_FAILURE;
  return IPU_SUCCESS;
}

static IpuLogicalResult runPlanMemory(IpuOp *module, IpuPassRun *run) {
  Tiles ts = {0};
  IpuLogicalResult r = runPlan(module, run, &ts);
  freeTiles(ipuPassRunGetContext(run), &ts);
  return r;
}

static const IpuPassOptionDef planMemoryOptions[] = {
    {"alignment", IPU_OPTION_INT, "16",
     "Alignment of every offset in bytes (a multiple of 16)", NULL},
    {"double-buffer", IPU_OPTION_BOOL, "true",
     "Two slots for every buffer a hw.recv fills (single ones on a tile "
     "where they do not fit)",
     NULL},
    {"report", IPU_OPTION_STRING, NULL,
     "Write the plan of every tile as JSON to this file", NULL},
};

static const IpuPassStatisticDef planMemoryStatistics[] = {
    {"peak-bytes", "Max over tiles of the top of the plan"},
    {"lower-bound-bytes", "Max over tiles of the bytes live at once"},
    {"peak-ratio-ppm", "Sum of the tiles' peaks / sum of their bounds, ppm"},
    {"peak-ratio-max-ppm", "The worst tile's peak / bound, ppm"},
    {"num-buffers", "Allocations planned (a view family counts once)"},
    {"num-double-buffers", "Receive buffers given two slots"},
    {"num-views", "Buffers placed inside another (views)"},
};

const IpuPassDef ipuPlanMemoryPass = {
    .argument = "plan-memory",
    .summary = "Give every hw.buffer of every tile its SRAM offset",
    .description =
        "Runs on hw IR (after tile-to-hw), where buffers and their "
        "lifetimes are explicit: a buffer is live from the first "
        "instruction of its tile's program that writes it to the last that "
        "reads it, a buffer a hw.recv fills for the whole program. Receive "
        "buffers get two slots (double buffering) unless the tile then "
        "overflows (a remark says so). Offsets: largest buffer first, each "
        "at the lowest aligned offset free among the buffers live at the "
        "same time. A view (a buffer with 'base') is no allocation of its "
        "own: its root is planned live over the union of the family's "
        "lifetimes, with one slot, and each view is placed at the root's "
        "offset plus its base_offsets (a box view, 'base_index', at its "
        "first element's byte). A tile whose plan exceeds the "
        "target's SRAM is an "
        "error with its memory map. Statistics compare the peak with the "
        "lower bound, the most bytes live at once.",
    .anchor = "builtin.module",
    .options = planMemoryOptions,
    .numOptions = sizeof planMemoryOptions / sizeof *planMemoryOptions,
    .statistics = planMemoryStatistics,
    .numStatistics =
        sizeof planMemoryStatistics / sizeof *planMemoryStatistics,
    .run = runPlanMemory,
};
