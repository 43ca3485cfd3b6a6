/* dce: dead code elimination: unreachable blocks and trivially dead ops.
 *
 * Algorithm: (1) in every SSACFG region below the op (not graph regions),
 * erase the blocks that cannot be reached from the entry block, as
 * canonicalize's region simplification does. (2) List every op below the
 * op in post-order, each block's ops from last to first (users before the
 * values they use, nested ops before their parent). Visit the list: an op
 * that ipuOpIsTriviallyDead (registered, Pure, holding no side-effecting
 * ops, results unused) is erased; erasing it may make the producers of its
 * operands dead, and those already visited are re-examined through a
 * worklist (unvisited ones will be examined in turn), so one pass reaches
 * the fixpoint. Dead block arguments and side-effecting ops are kept;
 * unregistered ops are never dead.
 *
 * Complexity: O(n + u) expected for n ops and u operand uses (hash-based
 * visited set); explicit stacks only, so deep nesting is safe. */
#include <string.h>

#include "passes.h"

enum { STATE_VISITED = 1, STATE_QUEUED = 2 };

typedef struct {
  IpuContext *ctx;
  IpuPtrMap state;  /* op -> STATE_*; absent: not visited yet */
  IpuOp **work;         /* producers to re-examine */
  size_t numWork, capWork;
  int64_t erased;
  bool outOfMemory;
} DCE;

static void pushWork(DCE *d, IpuOp *op) {
  if (d->numWork == d->capWork) {
    size_t cap = d->capWork ? d->capWork * 2 : 64;
    IpuOp **w = ipuRealloc(d->ctx, d->work, cap * sizeof *w);
    if (!w) {
      d->outOfMemory = true;
      return;
    }
    d->work = w;
    d->capWork = cap;
  }
  d->work[d->numWork++] = op;
}

/* Erases `op` (known dead) and then every visited producer it leaves dead. */
static void eraseDead(DCE *d, IpuOp *op) {
  size_t base = d->numWork;
  pushWork(d, op);
  while (d->numWork > base) {
    IpuOp *x = d->work[--d->numWork];
    if (x != op) {
      if (!ipuPtrMapPutInt(&d->state, x, STATE_VISITED))
        d->outOfMemory = true;
      if (!ipuOpIsTriviallyDead(x))
        continue;
    }
    /* Producers that were visited already must be looked at again;
     * queue each once (an op may feed several operands). */
    for (intptr_t i = 0; i < ipuOpGetNumOperands(x); i++) {
      IpuOp *def = ipuValueGetDefiningOp(ipuOpGetOperand(x, i));
      if (def && ipuPtrMapGetInt(&d->state, def, 0) == STATE_VISITED) {
        if (!ipuPtrMapPutInt(&d->state, def, STATE_QUEUED))
          d->outOfMemory = true;
        pushWork(d, def);
      }
    }
    ipuOpSetOperands(x, 0, NULL);
    ipuOpDestroy(x);
    d->erased++;
  }
}

/* Post-order list of the ops below `root`, blocks' ops last to first. */
typedef struct {
  IpuOp *op;
  intptr_t nextRegion;
  IpuBlock *block;  /* block being listed, NULL before the first */
  IpuOp *nextOp;    /* next op (going backwards) of that block */
} ListFrame;

