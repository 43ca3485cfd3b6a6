/* Dominator trees of the block graph of one region (Cooper-Harvey-Kennedy)
 * and MLIR's dominance rules across nested regions (private to ir/). */
#ifndef IPU_IR_DOMINANCE_H
#define IPU_IR_DOMINANCE_H

#include "ipu/verifier.h"

/* The dominator tree of one region's blocks, rooted at the entry block.
 * Edges are the successors of each block's last op that lie in the same
 * region; blocks not reachable from the entry have no tree position. */
typedef struct IpuDomTree IpuDomTree;

/* Builds the tree in O(blocks + edges) per CHK iteration (two or three
 * iterations in practice). NULL on allocation failure or empty region. */
IpuDomTree *ipuDomTreeCreate(IpuRegion *region);
void ipuDomTreeDestroy(IpuDomTree *t);
IpuRegion *ipuDomTreeGetRegion(const IpuDomTree *t);
bool ipuDomTreeIsReachable(const IpuDomTree *t, const IpuBlock *b);
/* MLIR's DominatorTreeBase rules: a block dominates itself, an unreachable
 * block is dominated by every block and dominates none but itself. Both
 * blocks must belong to the tree's region. O(1). */
bool ipuDomTreeDominates(const IpuDomTree *t, const IpuBlock *a,
                         const IpuBlock *b);
bool ipuDomTreeProperlyDominates(const IpuDomTree *t, const IpuBlock *a,
                                 const IpuBlock *b);
/* Immediate dominator; NULL for the entry and unreachable blocks. */
IpuBlock *ipuDomTreeGetIdom(const IpuDomTree *t, const IpuBlock *b);
intptr_t ipuDomTreeGetNumChildren(const IpuDomTree *t, const IpuBlock *b);
IpuBlock *ipuDomTreeGetChild(const IpuDomTree *t, const IpuBlock *b,
                             intptr_t i);

/* Graph regions (GRAPH_REGION ops, builtin.module) have no SSA dominance:
 * inside one block, uses may come before definitions. */
bool ipuRegionHasSSADominance(const IpuRegion *r);

/* The block of `region` that holds `b` (itself or through the ops that
 * nest it), or NULL when `b` is not inside `region`. O(depth). */
IpuBlock *ipuRegionFindAncestorBlock(const IpuRegion *region, IpuBlock *b);
/* Likewise for an op. */
IpuOp *ipuRegionFindAncestorOp(const IpuRegion *region, IpuOp *op);
/* True if `a` encloses `b` (a == b included). O(depth). */
bool ipuRegionIsAncestor(const IpuRegion *a, const IpuRegion *b);

/* The cached tree of `r` (see ipuDominanceInfoCreate in verifier.h),
 * built on first use; NULL for regions of fewer than two blocks, which need
 * none, and on allocation failure. */
IpuDomTree *ipuDominanceInfoGetTree(IpuDominanceInfo *info, IpuRegion *r);

#endif
