/* Regions: owned lists of blocks inside an op; creation, destruction and
 * moving blocks between regions. */
#include <string.h>

#include "op_impl.h"

IpuRegion *ipuRegionCreate(IpuContext *ctx) {
  IpuRegion *r = ipuSlabAlloc(ctx, sizeof *r);
  if (!r)
    return NULL;
  memset(r, 0, sizeof *r);
  r->ctx = ctx;
  r->index = -1;
  return r;
}

void ipuRegionDestroy(IpuRegion *r) {
  if (!r || r->parentOp)
    return;
  ipuIrDestroyDetachedRegion(r);
}

IpuContext *ipuRegionGetContext(const IpuRegion *r) { return r->ctx; }
IpuBlock *ipuRegionGetFirstBlock(const IpuRegion *r) { return r->firstBlock; }
IpuBlock *ipuRegionGetLastBlock(const IpuRegion *r) { return r->lastBlock; }
intptr_t ipuRegionGetNumBlocks(const IpuRegion *r) { return r->numBlocks; }
bool ipuRegionIsEmpty(const IpuRegion *r) { return r->firstBlock == NULL; }

void ipuRegionAppendBlock(IpuRegion *r, IpuBlock *b) {
  ipuRegionInsertBlockAfter(r, r->lastBlock, b);
}

void ipuRegionInsertBlockAfter(IpuRegion *r, IpuBlock *after, IpuBlock *b) {
  if (b == after)
    return;
  ipuBlockRemoveFromRegion(b);
  if (after && after->parent != r)
    after = r->lastBlock;
  b->parent = r;
  b->prev = after;
  b->next = after ? after->next : r->firstBlock;
  if (b->prev)
    b->prev->next = b;
  else
    r->firstBlock = b;
  if (b->next)
    b->next->prev = b;
  else
    r->lastBlock = b;
  ++r->numBlocks;
}

IpuOp *ipuRegionGetParentOp(const IpuRegion *r) { return r->parentOp; }
intptr_t ipuRegionGetIndex(const IpuRegion *r) { return r->index; }

void ipuRegionTakeBody(IpuRegion *to, IpuRegion *from) {
  if (to == from || !from->firstBlock)
    return;
  for (IpuBlock *b = from->firstBlock; b; b = b->next)
    b->parent = to;
  from->firstBlock->prev = to->lastBlock;
  if (to->lastBlock)
    to->lastBlock->next = from->firstBlock;
  else
    to->firstBlock = from->firstBlock;
  to->lastBlock = from->lastBlock;
  to->numBlocks += from->numBlocks;
  from->firstBlock = from->lastBlock = NULL;
  from->numBlocks = 0;
}
