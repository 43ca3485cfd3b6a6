/* ipubVerify: the semantic checks of a .ipub module the loader and emitter
 * share: positions, blocks, buffers, operands, routes and their pairing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipub_internal.h"

#define BUFFER_ALIGNMENT 16
#define MAX_GEOMETRY ((int64_t)1 << 31)

typedef struct {
  const IpubModule *m;
  IpuLocation loc;
  const IpubLocator *locator;
} Verifier;

static IpuLogicalResult fail(Verifier *v, IpubWhere where, const char *fmt,
                             ...) __attribute__((format(printf, 3, 4)));
static IpuLogicalResult fail(Verifier *v, IpubWhere where, const char *fmt,
                             ...) {
  char prefix[128] = "", msg[640], who[64] = "";
  IpuLocation loc = v->loc;
  IpuOp *op = NULL;
  if (v->locator && v->locator->locate) {
    IpuLocation l = v->locator->locate(v->locator->userData, where, prefix,
                                       sizeof prefix, &op);
    if (l)
      loc = l;
  }
  if (where.kind == IPUB_WHERE_TILE || where.kind == IPUB_WHERE_BLOCK ||
      where.kind == IPUB_WHERE_BUFFER || where.kind == IPUB_WHERE_INSTR) {
    ipubTileLabel(v->m, where.tile, who, sizeof who);
    strcat(who, ": ");
  }
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (op)
    return ipuOpEmitError(op, "%s%s%s", prefix, who, msg);
  return ipuEmitError(v->m->ctx, loc, "%s%s%s", prefix, who, msg);
}

void ipubTileLabel(const IpubModule *m, uint32_t tile, char *buf,
                   size_t size) {
  if (tile >= m->numTiles)
    snprintf(buf, size, "host");
  else
    snprintf(buf, size, "tile (%d, %d, %d)", m->tiles[tile].chip,
             m->tiles[tile].x, m->tiles[tile].y);
}

static const IpubTile *tileAt(const IpubModule *m, uint32_t i) {
  return i < m->numTiles ? &m->tiles[i] : &m->host;
}

bool ipubTargetIsValid(const IpuTarget *t, const char **what) {
  for (size_t i = 0; i < ipubNumTargetFields; ++i) {
    const IpubTargetField *f = &ipubTargetFields[i];
    const char *field = (const char *)t + f->offset;
    bool ok = true;
    if (f->kind == IPUB_TF_INT) {
      int64_t v = *(const int64_t *)field;
      ok = v >= f->min && v <= f->max;
    } else if (f->kind == IPUB_TF_REAL) {
      double v = *(const double *)field;
      ok = v == v && v - v == 0 && (f->min ? v > 0 : v >= 0);
    }
    if (!ok) {
      *what = f->key;
      return false;
    }
  }
  if (t->chips > 1 && !(t->chipLinkBytesPerSecond > 0)) {
    *what = "chip_link_bytes_per_second";
    return false;
  }
  if (!memchr(t->name, 0, sizeof t->name)) {
    *what = "name";
    return false;
  }
  return true;
}

static bool dtypeIsCarried(IpuDType t) {
  return t != IPU_DTYPE_STRING && ipuDTypeSize(t) > 0;
}

static bool elementCount(int rank, const int64_t *shape, uint64_t *count) {
  uint64_t n = 1;
  for (int i = 0; i < rank; ++i) {
    if (shape[i] < 0 || __builtin_mul_overflow(n, (uint64_t)shape[i], &n))
      return false;
  }
  *count = n;
  return true;
}

bool ipubBufferExpectedBytes(const IpubBuffer *b, uint64_t *bytes) {
  uint64_t n;
  if (!dtypeIsCarried(b->dtype) || b->rank < 0 ||
      b->rank > IPU_TENSOR_MAX_RANK || !elementCount(b->rank, b->shape, &n) ||
      __builtin_mul_overflow(n, (uint64_t)ipuDTypeSize(b->dtype), &n))
    return false;
  if (b->streamRows) {
    if (b->rank < 1 || b->shape[0] < 1 ||
        (int64_t)b->streamRows > b->shape[0])
      return false;
    n = n / (uint64_t)b->shape[0] * b->streamRows;
  }
  *bytes = n;
  return true;
}

uint64_t ipubBufferSpan(const IpubBuffer *b) {
  uint64_t bytes;
  if (!b->strided)
    return ipubBufferExpectedBytes(b, &bytes) ? bytes : UINT64_MAX;
  if (b->rank < 0 || b->rank > IPU_TENSOR_MAX_RANK)
    return UINT64_MAX;
  uint64_t span = (uint64_t)ipuDTypeSize(b->dtype), step;
  for (int d = 0; d < b->rank; ++d) {
    if (b->shape[d] == 0)
      return 0;
    if (b->shape[d] < 0 || b->strides[d] < 0 ||
        __builtin_mul_overflow((uint64_t)(b->shape[d] - 1),
                               (uint64_t)b->strides[d], &step) ||
        __builtin_add_overflow(span, step, &span))
      return UINT64_MAX;
  }
  return span;
}

static bool sameType(IpuDType dtype, int rank, const int64_t *shape,
                     const IpubBuffer *b) {
  if (b->dtype != dtype || b->rank != rank)
    return false;
  for (int i = 0; i < rank; ++i)
    if (b->shape[i] != shape[i])
      return false;
  return true;
}

/* "i8[4x2]" for messages. */
static const char *typeText(IpuDType dtype, int rank, const int64_t *shape,
                            char *buf, size_t size) {
  size_t n = (size_t)snprintf(buf, size, "%s[", ipuDTypeName(dtype));
  for (int i = 0; i < rank && n < size; ++i)
    n += (size_t)snprintf(buf + n, size - n, "%s%lld", i ? "x" : "",
                          (long long)shape[i]);
  if (n < size)
    snprintf(buf + n, size - n, "]");
  return buf;
}

