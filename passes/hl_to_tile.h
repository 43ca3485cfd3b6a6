/* hl-to-tile: the state the parts of the lowering share (conv / gemm
 * lowering, packing, SIMD / host partitioning, statistics); private. */
#ifndef IPU_PASSES_HL_TO_TILE_H
#define IPU_PASSES_HL_TO_TILE_H

#include "passes.h"
#include "ipu/target.h"

/* One weight block: a K x N slice of a layer's weights, placed by the
 * packer at (array, row, col). Layers whose weight matrices are equal
 * (an unrolled LSTM's steps) share their blocks: one HtBlock, one
 * tile.block, a tile.mvm per use. */
typedef struct {
  IpuAttr value;   /* K x N i8 dense elements (uniqued: equal => same) */
  int64_t rows, cols;
  IpuOp **mvms;    /* its tile.mvm ops, whose `block` is set after packing */
  intptr_t numMvms, capMvms;
  int64_t macs;    /* multiply-accumulates of one run, all mvms: P * K * N */
  char name[96];
  int64_t array, row, col; /* placement */
  /* What a later layer must match to share the block: the whole weight
   * matrix it was cut from (size and a hash of its bytes), the block's
   * corner in it, and `value`; `layer` (HtState.currentLayer) keeps the
   * groups of one conv apart. */
  intptr_t layer;
  uint64_t matrixHash;
  int64_t matrixRows, matrixCols, rowBegin, colBegin;
  intptr_t nextSameValue; /* index + 1 of an older block of equal value */
} HtBlock;

typedef struct {
  IpuContext *ctx;
  IpuTarget target;
  IpuBuilder b;
  HtBlock *blocks;
  intptr_t numBlocks, capBlocks;
  IpuPtrMap blockByValue; /* block value -> index + 1 of its newest block */
  int64_t numLayers;  /* lowered conv / gemm / matmul ops */
  int64_t numArrays;  /* after packing */
  int64_t numSimdOps, numHostOps, numSimdRegions, numHostRegions;
  int64_t numChannels;
  unsigned layerCounter;
  /* The layer (from 1) each tile.windows / mvm / accumulate belongs to:
   * one unit for the channels. */
  IpuPtrMap layerOf;
  intptr_t currentLayer;
} HtState;

/* hl_to_tile_mvm.c: lowers every quantized conv2d / gemm / matmul with
 * constant i8 weights in `body` into tile.windows / tile.mvm /
 * tile.accumulate and the hl ops that reassemble and bias the result
 * (left in the body for the partitioner). False after an error. */
bool htLowerLayers(HtState *st, IpuBlock *body);
/* Frees the blocks and their bookkeeping. */
void htFreeBlocks(HtState *st);

/* hl_to_tile_units.c: gathers the remaining hl ops into tile.simd and
 * tile.host regions and inserts the tile.channel ops between units. */
bool htPartition(HtState *st, IpuBlock *body);

/* hl_to_tile_pack.c: places the blocks into arrays of the target's size
 * (sets array/row/col and numArrays): as few arrays as possible when
 * `budget` is 0, else each layer's blocks in arrays of their own, layers
 * sharing arrays (smallest first) only as far as needed to stay within
 * `budget` arrays. False when out of memory. */
bool htPack(HtState *st, int64_t budget);

/* hl_to_tile_stats.c: the statistics of a packed module and the JSON
 * report. */
typedef struct {
  int64_t numArrays, lowerBound, ratioPpm, utilizationPpm;
  int64_t macsMax, macsMean, weightCells;
} HtStats;
void htComputeStats(const HtState *st, HtStats *out);
bool htWriteReport(const HtState *st, const HtStats *s, const char *path,
                   IpuOp *module);

#endif
