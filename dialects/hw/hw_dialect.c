/* The hw dialect (placed, routed, allocated hardware): the hw.tile verifier
 * and the exported dialect definition. */
#include "dialect_support.h"
#include "ipu/dialects.h"

static IpuLogicalResult checkNonNegative(IpuOp *op, const char *name) {
  int64_t value;
  if (!dialectGetIntAttr(op, name, &value) || value >= 0)
    return IPU_SUCCESS; /* absence is the generic checks' business */
  return ipuOpEmitError(op,
                        "attribute '%s' failed to satisfy constraint: 64-bit "
                        "signless integer attribute whose value is "
                        "non-negative",
                        name);
}

static IpuLogicalResult verifyTile(IpuOp *op) {
  if (ipuFailed(checkNonNegative(op, "x")) ||
      ipuFailed(checkNonNegative(op, "y")) ||
      ipuFailed(checkNonNegative(op, "chip")))
    return IPU_FAILURE;
  IpuRegion *body = ipuOpGetRegion(op, 0);
  IpuBlock *block = body ? ipuRegionGetFirstBlock(body) : NULL;
  if (block && ipuBlockGetNumArguments(block) != 0)
    return ipuOpEmitError(op, "region should have no arguments");
  return IPU_SUCCESS;
}

#define OP_TABLE_FILE "hw/hw_ops.def"
#include "op_table.h"

const IpuDialectDef ipuHwDialect = {
    .name = "hw",
    .summary = "Placed, routed and allocated hardware",
    .description =
        "The hw dialect maps one to one onto the binary: tiles at (chip, x, "
        "y), the arrays and SRAM buffers in them, NoC routes and each "
        "tile's program. This is its first op; the rest follow with the "
        "tile-to-hw lowering.\n\n"
        "Every hw op prints in the uniform short form (see the hl "
        "dialect).",
    .ops = dialectOps,
    .numOps = OP_TABLE_NUM_OPS,
    .materializeConstant = NULL,
};