static bool listPostOrder(IpuContext *ctx, IpuOp *root, IpuOp ***out,
                          size_t *count) {
  IpuOp **list = NULL;
  size_t n = 0, cap = 0;
  ListFrame *stack = NULL;
  size_t top = 0, capStack = 0;
  bool ok = true;
#define PUSH_FRAME(o)                                                        \
  do {                                                                       \
    if (top == capStack) {                                                   \
      size_t c2 = capStack ? capStack * 2 : 32;                              \
      ListFrame *s2 = ipuRealloc(ctx, stack, c2 * sizeof *s2);               \
      if (!s2) {                                                             \
        ok = false;                                                          \
        break;                                                               \
      }                                                                      \
      stack = s2;                                                            \
      capStack = c2;                                                         \
    }                                                                        \
    stack[top++] = (ListFrame){(o), 0, NULL, NULL};                          \
  } while (0)
  PUSH_FRAME(root);
  while (ok && top) {
    ListFrame *f = &stack[top - 1];
    if (f->nextOp) {
      IpuOp *op = f->nextOp;
      f->nextOp = ipuOpGetPrev(op);
      PUSH_FRAME(op);
      continue;
    }
    /* Next block of the current region, or the next region. */
    IpuBlock *next = f->block ? ipuBlockGetPrev(f->block) : NULL;
    if (!next && f->nextRegion < ipuOpGetNumRegions(f->op)) {
      next = ipuRegionGetLastBlock(ipuOpGetRegion(f->op, f->nextRegion++));
      if (!next)
        continue;
    }
    if (next) {
      f->block = next;
      f->nextOp = ipuBlockGetLastOp(next);
      continue;
    }
    IpuOp *done = f->op;
    top--;
    if (done == root)
      break;
    if (n == cap) {
      size_t c2 = cap ? cap * 2 : 256;
      IpuOp **l2 = ipuRealloc(ctx, list, c2 * sizeof *l2);
      if (!l2) {
        ok = false;
        break;
      }
      list = l2;
      cap = c2;
    }
    list[n++] = done;
  }
#undef PUSH_FRAME
  ipuFree(ctx, stack);
  if (!ok) {
    ipuFree(ctx, list);
    return false;
  }
  *out = list;
  *count = n;
  return true;
}

static IpuLogicalResult runDCE(IpuOp *op, IpuPassRun *run) {
  IpuContext *ctx = ipuPassRunGetContext(run);
  int64_t blocksErased = 0;
  if (!ipuPassEraseUnreachableBlocks(op, &blocksErased))
    return ipuOpEmitError(op, "out of memory in DCE");

  DCE d;
  memset(&d, 0, sizeof d);
  d.ctx = ctx;
  ipuPtrMapInit(&d.state, ctx);
  size_t n = 0;
  IpuOp **list = NULL;
  bool ok = listPostOrder(ctx, op, &list, &n);
  for (size_t i = 0; ok && i < n && !d.outOfMemory; i++) {
    IpuOp *x = list[i];
    /* Every op still listed is alive: the worklist erases only visited
     * ops, and the ops below an erased op come before it in the list. */
    if (ipuOpIsTriviallyDead(x))
      eraseDead(&d, x);
    else if (!ipuPtrMapPutInt(&d.state, x, STATE_VISITED))
      d.outOfMemory = true;
  }
  ipuFree(ctx, list);
  ipuFree(ctx, d.work);
  ipuPtrMapDestroy(&d.state);
  ipuPassRunAddStatistic(run, "num-erased", d.erased);
  ipuPassRunAddStatistic(run, "num-blocks-erased", blocksErased);
  if (!ok || d.outOfMemory)
    return ipuOpEmitError(op, "out of memory in DCE");
  if (d.erased == 0 && blocksErased == 0)
    ipuPassRunMarkAllPreserved(run);
  return IPU_SUCCESS;
}

static const IpuPassStatisticDef dceStatistics[] = {
    {"num-blocks-erased", "Number of unreachable blocks erased"},
    {"num-erased", "Number of trivially dead operations erased"},
};

const IpuPassDef ipuDCEPass = {
    .argument = "dce",
    .summary = "Erase trivially dead operations and unreachable blocks",
    .description =
        "Erases the blocks of SSACFG regions that are unreachable from "
        "their entry block, then every op that is trivially dead (Pure, "
        "unused), repeatedly, until none is left.",
    .anchor = NULL,
    .statistics = dceStatistics,
    .numStatistics = 2,
    .run = runDCE,
};
