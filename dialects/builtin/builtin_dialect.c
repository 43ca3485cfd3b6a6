/* The builtin dialect: builtin.module, the top-level container, with its
 * verifier and the exported dialect definition. */
#include "ipu/dialects.h"

static IpuLogicalResult verifyModule(IpuOp *op) {
  IpuRegion *body = ipuOpGetRegion(op, 0);
  if (!body)
    return IPU_FAILURE; /* the region count was reported generically */
  /* MLIR's bodyRegion is a SizedRegion<1>: the custom parser always makes
   * the block, so an empty region only comes from generic input. */
  if (ipuRegionGetNumBlocks(body) != 1)
    return ipuOpEmitError(op, "region #0 ('bodyRegion') failed to verify "
                              "constraint: region with 1 blocks");
  if (ipuBlockGetNumArguments(ipuRegionGetFirstBlock(body)) != 0)
    return ipuOpEmitError(op, "region should have no arguments");
  return IPU_SUCCESS;
}

#define OP_TABLE_FILE "builtin/builtin_ops.def"
#include "op_table.h"

const IpuDialectDef ipuBuiltinDialect = {
    .name = "builtin",
    .summary = "The top-level container of every IR file",
    .description =
        "The builtin dialect holds `builtin.module`. Its types and "
        "attributes (integers, floats, tensors, dense elements, "
        "locations, ...) are the IR core's own and are described in the "
        "textual format guide.",
    .ops = dialectOps,
    .numOps = OP_TABLE_NUM_OPS,
    .materializeConstant = NULL,
};
