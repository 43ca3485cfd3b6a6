/* The tile dialect's verifier and inference hooks named by tile_ops.def,
 * and what its files share. */
#ifndef IPU_TILE_HOOKS_H
#define IPU_TILE_HOOKS_H

#include "dialect_support.h"

/* The widest weight a cell of the analog arrays holds, the widest input
 * slice a DAC applies and the most slices a tile.mvm cuts an input into
 * (16 slices of 2 bits hold any 16-bit value). */
enum {
  TILE_MAX_WEIGHT_BITS = 8,
  TILE_MAX_INPUT_BITS = 8,
  TILE_MAX_INPUT_SLICES = 16
};

/* ODS's words for an I64Attr out of [min, max]: "attribute 'rows' failed
 * to satisfy constraint: 64-bit signless integer attribute whose minimum
 * value is 1". Success when it is in range. */
IpuLogicalResult tileCheckRange(IpuOp *op, const char *name, int64_t value,
                                int64_t min, int64_t max);

/* The weights of a tile.block as K x N i8 values: `*data` holds K * N
 * bytes, or one when `*splat`. False when they cannot be read: the value
 * is not a 2-D i8 tensor, or a dense_resource without (enough) data. */
bool tileBlockWeights(const IpuOp *block, int64_t *k, int64_t *n,
                      const int8_t **data, bool *splat);

IpuLogicalResult tileVerifyArray(IpuOp *op);
IpuLogicalResult tileVerifyBlock(IpuOp *op);
IpuLogicalResult tileVerifyMvm(IpuOp *op);
IpuLogicalResult tileVerifyAccumulate(IpuOp *op);
IpuLogicalResult tileVerifyWindows(IpuOp *op);
IpuLogicalResult tileVerifySimd(IpuOp *op);
IpuLogicalResult tileVerifyHost(IpuOp *op);
IpuLogicalResult tileVerifyChannel(IpuOp *op);

IpuLogicalResult tileInferAccumulate(IpuContext *ctx, IpuLocation loc,
                                     intptr_t numOperands,
                                     const IpuValue *operands,
                                     IpuAttr attributes, IpuAttr properties,
                                     intptr_t numResults,
                                     IpuType *resultTypes);
IpuLogicalResult tileInferWindows(IpuContext *ctx, IpuLocation loc,
                                  intptr_t numOperands,
                                  const IpuValue *operands,
                                  IpuAttr attributes, IpuAttr properties,
                                  intptr_t numResults, IpuType *resultTypes);
IpuLogicalResult tileInferChannel(IpuContext *ctx, IpuLocation loc,
                                  intptr_t numOperands,
                                  const IpuValue *operands,
                                  IpuAttr attributes, IpuAttr properties,
                                  intptr_t numResults, IpuType *resultTypes);

#endif