static const char *bufText(const IpubBuffer *b, char *buf, size_t size) {
  return typeText(b->dtype, b->rank, b->shape, buf, size);
}

/* ---- Tiles: position, array and blocks, buffers ----------------------- */

static IpuLogicalResult checkPosition(Verifier *v, uint32_t i) {
  const IpuTarget *t = &v->m->target;
  const IpubTile *tile = &v->m->tiles[i];
  IpubWhere w = {IPUB_WHERE_TILE, i, 0};
  if (tile->chip < 0 || tile->chip >= t->chips || tile->x < 0 ||
      tile->x >= t->gridCols || tile->y < 0 || tile->y >= t->gridRows)
    return fail(v, w,
                "position is outside target '%s' (%lld chip(s) of %lld x "
                "%lld tiles)",
                t->name, (long long)t->chips, (long long)t->gridCols,
                (long long)t->gridRows);
  if (i > 0) {
    const IpubTile *p = &v->m->tiles[i - 1];
    int64_t a[3] = {p->chip, p->y, p->x}, b[3] = {tile->chip, tile->y,
                                                  tile->x};
    int order = 0;
    for (int k = 0; k < 3 && !order; ++k)
      order = a[k] < b[k] ? -1 : a[k] > b[k];
    if (order >= 0)
      return fail(v, w,
                  "%s: tiles must be sorted by (chip, y, x) without "
                  "duplicates; it follows tile (%d, %d, %d)",
                  order ? "out of order" : "duplicate position", p->chip,
                  p->x, p->y);
  }
  return IPU_SUCCESS;
}

static int compareBlockRows(const void *a, const void *b) {
  const IpubBlock *x = *(const IpubBlock *const *)a;
  const IpubBlock *y = *(const IpubBlock *const *)b;
  return x->row < y->row ? -1 : x->row > y->row;
}

