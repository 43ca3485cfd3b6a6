/* The verifier: structural rules (dominance, terminators, regions, symbol
 * uniqueness) and each registered op's own rules. */
#ifndef IPU_VERIFIER_H
#define IPU_VERIFIER_H

#include "ipu/ir.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Verifies `op` and everything nested in it. Each problem is reported as a
 * located error through the context's handler; returns failure if any. */
IpuLogicalResult ipuOpVerify(IpuOp *op);

/* Dominance: true if `v` is visible at (dominates) `user` under MLIR's rules
 * (SSACFG regions need dominance, graph regions do not). */
bool ipuValueDominates(IpuValue v, IpuOp *user);

/* Cached dominance for passes (CSE, hoisting): one dominator tree per
 * region, built on first use. The cache does not watch the IR: after
 * changing a region's blocks or terminators, invalidate it (or the whole
 * cache) before asking again. Queries follow MLIR's DominanceInfo. */
typedef struct IpuDominanceInfo IpuDominanceInfo;
IpuDominanceInfo *ipuDominanceInfoCreate(IpuContext *ctx);
void ipuDominanceInfoDestroy(IpuDominanceInfo *info);
/* Forgets the tree of `region` (NULL: every tree). */
void ipuDominanceInfoInvalidate(IpuDominanceInfo *info, IpuRegion *region);
/* `v` is defined before `user` on every path (SSA regions) or is visible to
 * it (graph regions). A value never dominates uses inside its own op. */
bool ipuDominanceInfoValueDominates(IpuDominanceInfo *info, IpuValue v,
                                    IpuOp *user);
/* `a` properly dominates `b` (`a` != `b`); as in MLIR, an op properly
 * dominates the ops nested in its regions. */
bool ipuDominanceInfoOpProperlyDominates(IpuDominanceInfo *info, IpuOp *a,
                                         IpuOp *b);
/* `a` dominates `b`: equal, or `a` dominates the block of `b`'s region
 * that holds `b`, or encloses it. */
bool ipuDominanceInfoBlockDominates(IpuDominanceInfo *info, IpuBlock *a,
                                    IpuBlock *b);
bool ipuDominanceInfoIsReachable(IpuDominanceInfo *info, IpuBlock *b);
/* The dominator tree of a block's region, for walks in dominance order
 * (CSE): immediate dominator (NULL for the entry block and unreachable
 * blocks) and children. */
IpuBlock *ipuDominanceInfoGetIdom(IpuDominanceInfo *info, IpuBlock *b);
intptr_t ipuDominanceInfoGetNumChildren(IpuDominanceInfo *info, IpuBlock *b);
IpuBlock *ipuDominanceInfoGetChild(IpuDominanceInfo *info, IpuBlock *b,
                                   intptr_t i);

#ifdef __cplusplus
}
#endif
#endif
