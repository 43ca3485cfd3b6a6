/* Stackless traversal of nested ops through parent links, and destruction
 * of op trees, blocks and regions at any nesting depth without recursion. */
#include "op_impl.h"

IpuOp *ipuIrFirstNestedOp(const IpuOp *op, uint32_t regionIndex) {
  IpuRegion **regions = ipuIrOpRegions(op);
  for (uint32_t r = regionIndex; r < op->numRegions; ++r)
    for (IpuBlock *b = regions[r] ? regions[r]->firstBlock : NULL; b;
         b = b->next)
      if (b->firstOp)
        return b->firstOp;
  return NULL;
}

/* The first op in the blocks after `b` and then in the later regions of
 * b's parent op. */
static IpuOp *firstOpAfterBlock(const IpuBlock *b) {
  for (IpuBlock *n = b->next; n; n = n->next)
    if (n->firstOp)
      return n->firstOp;
  IpuRegion *r = b->parent;
  if (!r || !r->parentOp)
    return NULL;
  return ipuIrFirstNestedOp(r->parentOp, (uint32_t)(r->index + 1));
}

IpuOp *ipuIrNextPreOrder(const IpuOp *op, const IpuOp *root,
                         bool skipChildren) {
  if (!skipChildren) {
    IpuOp *child = ipuIrFirstNestedOp(op, 0);
    if (child)
      return child;
  }
  while (op != root) {
    if (op->next)
      return op->next;
    IpuBlock *b = op->block;
    if (!b)
      return NULL;
    IpuOp *after = firstOpAfterBlock(b);
    if (after)
      return after;
    op = ipuIrBlockParentOp(b);
    if (!op)
      return NULL;
  }
  return NULL;
}

static IpuOp *leftmostLeaf(IpuOp *op) {
  for (IpuOp *child; (child = ipuIrFirstNestedOp(op, 0));)
    op = child;
  return op;
}

IpuOp *ipuIrFirstPostOrder(IpuOp *root) { return leftmostLeaf(root); }

IpuOp *ipuIrNextPostOrder(const IpuOp *op, const IpuOp *root) {
  if (op == root)
    return NULL;
  if (op->next)
    return leftmostLeaf(op->next);
  IpuBlock *b = op->block;
  if (!b)
    return NULL;
  IpuOp *after = firstOpAfterBlock(b);
  if (after)
    return leftmostLeaf(after);
  return ipuIrBlockParentOp(b);
}

/* ---- Destruction. ---------------------------------------------------- */

static void dropOpUses(IpuOp *op) {
  IpuOpOperand *operands = ipuIrOpOperands(op);
  for (uint32_t i = 0; i < op->numOperands; ++i)
    ipuIrOperandUnlink(&operands[i]);
  IpuBlockOperand *succs = ipuIrOpSuccessors(op);
  for (uint32_t i = 0; i < op->numSuccessors; ++i)
    ipuIrBlockOperandUnlink(&succs[i]);
}

static void cutUses(IpuValue v) {
  while (v->firstUse)
    ipuIrOperandUnlink(ipuIrFirstUse(v));
}

/* Frees a block whose ops are gone. */
static void freeBlockShell(IpuBlock *b) {
  IpuContext *ctx = b->ctx;
  for (int32_t i = 0; i < b->numArgs; ++i) {
    cutUses(&b->args[i]->value);
    ipuSlabFree(ctx, b->args[i], sizeof(IpuBlockArgument));
  }
  ipuFree(ctx, b->args);
  while (b->firstPred)
    ipuIrBlockOperandUnlink(b->firstPred);
  ipuSlabFree(ctx, b, sizeof *b);
}

static void freeRegionShell(IpuRegion *r) {
  for (IpuBlock *b = r->firstBlock, *next; b; b = next) {
    next = b->next;
    freeBlockShell(b);
  }
  ipuSlabFree(r->ctx, r, sizeof *r);
}

/* Frees an op whose regions hold no ops any more. */
static void freeOpShell(IpuOp *op) {
  for (uint32_t i = 0; i < op->numResults; ++i)
    cutUses(ipuIrOpResult(op, i));
  dropOpUses(op);
  IpuRegion **regions = ipuIrOpRegions(op);
  for (uint32_t i = 0; i < op->numRegions; ++i)
    if (regions[i]) /* NULL only in a clone that ran out of memory */
      freeRegionShell(regions[i]);
  ipuIrOpFree(op);
}

/* Frees a detached tree, leaves first, in one pass: each value's remaining
 * uses are cut before it goes and each op unlinks its own operands, so no
 * use list ever points at freed memory, whatever the order of definitions
 * and uses. */
static void freeTree(IpuOp *root) {
  IpuOp *op = ipuIrFirstPostOrder(root);
  while (op) {
    IpuOp *next = ipuIrNextPostOrder(op, root);
    if (op != root)
      ipuIrUnlinkOp(op);
    freeOpShell(op);
    op = next;
  }
}

void ipuIrDestroyDetachedOp(IpuOp *op) { freeTree(op); }

static void freeBlockOps(IpuBlock *b) {
  for (IpuOp *op; (op = b->firstOp);) {
    ipuIrUnlinkOp(op);
    freeTree(op);
  }
}

void ipuIrDestroyDetachedBlock(IpuBlock *b) {
  freeBlockOps(b);
  freeBlockShell(b);
}

void ipuIrDestroyDetachedRegion(IpuRegion *r) {
  for (IpuBlock *b = r->firstBlock; b; b = b->next)
    freeBlockOps(b);
  freeRegionShell(r);
}
