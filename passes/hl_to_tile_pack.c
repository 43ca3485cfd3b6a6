/* hl-to-tile, part 3: packing weight blocks (K x N rectangles, never
 * rotated: rows are inputs, columns outputs) into arrays of the target's
 * size.
 *
 * Skyline packing, first-fit decreasing: blocks sorted by height, then
 * width, both decreasing; each goes into the first open array where it
 * fits, at the lowest (then leftmost) position of that array's skyline
 * (the top edge of what is placed, a list of horizontal segments); a
 * block that fits nowhere opens a new array. Full-size blocks take an
 * array of their own directly. Blocks that layers share are one HtBlock,
 * so they are placed once (with the layer that made it). Cost
 * O(blocks x arrays x segments^2), segments being few per array.
 *
 * Array budget (option array-budget = B > 0): fewest arrays puts every
 * layer of a small network on one array, hence one tile whose SRAM must
 * hold every activation. With a budget, blocks are packed per group of
 * layers, each group into arrays of its own; the groups start as one per
 * layer. While the groups need more than B arrays and there are two or
 * more, the two groups with the fewest weight cells (ties: the earlier
 * layers) merge into one, packed together. One group left is the
 * fewest-arrays packing, which may still exceed B. Arrays are numbered
 * by group in network order (a group's first layer). Cost: at most
 * layers - 1 merges, each repacking one group. */
#include <stdlib.h>
#include <string.h>

#include "hl_to_tile.h"

typedef struct {
  int64_t x, w, y;
} Segment;

typedef struct {
  Segment *segs;
  intptr_t num, cap;
  bool full;
  int64_t freeCells; /* skips arrays that cannot hold a block at all */
} Bin;

static int byHeightDesc(const void *a, const void *b) {
  const HtBlock *x = *(HtBlock *const *)a, *y = *(HtBlock *const *)b;
  if (x->rows != y->rows)
    return x->rows > y->rows ? -1 : 1;
  if (x->cols != y->cols)
    return x->cols > y->cols ? -1 : 1;
  return strcmp(x->name, y->name);
}

/* The lowest position for a w x h block in `bin` (false if none). */
static bool findSpot(const Bin *bin, int64_t w, int64_t h, int64_t rows,
                     int64_t cols, intptr_t *segIndex, int64_t *outY) {
  bool found = false;
  for (intptr_t i = 0; i < bin->num; ++i) {
    int64_t x = bin->segs[i].x;
    if (x + w > cols)
      break;
    int64_t y = 0;
    for (intptr_t j = i; j < bin->num && bin->segs[j].x < x + w; ++j)
      if (bin->segs[j].y > y)
        y = bin->segs[j].y;
    if (y + h <= rows && (!found || y < *outY)) {
      found = true;
      *segIndex = i;
      *outY = y;
    }
  }
  return found;
}

/* Raises the skyline over [x, x + w) to `top`. */
static bool place(IpuContext *ctx, Bin *bin, intptr_t i, int64_t w,
                  int64_t top) {
  int64_t x = bin->segs[i].x, end = x + w;
  intptr_t j = i;
  while (j < bin->num && bin->segs[j].x + bin->segs[j].w <= end)
    ++j;
  /* segs[i, j) are covered; segs[j] (if any) may be cut at `end`. */
  Segment rest = {0, 0, 0};
  bool cut = j < bin->num && bin->segs[j].x < end;
  if (cut) {
    rest.x = end;
    rest.w = bin->segs[j].x + bin->segs[j].w - end;
    rest.y = bin->segs[j].y;
    ++j;
  }
  intptr_t numNew = 1 + (cut ? 1 : 0);
  intptr_t num = bin->num - (j - i) + numNew;
  if (num > bin->cap) {
    intptr_t cap = num * 2;
    Segment *grown = ipuRealloc(ctx, bin->segs, (size_t)cap * sizeof *grown);
    if (!grown)
      return false;
    bin->segs = grown;
    bin->cap = cap;
  }
  memmove(&bin->segs[i + numNew], &bin->segs[j],
          (size_t)(bin->num - j) * sizeof(Segment));
  bin->segs[i] = (Segment){x, w, top};
  if (cut)
    bin->segs[i + 1] = rest;
  bin->num = num;
  /* Merge neighbours of equal height. */
  intptr_t out = 0;
  for (intptr_t k = 0; k < bin->num; ++k) {
    if (out && bin->segs[out - 1].y == bin->segs[k].y)
      bin->segs[out - 1].w += bin->segs[k].w;
    else
      bin->segs[out++] = bin->segs[k];
  }
  bin->num = out;
  return true;
}

