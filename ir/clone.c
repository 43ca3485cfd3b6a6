/* ipuOpClone: deep copy in two passes like MLIR's Region::cloneInto (copy
 * every op, then remap operands and successors through an old->new map). */
#include "op_impl.h"
#include "ipu/ptr_map.h"

/* Copies `src`'s blocks (with their arguments) into the empty region
 * `dst`, recording old -> new blocks and arguments. */
static bool cloneBlocks(IpuRegion *src, IpuRegion *dst, IpuPtrMap *map) {
  for (IpuBlock *b = src->firstBlock; b; b = b->next) {
    IpuBlock *copy = ipuBlockCreate(dst->ctx, 0, NULL, NULL);
    if (!copy)
      return false;
    ipuRegionAppendBlock(dst, copy);
    if (!ipuPtrMapPut(map, b, copy))
      return false;
    for (int32_t i = 0; i < b->numArgs; ++i) {
      IpuBlockArgument *arg = b->args[i];
      IpuValue v = ipuIrBlockAddArgumentRaw(copy, arg->value.type, arg->loc);
      if (!v || !ipuPtrMapPut(map, &arg->value, v))
        return false;
    }
  }
  return true;
}

/* Copies one op without its nested ops; its operands and successors still
 * name the originals until remapping. The copy owns empty regions that
 * receive copies of the original's blocks. */
static IpuOp *cloneShell(const IpuOp *src, IpuPtrMap *map) {
  IpuContext *ctx = ipuIrOpCtx(src);
  IpuOp *op = ipuIrOpAllocate(src->info, src->numResults, src->numSuccessors,
                              src->numRegions, src->numOperands);
  if (!op)
    return NULL;
  if (!ipuIrOpSetAttrsAndProps(op, ipuIrOpAttrs(src), ipuIrOpProps(src))) {
    ipuIrOpFree(op);
    return NULL;
  }
  op->loc = src->loc;
  for (uint32_t i = 0; i < op->numResults; ++i)
    ipuIrOpResult(op, i)->type = ipuIrOpResult(src, i)->type;
  IpuBlockOperand *succs = ipuIrOpSuccessors(op);
  IpuBlockOperand *srcSuccs = ipuIrOpSuccessors(src);
  for (uint32_t i = 0; i < op->numSuccessors; ++i)
    ipuIrBlockOperandLink(&succs[i], srcSuccs[i].block);
  IpuOpOperand *operands = ipuIrOpOperands(op);
  IpuOpOperand *srcOperands = ipuIrOpOperands(src);
  for (uint32_t i = 0; i < op->numOperands; ++i)
    ipuIrOperandLink(&operands[i], srcOperands[i].value);
  /* Regions last: a failure below leaves a complete op to destroy. */
  IpuRegion **regions = ipuIrOpRegions(op);
  IpuRegion **srcRegions = ipuIrOpRegions(src);
  bool ok = true;
  for (uint32_t i = 0; i < op->numRegions && ok; ++i) {
    regions[i] = ipuRegionCreate(ctx);
    if (!regions[i]) {
      ok = false; /* the NULL entries left are skipped on destruction */
      break;
    }
    regions[i]->parentOp = op;
    regions[i]->index = (int32_t)i;
    ok = cloneBlocks(srcRegions[i], regions[i], map);
  }
  for (uint32_t i = 0; ok && i < op->numResults; ++i)
    ok = ipuPtrMapPut(map, ipuIrOpResult(src, i), ipuIrOpResult(op, i));
  if (!ok) {
    ipuIrDestroyDetachedOp(op);
    return NULL;
  }
  return op;
}

static void remapUses(IpuOp *root, const IpuPtrMap *map) {
  for (IpuOp *op = root; op; op = ipuIrNextPreOrder(op, root, false)) {
    IpuOpOperand *operands = ipuIrOpOperands(op);
    for (uint32_t i = 0; i < op->numOperands; ++i) {
      IpuValue v = operands[i].value;
      IpuValue mapped = v ? ipuPtrMapGet(map, v) : NULL;
      if (mapped) {
        ipuIrOperandUnlink(&operands[i]);
        ipuIrOperandLink(&operands[i], mapped);
      }
    }
    IpuBlockOperand *succs = ipuIrOpSuccessors(op);
    for (uint32_t i = 0; i < op->numSuccessors; ++i) {
      IpuBlock *mapped =
          succs[i].block ? ipuPtrMapGet(map, succs[i].block) : NULL;
      if (mapped) {
        ipuIrBlockOperandUnlink(&succs[i]);
        ipuIrBlockOperandLink(&succs[i], mapped);
      }
    }
  }
}

IpuOp *ipuOpClone(IpuOp *src) {
  IpuPtrMap map;
  ipuPtrMapInit(&map, ipuIrOpCtx(src));
  IpuOp *root = cloneShell(src, &map);
  if (!root)
    goto fail;
  for (IpuOp *op = ipuIrNextPreOrder(src, src, false); op;
       op = ipuIrNextPreOrder(op, src, false)) {
    IpuBlock *into = ipuPtrMapGet(&map, op->block);
    IpuOp *copy = cloneShell(op, &map);
    if (!copy) {
      ipuIrDestroyDetachedOp(root);
      goto fail;
    }
    ipuIrLinkOp(into, NULL, copy);
  }
  remapUses(root, &map);
  ipuPtrMapDestroy(&map);
  return root;
fail:
  ipuPtrMapDestroy(&map);
  ipuIrReportOutOfMemory(ipuIrOpCtx(src), ipuIrOpLoc(src));
  return NULL;
}
