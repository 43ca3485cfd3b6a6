/* ipuOpWalk with MLIR's semantics (next sibling taken before an op's
 * subtree), on an explicit heap stack: nesting depth never hits the C stack. */
#include <string.h>

#include "op_impl.h"

/* One op whose regions are being walked. */
typedef struct {
  IpuOp *op;
  uint32_t region; /* index of the region being walked */
  IpuBlock *block; /* block being walked; NULL before the first */
  IpuOp *nextOp;   /* next op of `block` to walk (taken early) */
} WalkFrame;

typedef struct {
  IpuContext *ctx;
  WalkFrame *frames; /* `inlineFrames` or a heap array (owned) */
  size_t size, capacity;
  WalkFrame inlineFrames[32];
} WalkStack;

static bool push(WalkStack *s, IpuOp *op) {
  if (s->size == s->capacity) {
    size_t capacity = s->capacity * 2;
    WalkFrame *grown;
    if (s->frames == s->inlineFrames) {
      grown = ipuAlloc(s->ctx, capacity * sizeof *grown);
      if (grown)
        memcpy(grown, s->frames, s->size * sizeof *grown);
    } else {
      grown = ipuRealloc(s->ctx, s->frames, capacity * sizeof *grown);
    }
    if (!grown)
      return false;
    s->frames = grown;
    s->capacity = capacity;
  }
  WalkFrame *f = &s->frames[s->size++];
  f->op = op;
  f->region = 0;
  f->block = NULL;
  f->nextOp = NULL;
  return true;
}

/* Moves the frame to its next op, entering later blocks and regions;
 * false when its regions are done. */
static bool advance(WalkFrame *f) {
  while (!f->nextOp) {
    if (f->block) {
      f->block = f->block->next;
    } else {
      if (f->region >= f->op->numRegions)
        return false;
      f->block = ipuIrOpRegions(f->op)[f->region]->firstBlock;
    }
    if (f->block) {
      f->nextOp = f->block->firstOp;
    } else {
      ++f->region;
    }
  }
  return true;
}

IpuWalkResult ipuOpWalk(IpuOp *root, IpuWalkOrder order, IpuOpWalkFn fn,
                        void *userData) {
  bool pre = order == IPU_WALK_PRE_ORDER;
  if (pre) {
    IpuWalkResult r = fn(root, userData);
    if (r != IPU_WALK_ADVANCE)
      return r == IPU_WALK_INTERRUPT ? IPU_WALK_INTERRUPT : IPU_WALK_ADVANCE;
  }
  WalkStack s;
  s.ctx = ipuIrOpCtx(root);
  s.frames = s.inlineFrames;
  s.size = 0;
  s.capacity = sizeof s.inlineFrames / sizeof s.inlineFrames[0];
  push(&s, root);
  IpuWalkResult result = IPU_WALK_ADVANCE;
  while (s.size) {
    WalkFrame *f = &s.frames[s.size - 1];
    if (!advance(f)) {
      IpuOp *done = f->op;
      --s.size;
      if (!pre && fn(done, userData) == IPU_WALK_INTERRUPT) {
        result = IPU_WALK_INTERRUPT;
        break;
      }
      continue;
    }
    IpuOp *op = f->nextOp;
    f->nextOp = op->next;
    if (pre) {
      IpuWalkResult r = fn(op, userData);
      if (r == IPU_WALK_INTERRUPT) {
        result = IPU_WALK_INTERRUPT;
        break;
      }
      if (r == IPU_WALK_SKIP)
        continue;
    }
    if (!push(&s, op)) {
      ipuIrReportOutOfMemory(s.ctx, ipuIrOpLoc(op));
      result = IPU_WALK_INTERRUPT;
      break;
    }
  }
  if (s.frames != s.inlineFrames)
    ipuFree(s.ctx, s.frames);
  return result;
}