static IpuLogicalResult checkBlocks(Verifier *v, uint32_t ti) {
  const IpubTile *t = tileAt(v->m, ti);
  const IpuTarget *target = &v->m->target;
  IpubWhere w = {IPUB_WHERE_TILE, ti, 0};
  if (!t->hasArray) {
    if (t->numBlocks || t->arrayRows || t->arrayCols || t->weightBits)
      return fail(v, w, "has no array but gives array fields or blocks");
    return IPU_SUCCESS;
  }
  if (ti >= v->m->numTiles)
    return fail(v, w, "the host has no array");
  if (t->arrayRows != target->arrayRows || t->arrayCols != target->arrayCols)
    return fail(v, w,
                "array of %u x %u, but the arrays of target '%s' are %lld x "
                "%lld",
                t->arrayRows, t->arrayCols, target->name,
                (long long)target->arrayRows, (long long)target->arrayCols);
  if (t->weightBits < 1 || t->weightBits > target->weightBits)
    return fail(v, w, "weight bits %u outside [1, %lld]", t->weightBits,
                (long long)target->weightBits);
  int limit = (1 << (t->weightBits - 1)) - 1;
  for (uint32_t i = 0; i < t->numBlocks; ++i) {
    const IpubBlock *b = &t->blocks[i];
    IpubWhere bw = {IPUB_WHERE_BLOCK, ti, i};
    if (!b->name || ((uint64_t)b->k * b->n != 0 && !b->weights))
      return fail(v, bw, "block %u has no name or weights", i);
    if (strlen(b->name) > IPUB_MAX_NAME)
      return fail(v, bw, "block %u's name is longer than %d bytes", i,
                  IPUB_MAX_NAME);
    if (b->k < 1 || b->n < 1 || (uint64_t)b->row + b->k > t->arrayRows ||
        (uint64_t)b->col + b->n > t->arrayCols)
      return fail(v, bw,
                  "block %u (@%s, %u x %u at row %u, column %u) does not lie "
                  "inside the %u x %u array",
                  i, b->name, b->k, b->n, b->row, b->col, t->arrayRows,
                  t->arrayCols);
    size_t cells = (size_t)b->k * b->n;
    for (size_t c = 0; c < cells; ++c)
      if (b->weights[c] > limit || b->weights[c] < -limit)
        return fail(v, bw,
                    "block %u (@%s): weight %d at [%zu, %zu] does not fit %u "
                    "bits ([-%d, %d])",
                    i, b->name, b->weights[c], c / b->n, c % b->n,
                    t->weightBits, limit, limit);
  }
  if (t->numBlocks < 2)
    return IPU_SUCCESS;
  const IpubBlock **sorted =
      ipuCalloc(v->m->ctx, t->numBlocks, sizeof *sorted);
  if (!sorted)
    return fail(v, w, "out of memory");
  for (uint32_t i = 0; i < t->numBlocks; ++i)
    sorted[i] = &t->blocks[i];
  qsort(sorted, t->numBlocks, sizeof *sorted, compareBlockRows);
  IpuLogicalResult r = IPU_SUCCESS;
  for (uint32_t i = 0; i < t->numBlocks && ipuSucceeded(r); ++i) {
    const IpubBlock *p = sorted[i];
    for (uint32_t j = i + 1; j < t->numBlocks &&
                             sorted[j]->row < (uint64_t)p->row + p->k;
         ++j) {
      const IpubBlock *q = sorted[j];
      if ((uint64_t)q->col >= (uint64_t)p->col + p->n ||
          (uint64_t)p->col >= (uint64_t)q->col + q->n)
        continue;
      r = fail(v, (IpubWhere){IPUB_WHERE_BLOCK, ti, (uint32_t)(q - t->blocks)},
               "block @%s overlaps block @%s", q->name, p->name);
      break;
    }
  }
  ipuFree(v->m->ctx, (void *)sorted);
  return r;
}

static IpuLogicalResult checkBuffers(Verifier *v, uint32_t ti) {
  const IpubTile *t = tileAt(v->m, ti);
  bool host = ti >= v->m->numTiles;
  uint64_t sram = (uint64_t)v->m->target.sramBytesPerTile;
  for (uint32_t i = 0; i < t->numBuffers; ++i) {
    const IpubBuffer *b = &t->buffers[i];
    IpubWhere w = {IPUB_WHERE_BUFFER, ti, i};
    const char *name = b->name ? b->name : "";
    uint64_t bytes, total;
    if (!b->name)
      return fail(v, w, "buffer %u has no name", i);
    if (strlen(b->name) > IPUB_MAX_NAME)
      return fail(v, w, "buffer %u's name is longer than %d bytes", i,
                  IPUB_MAX_NAME);
    if (!dtypeIsCarried(b->dtype))
      return fail(v, w, "buffer @%s has unsupported element type %d", name,
                  (int)b->dtype);
    if (b->rank < 0 || b->rank > IPU_TENSOR_MAX_RANK)
      return fail(v, w, "buffer @%s has rank %d", name, b->rank);
    for (int d = 0; d < b->rank; ++d)
      if (b->shape[d] < 0)
        return fail(v, w, "buffer @%s has negative extent %lld", name,
                    (long long)b->shape[d]);
    if (b->streamRows && (b->rank < 1 || (int64_t)b->streamRows > b->shape[0]))
      return fail(v, w,
                  "buffer @%s streams %u rows but its first dimension has "
                  "%lld",
                  name, b->streamRows, b->rank ? (long long)b->shape[0] : 0LL);
    if (!ipubBufferExpectedBytes(b, &bytes))
      return fail(v, w, "buffer @%s is too large", name);
    if (b->bytes != bytes)
      return fail(v, w, "buffer @%s has %llu bytes per slot, but its type "
                        "%s%s gives %llu",
                  name, (unsigned long long)b->bytes,
                  bufText(b, (char[96]){0}, 96),
                  b->streamRows ? " (streamed)" : "",
                  (unsigned long long)bytes);
    if (b->slots < 1 || b->slots > 2)
      return fail(v, w, "buffer @%s has %u slots (1 or 2)", name, b->slots);
    if (host) {
      if (b->offset)
        return fail(v, w, "host buffer @%s has an SRAM offset", name);
      if (b->strided)
        return fail(v, w, "host buffer @%s is strided", name);
      continue;
    }
    if (b->strided) {
      /* A box view (or a view inside one): one slot, resident, within
       * the tile's SRAM from its first element to its last; its first
       * element need not be aligned. */
      uint64_t span = ipubBufferSpan(b);
      if (b->slots != 1 || b->streamRows || b->rank < 1)
        return fail(v, w, "strided buffer @%s must have rank >= 1, one "
                          "slot and no stream rows",
                    name);
      for (int d = 0; d < b->rank; ++d)
        if (b->strides[d] < 0)
          return fail(v, w, "strided buffer @%s has negative stride %lld",
                      name, (long long)b->strides[d]);
      if (span == UINT64_MAX || b->offset > sram || span > sram - b->offset)
        return fail(v, w,
                    "strided buffer @%s: offset %llu + its span exceeds the "
                    "tile's %llu bytes of SRAM",
                    name, (unsigned long long)b->offset,
                    (unsigned long long)sram);
      continue;
    }
    if (b->offset % BUFFER_ALIGNMENT)
      return fail(v, w, "buffer @%s: offset %llu is not a multiple of %d",
                  name, (unsigned long long)b->offset, BUFFER_ALIGNMENT);
    if (__builtin_mul_overflow(bytes, (uint64_t)b->slots, &total) ||
        b->offset > sram || total > sram - b->offset)
      return fail(v, w,
                  "buffer @%s: offset %llu + %u slot(s) x %llu bytes exceeds "
                  "the tile's %llu bytes of SRAM",
                  name, (unsigned long long)b->offset, b->slots,
                  (unsigned long long)bytes, (unsigned long long)sram);
  }
  return IPU_SUCCESS;
}

