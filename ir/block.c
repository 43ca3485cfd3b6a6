/* Blocks: arguments, the intrusive list of ops, position in a region and
 * the predecessor list (successor uses of terminators naming the block). */
#include "op_impl.h"

IpuBlock *ipuBlockCreate(IpuContext *ctx, intptr_t numArgs,
                         const IpuType *argTypes, const IpuLocation *argLocs) {
  IpuBlock *b = ipuCalloc(ctx, 1, sizeof *b);
  if (!b)
    return NULL;
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

IpuValue ipuBlockAddArgument(IpuBlock *b, IpuType t, IpuLocation loc) {
  if (b->numArgs == INT32_MAX)
    return NULL;
  if (b->numArgs == b->capArgs) {
    int32_t cap =
        b->capArgs ? (b->capArgs > INT32_MAX / 2 ? INT32_MAX : b->capArgs * 2)
                   : 2;
    IpuBlockArgument **grown =
        ipuRealloc(b->ctx, b->args, (size_t)cap * sizeof *grown);
    if (!grown) {
      ipuIrReportOutOfMemory(b->ctx, loc);
      return NULL;
    }
    b->args = grown;
    b->capArgs = cap;
  }
  IpuBlockArgument *arg = ipuAlloc(b->ctx, sizeof *arg);
  if (!arg) {
    ipuIrReportOutOfMemory(b->ctx, loc);
    return NULL;
  }
  arg->value.type = t;
  arg->value.firstUse = NULL;
  arg->value.index = (uint32_t)b->numArgs;
  arg->value.kind = IPU_VALUE_BLOCK_ARG;
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
    ipuIrOperandUnlink(arg->value.firstUse);
  ipuFree(b->ctx, arg);
  for (intptr_t j = i + 1; j < b->numArgs; ++j) {
    b->args[j - 1] = b->args[j];
    b->args[j - 1]->value.index = (uint32_t)(j - 1);
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
  return last && ipuOpDefHasTrait(last->def, IPU_TRAIT_TERMINATOR) ? last
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