/* Packs blocks[0..n) into arrays base, base + 1, ... (setting their
 * array, row and col); *numArrays gets how many. False when out of
 * memory. */
static bool packBlocks(IpuContext *ctx, int64_t rows, int64_t cols,
                       HtBlock **blocks, intptr_t n, int64_t base,
                       int64_t *numArrays) {
  HtBlock **order = ipuCalloc(ctx, (size_t)n + 1, sizeof *order);
  Bin *bins = NULL;
  intptr_t numBins = 0, capBins = 0;
  bool ok = order != NULL;
  if (ok) {
    memcpy(order, blocks, (size_t)n * sizeof *order);
    qsort(order, (size_t)n, sizeof *order, byHeightDesc);
  }
  for (intptr_t i = 0; ok && i < n; ++i) {
    HtBlock *blk = order[i];
    bool whole = blk->rows == rows && blk->cols == cols;
    intptr_t b = 0, seg = 0;
    int64_t y = 0;
    if (!whole)
      for (b = 0; b < numBins; ++b)
        if (!bins[b].full && bins[b].freeCells >= blk->rows * blk->cols &&
            findSpot(&bins[b], blk->cols, blk->rows, rows, cols, &seg, &y))
          break;
    if (whole || b == numBins) {
      if (numBins == capBins) {
        intptr_t cap = capBins ? 2 * capBins : 16;
        Bin *grown = ipuRealloc(ctx, bins, (size_t)cap * sizeof *grown);
        if (!grown) {
          ok = false;
          break;
        }
        bins = grown;
        capBins = cap;
      }
      b = numBins++;
      memset(&bins[b], 0, sizeof bins[b]);
      bins[b].segs = ipuAlloc(ctx, 4 * sizeof(Segment));
      ok = bins[b].segs != NULL;
      if (!ok)
        break;
      bins[b].cap = 4;
      bins[b].num = 1;
      bins[b].segs[0] = (Segment){0, cols, 0};
      bins[b].full = whole;
      bins[b].freeCells = rows * cols;
      seg = 0;
      y = 0;
    }
    blk->array = base + b;
    blk->row = y;
    blk->col = bins[b].segs[seg].x;
    bins[b].freeCells -= blk->rows * blk->cols;
    ok = whole || place(ctx, &bins[b], seg, blk->cols, y + blk->rows);
  }
  *numArrays = numBins;
  for (intptr_t b = 0; b < numBins; ++b)
    ipuFree(ctx, bins[b].segs);
  ipuFree(ctx, bins);
  ipuFree(ctx, order);
  return ok;
}

/* A group of layers packed together. Its blocks are a run of the
 * layer-sorted list of all blocks until a merge gives it a list of its
 * own (ownsList). */
typedef struct {
  HtBlock **blocks;
  intptr_t numBlocks;
  int64_t cells;      /* weight cells of its blocks */
  intptr_t firstLayer;
  int64_t numArrays;
  bool alive;
} Group;