/* ---- Instructions ------------------------------------------------------ */

typedef struct {
  uint32_t sends, recvs;
  uint32_t sendTile, recvTile;
  uint64_t sendBytes, recvBytes;
  uint32_t sendInstr, recvInstr;
} RouteUse;

typedef struct {
  RouteUse *routes;
  uint32_t *inputUses, *outputUses;
  uint32_t nextKernel;
} Uses;

static IpuLogicalResult checkWindow(Verifier *v, IpubWhere w,
                                    const IpubWindow *win,
                                    const IpubBuffer *src, int64_t *rows,
                                    int64_t *cols) {
  const char *bad = NULL;
  for (int i = 0; i < 2 && !bad; ++i) {
    if (win->kernel[i] < 1 || win->kernel[i] > MAX_GEOMETRY)
      bad = "kernel_shape";
    else if (win->strides[i] < 1 || win->strides[i] > MAX_GEOMETRY)
      bad = "strides";
    else if (win->dilations[i] < 1 || win->dilations[i] > MAX_GEOMETRY)
      bad = "dilations";
  }
  for (int i = 0; i < 4 && !bad; ++i)
    if (win->pads[i] < 0 || win->pads[i] > MAX_GEOMETRY)
      bad = "pads";
  if (bad)
    return fail(v, w, "window %s out of range", bad);
  if (src->rank != 4 || src->shape[0] != 1)
    return fail(v, w, "windows need a 1 x C x H x W source, got %s",
                bufText(src, (char[96]){0}, 96));
  int64_t channels = src->shape[1];
  int64_t count = win->channelCount == -1 ? channels - win->channelBegin
                                          : win->channelCount;
  if (win->channelBegin < 0 || win->channelBegin >= channels || count < 1 ||
      count > channels - win->channelBegin)
    return fail(v, w,
                "window channels [%lld, +%lld) out of range for %lld "
                "channels",
                (long long)win->channelBegin, (long long)win->channelCount,
                (long long)channels);
  int64_t out[2];
  for (int a = 0; a < 2; ++a) {
    int64_t padded = src->shape[2 + a] + win->pads[a] + win->pads[2 + a];
    int64_t span = win->dilations[a] * (win->kernel[a] - 1) + 1;
    if (span > padded)
      return fail(v, w,
                  "the dilated kernel does not fit the padded input on "
                  "spatial axis %d",
                  a);
    out[a] = (padded - span) / win->strides[a] + 1;
  }
  if (__builtin_mul_overflow(out[0], out[1], rows) ||
      __builtin_mul_overflow(count, win->kernel[0] * win->kernel[1], cols))
    return fail(v, w, "the windows are too large");
  return IPU_SUCCESS;
}

