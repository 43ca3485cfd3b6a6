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
   * groups of one conv apart; `source` (the lowered op's id) keeps the
   * groups of one conv from sharing across its parts, which are layers of
   * their own for packing. */
  intptr_t layer, source;
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
  intptr_t currentLayer, currentSource;
  intptr_t numLayerIds; /* ids handed out to layers and parts */
  int64_t budget;       /* array-budget, resolved (-1 -> the tile count) */
  int64_t numParts;     /* parts of grouped convs split for SRAM, beyond 1 */
  int64_t numSunkOps;   /* epilogue ops copied into per-group chains */
  unsigned blobCounter;
  /* The concats joining the groups (and parts) of a grouped conv, value
   * 1 while they exist: each becomes a tile.simd of its own. */
  IpuPtrMap joinOps;
} HtState;

/* hl_to_tile_mvm.c: creates one op with one result at the builder's
 * insertion point (tile ops are recorded in layerOf under currentLayer);
 * NULL after an error. */
IpuOp *htBuild1(HtState *st, const char *name, IpuLocation loc,
                intptr_t numOperands, const IpuValue *operands,
                IpuType result, intptr_t numAttrs, const char **names,
                const IpuAttr *attrs);
/* `v` reshaped to `type` (v itself when it has that type). */
IpuValue htReshapeTo(HtState *st, IpuLocation loc, IpuValue v, IpuType type);

/* hl_to_tile_sink.c: a grouped conv lowered per group. Each group has a
 * chain of hl ops from its mvm product (transpose, reshape, bias slice,
 * then the epilogue ops the sinking copies in) right after its mvm, and
 * the chains' values are joined on axis 1: one concat per part of
 * contiguous groups, then one concat of the parts (one concat when the
 * layer is one part). */
typedef struct {
  intptr_t numGroups, numParts;
  const intptr_t *partBegin; /* numParts + 1 group boundaries */
  int64_t channels;          /* channels per group (Mg) */
  IpuValue *leaves;          /* per group: its chain's value */
  IpuOp **tails;             /* per group: its chain's last op */
} HtJoin;
/* Joins one value per group (`values`, 1 x Mg x H x W each) as the layer
 * is joined, at the builder's insertion point; the concats go into
 * joinOps. NULL after an error. */
IpuValue htJoinGroups(HtState *st, const HtJoin *j, IpuLocation loc,
                      const IpuValue *values);
/* Slices [begin, begin + count) of dimension `dim` of `v` as a value of
 * `type` (same elements, maybe another shape): a new hl.constant when `v`
 * is a constant, else hl.slice (+ reshape). NULL after an error. */
IpuValue htSliceChannels(HtState *st, IpuLocation loc, IpuValue v,
                         intptr_t dim, int64_t begin, int64_t count,
                         IpuType type);
/* Sinks the join `joined` (made by htJoinGroups from j->leaves) through
 * the position-wise, channel-separable ops that follow it in its block:
 * each such op gets a copy per group at the end of that group's chain,
 * with its constants sliced per group, and the values still used
 * elsewhere are joined again. `layerOp`, the lowered op still in the
 * block, is passed over. False after an error. */
bool htSinkJoin(HtState *st, HtJoin *j, IpuValue joined, IpuOp *layerOp);

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
