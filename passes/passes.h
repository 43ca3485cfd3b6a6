/* Definitions of the passes in passes/ (one file each) and small helpers
 * they share; private to the passes library. */
#ifndef IPU_PASSES_PASSES_H
#define IPU_PASSES_PASSES_H

#include "ipu/ipu.h"
#include "ipu/ptr_map.h"

extern const IpuPassDef ipuCanonicalizePass;   /* canonicalize.c */
extern const IpuPassDef ipuCSEPass;            /* cse.c */
extern const IpuPassDef ipuDCEPass;            /* dce.c */
extern const IpuPassDef ipuSymbolDCEPass;      /* symbol_dce.c */
extern const IpuPassDef ipuStripDebugInfoPass; /* strip_debuginfo.c */

/* ---- Region utilities (region_utils.c). ---- */
/* True if the regions of `op` are SSACFG regions (dominance applies):
 * every op that does not declare graph regions, including unregistered
 * ones, as in MLIR. */
bool ipuPassRegionsHaveDominance(const IpuOp *op);
/* Erases the blocks of every SSACFG region nested in `root` (not root's own
 * op, but its regions and all below) that cannot be reached from their
 * region's entry block. Adds the number of erased blocks to *numErased.
 * Returns false only when out of memory (the IR is then unchanged for the
 * region being processed). */
bool ipuPassEraseUnreachableBlocks(IpuOp *root, int64_t *numErased);

#endif