static IpuLogicalResult checkMvm(Verifier *v, IpubWhere w, const IpubTile *t,
                                 const IpubInstr *in) {
  const IpuTarget *target = &v->m->target;
  if (!t->hasArray || in->block >= t->numBlocks)
    return fail(v, w, "mvm: block index %u out of range (%u blocks)",
                in->block, t->numBlocks);
  int64_t maxInput = target->inputBits < 8 ? target->inputBits : 8;
  if (in->adcBits < 1 || in->adcBits > (uint64_t)target->adcBits ||
      in->adcShift > 31 || in->inputBits < 2 ||
      in->inputBits > (uint64_t)maxInput || in->inputSlices < 1 ||
      in->inputSlices > 16)
    return fail(v, w,
                "mvm: adc_bits %u, adc_shift %u, input_bits %u or "
                "input_slices %u out of range (adc_bits 1..%lld, adc_shift "
                "0..31, input_bits 2..%lld, input_slices 1..16)",
                in->adcBits, in->adcShift, in->inputBits, in->inputSlices,
                (long long)target->adcBits, (long long)maxInput);
  const IpubBlock *blk = &t->blocks[in->block];
  const IpubBuffer *src = &t->buffers[in->srcs[0]];
  const IpubBuffer *dst = &t->buffers[in->dsts[0]];
  if (src->dtype != IPU_DTYPE_I8 && src->dtype != IPU_DTYPE_I16)
    return fail(v, w, "mvm: source @%s must be i8 or i16", src->name);
  int64_t rows, cols;
  if (in->hasWindow) {
    if (ipuFailed(checkWindow(v, w, &in->window, src, &rows, &cols)))
      return IPU_FAILURE;
  } else {
    if (src->rank != 2)
      return fail(v, w, "mvm: source @%s must be a matrix", src->name);
    rows = src->shape[0];
    cols = src->shape[1];
  }
  if (cols != blk->k)
    return fail(v, w, "mvm: input vectors of %lld elements, but block @%s has "
                      "%u rows",
                (long long)cols, blk->name, blk->k);
  int64_t want[2] = {rows, blk->n};
  if (!sameType(IPU_DTYPE_I32, 2, want, dst))
    return fail(v, w, "mvm: destination @%s is %s, expected int32[%lldx%u]",
                dst->name, bufText(dst, (char[96]){0}, 96), (long long)rows,
                blk->n);
  return IPU_SUCCESS;
}

/* Operand counts per opcode; -1: any (at least `min`). */
static IpuLogicalResult checkCounts(Verifier *v, IpubWhere w,
                                    const IpubInstr *in) {
  int srcs = 0, dsts = 0, minSrcs = 0;
  switch (in->opcode) {
  case IPUB_OP_RECV: srcs = 0; dsts = 1; break;
  case IPUB_OP_SEND: srcs = 1; dsts = 0; break;
  case IPUB_OP_MVM:
  case IPUB_OP_WINDOWS: srcs = 1; dsts = 1; break;
  case IPUB_OP_ACCUMULATE: srcs = -1; minSrcs = 2; dsts = 1; break;
  case IPUB_OP_EXEC: srcs = -1; dsts = -1; break;
  case IPUB_OP_INPUT: srcs = 0; dsts = 1; break;
  case IPUB_OP_OUTPUT: srcs = 1; dsts = 0; break;
  default:
    return fail(v, w, "unknown opcode %d", (int)in->opcode);
  }
  if ((srcs >= 0 && in->numSrcs != (uint32_t)srcs) ||
      (srcs < 0 && in->numSrcs < (uint32_t)minSrcs) ||
      (dsts >= 0 && in->numDsts != (uint32_t)dsts) ||
      (in->opcode == IPUB_OP_EXEC && in->numDsts < 1))
    return fail(v, w, "%s has %u source(s) and %u destination(s)",
                ipubOpcodeName(in->opcode), in->numSrcs, in->numDsts);
  if ((in->numSrcs && !in->srcs) || (in->numDsts && !in->dsts))
    return fail(v, w, "%s lacks its operand list", ipubOpcodeName(in->opcode));
  return IPU_SUCCESS;
}

