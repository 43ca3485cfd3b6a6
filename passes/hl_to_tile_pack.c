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
 * so they are placed once. Cost O(blocks x arrays x segments^2),
 * segments being few per array. */
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

bool htPack(HtState *st) {
  IpuContext *ctx = st->ctx;
  int64_t rows = st->target.arrayRows, cols = st->target.arrayCols;
  HtBlock **order = ipuCalloc(ctx, (size_t)st->numBlocks + 1, sizeof *order);
  Bin *bins = NULL;
  intptr_t numBins = 0, capBins = 0;
  bool ok = order != NULL;
  for (intptr_t i = 0; ok && i < st->numBlocks; ++i)
    order[i] = &st->blocks[i];
  if (ok)
    qsort(order, (size_t)st->numBlocks, sizeof *order, byHeightDesc);
  for (intptr_t i = 0; ok && i < st->numBlocks; ++i) {
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
    blk->array = b;
    blk->row = y;
    blk->col = bins[b].segs[seg].x;
    bins[b].freeCells -= blk->rows * blk->cols;
    ok = whole || place(ctx, &bins[b], seg, blk->cols, y + blk->rows);
  }
  st->numArrays = numBins;
  for (intptr_t b = 0; b < numBins; ++b)
    ipuFree(ctx, bins[b].segs);
  ipuFree(ctx, bins);
  ipuFree(ctx, order);
  return ok;
}