static int byLayer(const void *a, const void *b) {
  const HtBlock *x = *(HtBlock *const *)a, *y = *(HtBlock *const *)b;
  if (x->layer != y->layer)
    return x->layer < y->layer ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* Whether group a is smaller than group b (fewer cells, then earlier). */
static bool smaller(const Group *a, const Group *b) {
  if (a->cells != b->cells)
    return a->cells < b->cells;
  return a->firstLayer < b->firstLayer;
}

static bool packWithBudget(HtState *st, int64_t budget) {
  IpuContext *ctx = st->ctx;
  int64_t rows = st->target.arrayRows, cols = st->target.arrayCols;
  intptr_t n = st->numBlocks;
  HtBlock **sorted = ipuCalloc(ctx, (size_t)n + 1, sizeof *sorted);
  Group *groups = ipuCalloc(ctx, (size_t)n + 1, sizeof *groups);
  bool ok = sorted && groups;
  intptr_t numGroups = 0;
  for (intptr_t i = 0; ok && i < n; ++i)
    sorted[i] = &st->blocks[i];
  if (ok)
    qsort(sorted, (size_t)n, sizeof *sorted, byLayer);
  /* One group per layer, each packed alone. Blocks stay owned by
   * `sorted` until a merge gives a group a list of its own. */
  int64_t total = 0;
  for (intptr_t i = 0; ok && i < n; ++i) {
    if (!numGroups || sorted[i]->layer != groups[numGroups - 1].firstLayer) {
      groups[numGroups] = (Group){&sorted[i], 0, 0, sorted[i]->layer, 0,
                                  true};
      numGroups++;
    }
    Group *g = &groups[numGroups - 1];
    g->numBlocks++;
    g->cells += sorted[i]->rows * sorted[i]->cols;
  }
  bool *ownsList = ipuCalloc(ctx, (size_t)numGroups + 1, sizeof *ownsList);
  ok = ok && ownsList;
  for (intptr_t g = 0; ok && g < numGroups; ++g) {
    ok = packBlocks(ctx, rows, cols, groups[g].blocks, groups[g].numBlocks,
                    0, &groups[g].numArrays);
    total += groups[g].numArrays;
  }
  intptr_t alive = numGroups;
  while (ok && total > budget && alive > 1) {
    intptr_t a = -1, b = -1;
    for (intptr_t g = 0; g < numGroups; ++g) {
      if (!groups[g].alive)
        continue;
      if (a < 0 || smaller(&groups[g], &groups[a])) {
        b = a;
        a = g;
      } else if (b < 0 || smaller(&groups[g], &groups[b])) {
        b = g;
      }
    }
    /* Keep the earlier group: the merged one sits where its first layer
     * is. */
    if (groups[b].firstLayer < groups[a].firstLayer) {
      intptr_t t = a;
      a = b;
      b = t;
    }
    Group *ga = &groups[a], *gb = &groups[b];
    intptr_t count = ga->numBlocks + gb->numBlocks;
    HtBlock **list = ipuAlloc(ctx, (size_t)count * sizeof *list);
    if (!list) {
      ok = false;
      break;
    }
    memcpy(list, ga->blocks, (size_t)ga->numBlocks * sizeof *list);
    memcpy(list + ga->numBlocks, gb->blocks,
           (size_t)gb->numBlocks * sizeof *list);
    if (ownsList[a])
      ipuFree(ctx, ga->blocks);
    if (ownsList[b])
      ipuFree(ctx, gb->blocks);
    ownsList[b] = false;
    gb->alive = false;
    gb->blocks = NULL;
    ga->blocks = list;
    ownsList[a] = true;
    ga->numBlocks = count;
    ga->cells += gb->cells;
    total -= ga->numArrays + gb->numArrays;
    ok = packBlocks(ctx, rows, cols, ga->blocks, ga->numBlocks, 0,
                    &ga->numArrays);
    total += ga->numArrays;
    alive--;
  }
  /* The final numbering, groups in network order. */
  int64_t base = 0;
  for (intptr_t g = 0; ok && g < numGroups; ++g) {
    if (!groups[g].alive)
      continue;
    ok = packBlocks(ctx, rows, cols, groups[g].blocks, groups[g].numBlocks,
                    base, &groups[g].numArrays);
    base += groups[g].numArrays;
  }
  st->numArrays = base;
  for (intptr_t g = 0; ownsList && g < numGroups; ++g)
    if (ownsList[g])
      ipuFree(ctx, groups[g].blocks);
  ipuFree(ctx, ownsList);
  ipuFree(ctx, groups);
  ipuFree(ctx, sorted);
  return ok;
}

bool htPack(HtState *st, int64_t budget) {
  if (budget > 0 && st->numBlocks > 0)
    return packWithBudget(st, budget);
  HtBlock **all = ipuCalloc(st->ctx, (size_t)st->numBlocks + 1, sizeof *all);
  if (!all)
    return false;
  for (intptr_t i = 0; i < st->numBlocks; ++i)
    all[i] = &st->blocks[i];
  bool ok = packBlocks(st->ctx, st->target.arrayRows, st->target.arrayCols,
                       all, st->numBlocks, 0, &st->numArrays);
  ipuFree(st->ctx, all);
  return ok;
}