static IpuLogicalResult checkInstr(Verifier *v, Uses *u, uint32_t ti,
                                   uint32_t ii) {
  const IpubModule *m = v->m;
  const IpubTile *t = tileAt(m, ti);
  const IpubInstr *in = &t->instrs[ii];
  bool host = ti >= m->numTiles;
  IpubWhere w = {IPUB_WHERE_INSTR, ti, ii};
  if (ipuFailed(checkCounts(v, w, in)))
    return IPU_FAILURE;
  const char *op = ipubOpcodeName(in->opcode);
  for (uint32_t i = 0; i < in->numSrcs; ++i)
    if (in->srcs[i] >= t->numBuffers)
      return fail(v, w, "instruction %u (%s): source buffer index %u out of "
                        "range (%u buffers)",
                  ii, op, in->srcs[i], t->numBuffers);
  for (uint32_t i = 0; i < in->numDsts; ++i)
    if (in->dsts[i] >= t->numBuffers)
      return fail(v, w, "instruction %u (%s): destination buffer index %u "
                        "out of range (%u buffers)",
                  ii, op, in->dsts[i], t->numBuffers);
  if (in->debugLoc != IPUB_NO_INDEX && in->debugLoc >= m->numDebugLocs)
    return fail(v, w, "instruction %u (%s): debug location %u out of range "
                      "(%u locations)",
                ii, op, in->debugLoc, m->numDebugLocs);
  if (in->hasWindow && in->opcode != IPUB_OP_MVM &&
      in->opcode != IPUB_OP_WINDOWS)
    return fail(v, w, "instruction %u (%s) cannot have a window", ii, op);
  switch (in->opcode) {
  case IPUB_OP_RECV:
  case IPUB_OP_SEND: {
    if (in->route >= m->numRoutes)
      return fail(v, w, "instruction %u (%s): route index %u out of range "
                        "(%u routes)",
                  ii, op, in->route, m->numRoutes);
    RouteUse *r = &u->routes[in->route];
    bool send = in->opcode == IPUB_OP_SEND;
    const IpubBuffer *b =
        &t->buffers[send ? in->srcs[0] : in->dsts[0]];
    if (send) {
      ++r->sends;
      r->sendTile = ti;
      r->sendBytes = b->bytes;
      r->sendInstr = ii;
    } else {
      ++r->recvs;
      r->recvTile = ti;
      r->recvBytes = b->bytes;
      r->recvInstr = ii;
    }
    if ((send ? r->sends : r->recvs) > 1)
      return fail(v, w, "instruction %u: route %u has more than one %s", ii,
                  in->route, op);
    if (b->bytes != m->routes[in->route].bytes)
      return fail(v, w, "instruction %u (%s): buffer @%s has %llu bytes but "
                        "route %u carries %llu",
                  ii, op, b->name, (unsigned long long)b->bytes, in->route,
                  (unsigned long long)m->routes[in->route].bytes);
    return IPU_SUCCESS;
  }
  case IPUB_OP_MVM:
    if (host)
      return fail(v, w, "instruction %u: the host has no array for mvm", ii);
    return checkMvm(v, w, t, in);
  case IPUB_OP_WINDOWS: {
    if (host)
      return fail(v, w, "instruction %u: windows run on tiles only", ii);
    if (!in->hasWindow)
      return fail(v, w, "instruction %u: windows without geometry", ii);
    int64_t dims[2];
    const IpubBuffer *src = &t->buffers[in->srcs[0]];
    const IpubBuffer *dst = &t->buffers[in->dsts[0]];
    if (ipuFailed(checkWindow(v, w, &in->window, src, &dims[0], &dims[1])))
      return IPU_FAILURE;
    if (!sameType(src->dtype, 2, dims, dst))
      return fail(v, w, "windows: destination @%s is %s, expected %s",
                  dst->name, bufText(dst, (char[96]){0}, 96),
                  typeText(src->dtype, 2, dims, (char[96]){0}, 96));
    return IPU_SUCCESS;
  }
  case IPUB_OP_ACCUMULATE: {
    const IpubBuffer *dst = &t->buffers[in->dsts[0]];
    if (dst->dtype != IPU_DTYPE_I32)
      return fail(v, w, "accumulate: destination @%s must be i32", dst->name);
    for (uint32_t i = 0; i < in->numSrcs; ++i)
      if (!sameType(dst->dtype, dst->rank, dst->shape,
                    &t->buffers[in->srcs[i]]))
        return fail(v, w, "accumulate: source @%s differs in type from "
                          "destination @%s",
                    t->buffers[in->srcs[i]].name, dst->name);
    return IPU_SUCCESS;
  }
  case IPUB_OP_EXEC:
    if (in->kernel != u->nextKernel)
      return fail(v, w, "instruction %u: exec uses kernel %u, but exec "
                        "instructions number their kernels in order (%u "
                        "expected)",
                  ii, in->kernel, u->nextKernel);
    ++u->nextKernel;
    if (in->inPlace && host)
      return fail(v, w, "instruction %u: exec in place runs on tiles only",
                  ii);
    return IPU_SUCCESS;
  case IPUB_OP_INPUT:
  case IPUB_OP_OUTPUT: {
    bool input = in->opcode == IPUB_OP_INPUT;
    uint32_t n = input ? m->numInputs : m->numOutputs;
    if (!host)
      return fail(v, w, "instruction %u: %s runs on the host only", ii, op);
    if (in->index >= n)
      return fail(v, w, "instruction %u (%s): index %u out of range (%u)",
                  ii, op, in->index, n);
    const IpubTensorDesc *d =
        input ? &m->inputs[in->index] : &m->outputs[in->index];
    const IpubBuffer *b = &t->buffers[input ? in->dsts[0] : in->srcs[0]];
    if (!sameType(d->dtype, d->rank, d->shape, b))
      return fail(v, w, "instruction %u (%s %u): buffer @%s is %s but the "
                        "signature says %s",
                  ii, op, in->index, b->name, bufText(b, (char[96]){0}, 96),
                  typeText(d->dtype, d->rank, d->shape, (char[96]){0}, 96));
    uint32_t *uses = input ? u->inputUses : u->outputUses;
    if (++uses[in->index] > 1)
      return fail(v, w, "instruction %u: %s %u is used more than once", ii,
                  op, in->index);
    return IPU_SUCCESS;
  }
  }
  return IPU_SUCCESS;
}

