/* Region utilities shared by passes: which regions obey dominance, and
 * erasing blocks unreachable from their region's entry (O(blocks + ops)). */
#include "passes.h"

bool ipuPassRegionsHaveDominance(const IpuOp *op) {
  return !ipuOpHasTrait(op, IPU_TRAIT_GRAPH_REGION);
}

/* True if `op` lies (at any depth) inside a block of `region` whose index
 * in `index` is marked unreachable. */
static bool insideUnreachable(IpuOp *op, IpuRegion *region,
                              const IpuPtrMap *index,
                              const bool *reachable) {
  while (op) {
    IpuBlock *b = ipuOpGetBlock(op);
    if (!b)
      return false;
    if (ipuBlockGetParentRegion(b) == region) {
      intptr_t i = ipuPtrMapGetInt(index, b, -1);
      return i >= 0 && !reachable[i];
    }
    op = ipuBlockGetParentOp(b);
  }
  return false;
}

static bool usesStayInside(IpuValue v, IpuRegion *region,
                           const IpuPtrMap *index, const bool *reachable) {
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u))
    if (!insideUnreachable(ipuOpOperandGetOwner(u), region, index, reachable))
      return false;
  return true;
}

typedef struct {
  IpuRegion *region;
  const IpuPtrMap *index;
  const bool *reachable;
  bool escapes;
} EscapeCheck;

static IpuWalkResult checkResults(IpuOp *op, void *userData) {
  EscapeCheck *c = userData;
  for (intptr_t i = 0; i < ipuOpGetNumResults(op); i++)
    if (!usesStayInside(ipuOpGetResult(op, i), c->region, c->index,
                        c->reachable)) {
      c->escapes = true;
      return IPU_WALK_INTERRUPT;
    }
  return IPU_WALK_ADVANCE;
}

static IpuWalkResult dropOperands(IpuOp *op, void *userData) {
  ipuOpSetOperands(op, 0, NULL);
  return IPU_WALK_ADVANCE;
}

/* Returns false only when out of memory. */
static bool eraseUnreachableIn(IpuContext *ctx, IpuRegion *region,
                               int64_t *numErased) {
  intptr_t n = ipuRegionGetNumBlocks(region);
  IpuBlock **blocks = ipuAlloc(ctx, (size_t)n * sizeof *blocks);
  bool *reachable = ipuCalloc(ctx, (size_t)n, sizeof *reachable);
  intptr_t *work = ipuAlloc(ctx, (size_t)n * sizeof *work);
  IpuPtrMap index;
  ipuPtrMapInit(&index, ctx);
  bool ok = blocks && reachable && work;
  intptr_t i = 0;
  for (IpuBlock *b = ipuRegionGetFirstBlock(region); ok && b;
       b = ipuBlockGetNext(b), i++) {
    blocks[i] = b;
    ok = ipuPtrMapPutInt(&index, b, i);
  }
  if (ok) {
    intptr_t top = 0;
    reachable[0] = true;
    work[top++] = 0;
    while (top) {
      IpuOp *last = ipuBlockGetLastOp(blocks[work[--top]]);
      for (intptr_t s = 0; last && s < ipuOpGetNumSuccessors(last); s++) {
        intptr_t k = ipuPtrMapGetInt(&index, ipuOpGetSuccessor(last, s), -1);
        if (k >= 0 && !reachable[k]) {
          reachable[k] = true;
          work[top++] = k;
        }
      }
    }
    /* Values of unreachable blocks used elsewhere mean invalid IR: leave
     * such a region alone rather than leave dangling uses. */
    EscapeCheck check = {region, &index, reachable, false};
    for (i = 0; i < n && !check.escapes; i++) {
      if (reachable[i])
        continue;
      for (intptr_t a = 0; a < ipuBlockGetNumArguments(blocks[i]); a++)
        if (!usesStayInside(ipuBlockGetArgument(blocks[i], a), region, &index,
                            reachable))
          check.escapes = true;
      for (IpuOp *op = ipuBlockGetFirstOp(blocks[i]); op && !check.escapes;
           op = ipuOpGetNext(op))
        ipuOpWalk(op, IPU_WALK_PRE_ORDER, checkResults, &check);
    }
    if (!check.escapes) {
      for (i = 0; i < n; i++)
        if (!reachable[i])
          for (IpuOp *op = ipuBlockGetFirstOp(blocks[i]); op;
               op = ipuOpGetNext(op))
            ipuOpWalk(op, IPU_WALK_PRE_ORDER, dropOperands, NULL);
      /* Branches first, so no destroyed block is still some op's
       * successor. */
      for (i = 0; i < n; i++) {
        if (reachable[i])
          continue;
        for (IpuOp *op = ipuBlockGetFirstOp(blocks[i]); op;) {
          IpuOp *next = ipuOpGetNext(op);
          if (ipuOpGetNumSuccessors(op) > 0)
            ipuOpDestroy(op);
          op = next;
        }
      }
      for (i = 0; i < n; i++)
        if (!reachable[i]) {
          ipuBlockDestroy(blocks[i]);
          (*numErased)++;
        }
    }
  }
  ipuPtrMapDestroy(&index);
  ipuFree(ctx, work);
  ipuFree(ctx, reachable);
  ipuFree(ctx, blocks);
  return ok;
}

bool ipuPassEraseUnreachableBlocks(IpuOp *root, int64_t *numErased) {
  IpuContext *ctx = ipuOpGetContext(root);
  IpuRegion **stack = NULL;
  size_t top = 0, cap = 0;
  bool ok = true;
  for (intptr_t r = ipuOpGetNumRegions(root) - 1; r >= 0 || top > 0;) {
    IpuRegion *region;
    if (r >= 0) {
      region = ipuOpGetRegion(root, r--);
    } else {
      region = stack[--top];
    }
    if (ipuRegionGetNumBlocks(region) > 1 &&
        ipuPassRegionsHaveDominance(ipuRegionGetParentOp(region)) &&
        !eraseUnreachableIn(ctx, region, numErased))
      ok = false;
    for (IpuBlock *b = ipuRegionGetFirstBlock(region); b;
         b = ipuBlockGetNext(b))
      for (IpuOp *op = ipuBlockGetFirstOp(b); op; op = ipuOpGetNext(op))
        for (intptr_t k = 0; k < ipuOpGetNumRegions(op); k++) {
          if (top == cap) {
            size_t newCap = cap ? cap * 2 : 32;
            IpuRegion **grown =
                ipuRealloc(ctx, stack, newCap * sizeof *grown);
            if (!grown) {
              ipuFree(ctx, stack);
              return false;
            }
            stack = grown;
            cap = newCap;
          }
          stack[top++] = ipuOpGetRegion(op, k);
        }
  }
  ipuFree(ctx, stack);
  return ok;
}
