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
  int64_t numSplitLayers, numSplitParts; /* output-channel splits: layers
                                          * split, parts they became */
  int64_t numSunkOps;   /* epilogue ops copied into per-group chains */
  int64_t numGroupPacks; /* block-diagonal packs of 2+ groups (one mvm) */
  unsigned blobCounter;
  /* The concats joining the groups (and parts) of a grouped conv, value
   * 1 while they exist: each becomes a tile.simd of its own. */
  IpuPtrMap joinOps;
  /* Row bands (hl_to_tile_bands.c): layers split and their bands, and
   * each band conv's shared source id (op -> id), so that the bands of
   * one layer do not share their equal weight blocks. */
  int64_t numBandedLayers, numBands;
  IpuPtrMap bandSource;
  /* Latency bands (hl_to_tile_latency.c, option balance-latency): the
   * band count planned for a conv (op -> count, absent: the SRAM's
   * choice) and the bands that adds; in the dry run that plans them,
   * `cloneOrigin` maps the clone's ops to the module's and
   * `recordBands` gets each banded op's count (module op -> count). */
  bool balanceLatency;
  IpuPtrMap latencyBands;
  int64_t numLatencyBands;
  const IpuPtrMap *cloneOrigin;
  IpuPtrMap *recordBands;
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

/* The ops whose each output element depends only on the same position
 * and channel of their operands (NULL-terminated): a grouped conv's
 * packs and a split layer's parts each take a copy of them, with
 * per-channel constants sliced. Defined in hl_to_tile_sink.c. */
extern const char *const htSeparableOps[];

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
  /* When set (numGroups + 1 entries): the first channel of each leaf,
   * whose channel counts then differ (block-diagonal packs of groups:
   * `numGroups` counts the packs, `partBegin` is in packs). */
  const int64_t *leafChannelBegin;
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
/* `t` (a ranked tensor type) with dimension `dim` of size `size`: the type
 * of one part of a value cut on that dimension. NULL when `dim` is not one
 * of t's dimensions. */
IpuType htWithDim(IpuContext *ctx, IpuType t, intptr_t dim, int64_t size);
/* Whether the requantize `op` can be cut into parts on the channel axis
 * `axis` of its n channels: its multiplier, shift and zero point are each
 * one for all channels or, on that axis, one per channel. */
bool htRequantizeSeparable(IpuOp *op, intptr_t axis, int64_t n);
/* Gives `copy`, a part of the requantize `orig` holding channels [begin,
 * begin + count) of its n, orig's per-channel parameters for those
 * channels (those with one entry for all are kept). The parameters must
 * pass htRequantizeSeparable. False when out of memory. */
bool htSliceRequantize(IpuContext *ctx, IpuOp *orig, IpuOp *copy, int64_t n,
                       int64_t begin, int64_t count);
/* Sinks the join `joined` (made by htJoinGroups from j->leaves) through
 * the position-wise, channel-separable ops that follow it in its block:
 * each such op gets a copy per group at the end of that group's chain,
 * with its constants sliced per group, and the values still used
 * elsewhere are joined again. `layerOp`, the lowered op still in the
 * block, is passed over. False after an error. */
bool htSinkJoin(HtState *st, HtJoin *j, IpuValue joined, IpuOp *layerOp);

/* hl_to_tile_mvm.c: the rows one block may take: the array's, fewer when
 * the ADC is narrower than the exact partial sums of that many rows would
 * need (|x * w| <= 128 * 127). */
int64_t htMaxBlockRows(const HtState *st);

/* hl_to_tile_mvm.c: lowers every quantized conv2d / gemm / matmul with
 * constant i8 weights in `body` into tile.windows / tile.mvm /
 * tile.accumulate and the hl ops that reassemble and bias the result
 * (left in the body for the partitioner). False after an error. */
bool htLowerLayers(HtState *st, IpuBlock *body);
/* Frees the blocks and their bookkeeping. */
void htFreeBlocks(HtState *st);