/* ---- Routes ------------------------------------------------------------ */

static bool isHost(IpubEndpoint e) { return e.chip == IPUB_HOST_CHIP; }
static bool isPort(IpubEndpoint e) { return e.chip >= 0 && !e.x && !e.y; }

static IpuLogicalResult checkRoute(Verifier *v, const RouteUse *use,
                                   uint32_t ri) {
  const IpubModule *m = v->m;
  const IpuTarget *t = &m->target;
  const IpubRoute *r = &m->routes[ri];
  IpubWhere w = {IPUB_WHERE_ROUTE, 0, ri};
  if (!r->bytes)
    return fail(v, w, "route %u carries no bytes", ri);
  if (r->numHops < 2 || !r->path)
    return fail(v, w, "route %u has %u hops (at least 2)", ri, r->numHops);
  for (uint32_t h = 0; h < r->numHops; ++h) {
    IpubEndpoint e = r->path[h];
    if (isHost(e)) {
      if (e.x || e.y || (h && h + 1 != r->numHops))
        return fail(v, w, "route %u: hop %u: the host (-1, 0, 0) may only "
                          "start or end a route",
                    ri, h);
    } else if (e.chip < 0 || e.chip >= t->chips || e.x < 0 ||
               e.x >= t->gridCols || e.y < 0 || e.y >= t->gridRows) {
      return fail(v, w, "route %u: hop %u (%d, %d, %d) is outside the grid",
                  ri, h, e.chip, e.x, e.y);
    }
    if (!h)
      continue;
    IpubEndpoint p = r->path[h - 1];
    bool ok;
    if (isHost(p) || isHost(e))
      ok = isPort(isHost(p) ? e : p) && !(isHost(p) && isHost(e));
    else if (p.chip != e.chip)
      ok = isPort(p) && isPort(e);
    else
      ok = abs(p.x - e.x) + abs(p.y - e.y) == 1;
    if (!ok)
      return fail(v, w,
                  "route %u: hop %u (%d, %d, %d) -> (%d, %d, %d) is neither "
                  "a mesh link, a chip link between ports nor the host link",
                  ri, h, p.chip, p.x, p.y, e.chip, e.x, e.y);
  }
  if (use->sends != 1 || use->recvs != 1)
    return fail(v, w, "route %u has %u send(s) and %u receive(s), not one of "
                      "each",
                ri, use->sends, use->recvs);
  IpubEndpoint ends[2] = {r->path[0], r->path[r->numHops - 1]};
  uint32_t tiles[2] = {use->sendTile, use->recvTile};
  for (int k = 0; k < 2; ++k) {
    const IpubTile *tile = tileAt(m, tiles[k]);
    bool host = tiles[k] >= m->numTiles;
    bool match = host ? isHost(ends[k])
                      : ends[k].chip == tile->chip && ends[k].x == tile->x &&
                            ends[k].y == tile->y;
    if (!match) {
      char who[64];
      ipubTileLabel(m, tiles[k], who, sizeof who);
      return fail(v, w, "route %u %s at (%d, %d, %d) but its %s is on %s", ri,
                  k ? "ends" : "starts", ends[k].chip, ends[k].x, ends[k].y,
                  k ? "receive" : "send", who);
    }
  }
  if (use->sendTile == use->recvTile)
    return fail(v, w, "route %u starts and ends at the same place", ri);
  return IPU_SUCCESS;
}

/* ---- The module -------------------------------------------------------- */

static IpuLogicalResult checkDescs(Verifier *v, IpubWhereKind kind,
                                   uint32_t n, const IpubTensorDesc *d) {
  for (uint32_t i = 0; i < n; ++i) {
    IpubWhere w = {kind, 0, i};
    uint64_t count;
    const char *what = kind == IPUB_WHERE_INPUT ? "input" : "output";
    if (!d[i].name || strlen(d[i].name) > IPUB_MAX_NAME)
      return fail(v, w, "%s %u has no name or one longer than %d bytes",
                  what, i, IPUB_MAX_NAME);
    if (!dtypeIsCarried(d[i].dtype) || d[i].rank < 0 ||
        d[i].rank > IPU_TENSOR_MAX_RANK ||
        !elementCount(d[i].rank, d[i].shape, &count))
      return fail(v, w, "%s %u ('%s') has an invalid type", what, i,
                  d[i].name);
  }
  return IPU_SUCCESS;
}

