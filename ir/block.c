/* Blocks: arguments, the intrusive list of ops, position in a region and
 * the predecessor list (successor uses of terminators naming the block). */
#include <string.h>

#include "op_impl.h"

IpuBlock *ipuBlockCreate(IpuContext *ctx, intptr_t numArgs,
                         const IpuType *argTypes, const IpuLocation *argLocs) {
  IpuBlock *b = ipuSlabAlloc(ctx, sizeof *b);
  if (!b)
    return NULL;
  memset(b, 0, sizeof *b);
  b->ctx = ctx;
  b->opOrderValid = true;
  for (intptr_t i = 0; i < numArgs; ++i) {
    IpuLocation loc = argLocs ? argLocs[i] : ipuLocUnknownGet(ctx);
    if (!ipuBlockAddArgument(b, argTypes[i], loc)) {
      ipuBlockDestroy(b);
      return NULL;
    }
  }
  return b;
}

void ipuBlockDestroy(IpuBlock *b) {
  if (!b)
    return;
  ipuBlockRemoveFromRegion(b);
  ipuIrDestroyDetachedBlock(b);
}

IpuContext *ipuBlockGetContext(const IpuBlock *b) { return b->ctx; }

/* Where to report a failure: not a packed position (that would allocate). */
static IpuLocation reportLoc(uint64_t loc) {
  return loc & 1u ? NULL : (IpuLocation)(uintptr_t)loc;
}

IpuValue ipuBlockAddArgument(IpuBlock *b, IpuType t, IpuLocation loc) {
  return ipuIrBlockAddArgumentRaw(b, t, (uint64_t)(uintptr_t)loc);
}

IpuValue ipuBlockAddArgumentAt(IpuBlock *b, IpuType t, IpuIdent file,
                               unsigned line, unsigned column) {
  uint64_t packed = ipuIrPackFileLineCol(b->ctx, file, line, column);
  if (packed)
    return ipuIrBlockAddArgumentRaw(b, t, packed);
  IpuLocation loc = file ? ipuLocFileGet(b->ctx, file, line, column)
                         : ipuLocUnknownGet(b->ctx);
  if (!loc) {
    ipuIrReportOutOfMemory(b->ctx, NULL);
    return NULL;
  }
  return ipuBlockAddArgument(b, t, loc);
}

IpuValue ipuIrBlockAddArgumentRaw(IpuBlock *b, IpuType t, uint64_t loc) {
  if (b->numArgs == INT32_MAX)
    return NULL;
  if (b->numArgs == b->capArgs) {
    int32_t cap =
        b->capArgs ? (b->capArgs > INT32_MAX / 2 ? INT32_MAX : b->capArgs * 2)
                   : 2;
    IpuBlockArgument **grown =
        ipuRealloc(b->ctx, b->args, (size_t)cap * sizeof *grown);
    if (!grown) {
      ipuIrReportOutOfMemory(b->ctx, reportLoc(loc));
      return NULL;
    }
    b->args = grown;
    b->capArgs = cap;
  }
  IpuBlockArgument *arg = ipuSlabAlloc(b->ctx, sizeof *arg);
  if (!arg) {
    ipuIrReportOutOfMemory(b->ctx, reportLoc(loc));
    return NULL;
  }
  arg->value.type = t;
  arg->value.firstUse = 0;
  arg->value.bits = (uint32_t)b->numArgs << 1 | 1u;
  arg->value.printId = 0;
  arg->owner = b;
  arg->loc = loc;
  b->args[b->numArgs++] = arg;
  return &arg->value;
}

void ipuBlockEraseArgument(IpuBlock *b, intptr_t i) {
  if (i < 0 || i >= b->numArgs)
    return;
  IpuBlockArgument *arg = b->args[i];
  /* A caller bug; cut the uses instead of leaving them dangling. */
  while (arg->value.firstUse)
    ipuIrOperandUnlink(ipuIrFirstUse(&arg->value));
  ipuSlabFree(b->ctx, arg, sizeof *arg);
  for (intptr_t j = i + 1; j < b->numArgs; ++j) {
    b->args[j - 1] = b->args[j];
    b->args[j - 1]->value.bits = (uint32_t)(j - 1) << 1 | 1u;
  }
  --b->numArgs;
}

intptr_t ipuBlockGetNumArguments(const IpuBlock *b) { return b->numArgs; }

IpuValue ipuBlockGetArgument(const IpuBlock *b, intptr_t i) {
  if (i < 0 || i >= b->numArgs)
    return NULL;
  return &b->args[i]->value;
}

IpuOp *ipuBlockGetFirstOp(const IpuBlock *b) { return b->firstOp; }
IpuOp *ipuBlockGetLastOp(const IpuBlock *b) { return b->lastOp; }

IpuOp *ipuBlockGetTerminator(const IpuBlock *b) {
  IpuOp *last = b->lastOp;
  return last && ipuOpDefHasTrait(ipuIrOpDef(last), IPU_TRAIT_TERMINATOR) ? last
                                                                   : NULL;
}

bool ipuBlockIsEmpty(const IpuBlock *b) { return b->firstOp == NULL; }

void ipuBlockAppendOp(IpuBlock *b, IpuOp *op) {
  ipuBlockInsertOpBefore(b, NULL, op);
}

void ipuBlockInsertOpBefore(IpuBlock *b, IpuOp *before, IpuOp *op) {
  if (op == before)
    return;
  ipuIrUnlinkOp(op);
  ipuIrLinkOp(b, before, op);
}

IpuRegion *ipuBlockGetParentRegion(const IpuBlock *b) { return b->parent; }
IpuOp *ipuBlockGetParentOp(const IpuBlock *b) { return ipuIrBlockParentOp(b); }
IpuBlock *ipuBlockGetNext(const IpuBlock *b) { return b->next; }
IpuBlock *ipuBlockGetPrev(const IpuBlock *b) { return b->prev; }

bool ipuBlockIsEntryBlock(const IpuBlock *b) {
  return b->parent && b->parent->firstBlock == b;
}

void ipuBlockRemoveFromRegion(IpuBlock *b) {
  IpuRegion *r = b->parent;
  if (!r)
    return;
  if (b->prev)
    b->prev->next = b->next;
  else
    r->firstBlock = b->next;
  if (b->next)
    b->next->prev = b->prev;
  else
    r->lastBlock = b->prev;
  b->prev = b->next = NULL;
  b->parent = NULL;
  --r->numBlocks;
}

bool ipuBlockHasPredecessors(const IpuBlock *b) { return b->firstPred != NULL; }