/* hl_to_tile_split.c: the SRAM estimate every split shares. The budget
 * is 90% of the target's sram_bytes_per_tile (the rest for alignment and
 * small buffers). htResidentBytes estimates what `op`'s tile holds when
 * `op` is lowered alone: the bytes of its operand 0 (the input map) plus
 * those of its epilogue's end (htEpilogueEnd: the narrowest value leaving
 * the DAG of position-wise integer ops after it, which the SIMD unit
 * streams, so only that value stays) plus, for conv2d / gemm / matmul,
 * two streamed rows of one mvm's i32 product (the product itself
 * streams). Works on any op with an operand and a result (a pool: no
 * streamed rows). *outType (when not NULL) gets the end's type. -1 when
 * a type is not static. */
int64_t htSramBudget(const HtState *st);
/* The bytes of a static ranked tensor type's elements as stored (an
 * element type without a storage size counts one byte each); -1 for any
 * other type. */
int64_t htTensorBytes(IpuType t);
/* Whether `t` is a ranked tensor of integers (what the SIMD unit computes
 * on; other values go to the host). */
bool htIsIntegerTensor(IpuType t);
int64_t htResidentBytes(const HtState *st, IpuOp *op, IpuType *outType);
/* The output-channel split (on quantized hl, before htLowerLayers; only
 * with an array budget). htChannelParts: the parts `op` (a conv2d with
 * groups = 1, gemm or matmul with constant i8 weights and an i32 result)
 * splits into: 1 when it fits the budget (or is not such a layer, or
 * would need more parts than the array budget), k > 1 the smallest count
 * of output-channel parts whose tiles fit, 0 when its input alone takes
 * more than half the budget (or not even one channel a part fits), so
 * that splitting the output cannot make it fit (a row-band split's case:
 * run that on the layers this leaves with 0, after htSplitChannels).
 * htSplitChannels
 * splits every layer of `body` with k > 1 (counted in numSplitLayers /
 * numSplitParts); false after an error. */
int64_t htChannelParts(const HtState *st, IpuOp *op);
bool htSplitChannels(HtState *st, IpuBlock *body);

/* hl_to_tile_bands.c: the row-band split (after htSplitChannels, before
 * htLowerLayers; only with an array budget). A conv2d with constant
 * weights or an integer maxpool / avgpool whose resident bytes exceed
 * the budget becomes bands of output rows (hl.slice of the input on axis
 * 2, a copy of the op and of its epilogue per band, joined by hl.concat
 * on axis 2), the slices folded through earlier joins; a pool reading a
 * band join is banded like it. False after an error. */
bool htSplitBands(HtState *st, IpuBlock *body);
/* The output rows of `op` when the row-band split can cut it into more
 * bands for latency: a conv2d with constant weights, groups = 1, static
 * 4-D types, at least 2 output rows, and an epilogue that can follow
 * bands; else 0. */
int64_t htBandableRows(HtState *st, IpuOp *op);
/* hl_to_tile_latency.c: with balance-latency and an array budget, after
 * htSplitChannels and before htSplitBands: counts the arrays the module
 * would take (a dry run of the bands, lowering and packing on a clone of
 * `module`), then gives the slowest convs more row bands while the spare
 * arrays last (latencyBands, numLatencyBands). False after an error. */
bool htPlanLatency(HtState *st, IpuOp *module);
/* The end of `op`'s epilogue: the position-wise integer ops after it in
 * its block (add, sub, mul, max, min, relu, clip, leaky_relu, neg, abs,
 * requantize, quantize; same shape as op's result; other operands
 * constants) forming a DAG from op's result 0 that exactly one value, the
 * returned one, leaves (a quantized leaky relu: two requantizes and an
 * add); of such cuts the one whose value has the fewest bytes (the latest
 * of equals: a requantize that only widens the value for a reader outside
 * stays out). op's result when there is none. With `ops`, the DAG's ops in
 * block order (ipuAlloc'd, NULL when none; *numOps their count). NULL
 * when out of memory. */
IpuValue htEpilogueEnd(IpuContext *ctx, IpuOp *op, IpuOp ***ops,
                       intptr_t *numOps);

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