static IpuLogicalResult verifyAll(Verifier *v, Uses *u) {
  const IpubModule *m = v->m;
  const char *bad;
  if (!ipubTargetIsValid(&m->target, &bad))
    return fail(v, (IpubWhere){IPUB_WHERE_TARGET, 0, 0},
                "target field '%s' is out of range", bad);
  if ((m->numTiles && !m->tiles) || (m->numRoutes && !m->routes) ||
      (m->numInputs && !m->inputs) || (m->numOutputs && !m->outputs) ||
      (m->numDebugLocs && !m->debugLocs))
    return fail(v, (IpubWhere){IPUB_WHERE_MODULE, 0, 0},
                "a count is set without its array");
  if (ipuFailed(checkDescs(v, IPUB_WHERE_INPUT, m->numInputs, m->inputs)) ||
      ipuFailed(checkDescs(v, IPUB_WHERE_OUTPUT, m->numOutputs, m->outputs)))
    return IPU_FAILURE;
  for (uint32_t i = 0; i < m->numDebugLocs; ++i)
    if (!m->debugLocs[i])
      return fail(v, (IpubWhere){IPUB_WHERE_DEBUG, 0, 0},
                  "debug location %u is missing", i);
  const IpubTile *host = &m->host;
  if (host->chip != IPUB_HOST_CHIP || host->x || host->y)
    return fail(v, (IpubWhere){IPUB_WHERE_TILE, m->numTiles, 0},
                "the host's position must be (-1, 0, 0)");
  for (uint32_t ti = 0; ti <= m->numTiles; ++ti) {
    const IpubTile *t = tileAt(m, ti);
    if ((t->numBlocks && !t->blocks) || (t->numBuffers && !t->buffers) ||
        (t->numInstrs && !t->instrs))
      return fail(v, (IpubWhere){IPUB_WHERE_TILE, ti, 0},
                  "a count is set without its array");
    if ((ti < m->numTiles && ipuFailed(checkPosition(v, ti))) ||
        ipuFailed(checkBlocks(v, ti)) || ipuFailed(checkBuffers(v, ti)))
      return IPU_FAILURE;
    for (uint32_t ii = 0; ii < t->numInstrs; ++ii)
      if (ipuFailed(checkInstr(v, u, ti, ii)))
        return IPU_FAILURE;
  }
  for (uint32_t ri = 0; ri < m->numRoutes; ++ri)
    if (ipuFailed(checkRoute(v, &u->routes[ri], ri)))
      return IPU_FAILURE;
  for (uint32_t i = 0; i < m->numOutputs; ++i)
    if (!u->outputUses[i])
      return fail(v, (IpubWhere){IPUB_WHERE_OUTPUT, 0, i},
                  "output %u ('%s') is never written by an output "
                  "instruction",
                  i, m->outputs[i].name);
  if (u->nextKernel != m->numKernels)
    return fail(v, (IpubWhere){IPUB_WHERE_KERNELS, 0, 0},
                "%u kernel(s) for %u exec instruction(s)", m->numKernels,
                u->nextKernel);
  if (m->numKernels && (!m->kernelText || !m->kernelText[0]))
    return fail(v, (IpubWhere){IPUB_WHERE_KERNELS, 0, 0},
                "%u kernel(s) but no kernel text", m->numKernels);
  return IPU_SUCCESS;
}

IpuLogicalResult ipubVerifyWith(const IpubModule *m, IpuLocation loc,
                                const IpubLocator *locator) {
  Verifier v = {m, loc ? loc : ipuLocUnknownGet(m->ctx), locator};
  Uses u = {0};
  IpuContext *ctx = m->ctx;
  u.routes = ipuCalloc(ctx, m->numRoutes ? m->numRoutes : 1,
                       sizeof *u.routes);
  u.inputUses = ipuCalloc(ctx, m->numInputs ? m->numInputs : 1,
                          sizeof *u.inputUses);
  u.outputUses = ipuCalloc(ctx, m->numOutputs ? m->numOutputs : 1,
                           sizeof *u.outputUses);
  IpuLogicalResult r;
  if (!u.routes || !u.inputUses || !u.outputUses)
    r = ipuEmitError(ctx, v.loc, "out of memory");
  else
    r = verifyAll(&v, &u);
  ipuFree(ctx, u.routes);
  ipuFree(ctx, u.inputUses);
  ipuFree(ctx, u.outputUses);
  return r;
}

IpuLogicalResult ipubVerify(const IpubModule *m, IpuLocation loc) {
  return ipubVerifyWith(m, loc, NULL);
}
