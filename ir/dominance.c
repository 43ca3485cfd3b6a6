/* Dominator trees per region (Cooper, Harvey & Kennedy, "A Simple, Fast
 * Dominance Algorithm") and the cached, cross-region DominanceInfo. */
#include "dominance.h"

#include <string.h>

#include "ipu/opdef.h"
#include "op_impl.h"
#include "ipu/ptr_map.h"

struct IpuDomTree {
  IpuContext *ctx;
  IpuRegion *region;
  IpuPtrMap index;     /* block -> (void *)(position + 1) */
  int32_t n;           /* number of blocks */
  IpuBlock **blocks;   /* by position in the region (owned) */
  int32_t *idom;       /* immediate dominator's position; -1: none */
  int32_t *treeIn;     /* dominator-tree DFS interval; -1: unreachable */
  int32_t *treeOut;
  int32_t *childStart; /* children of b: children[childStart[b] ..
                          childStart[b + 1]) */
  int32_t *children;
};

/* ---- Small helpers. --------------------------------------------------- */

static int32_t blockPos(const IpuDomTree *t, const IpuBlock *b) {
  void *v = ipuPtrMapGet(&t->index, b);
  return v ? (int32_t)((intptr_t)v - 1) : -1;
}

/* Successor edges inside the region, as MLIR's Block::getSuccessors: the
 * last op's successors (single-block regions have none). */
static int32_t countSuccessors(const IpuDomTree *t, const IpuBlock *b,
                               int32_t *out) {
  IpuOp *term = b->lastOp;
  if (!term || t->n == 1)
    return 0;
  int32_t count = 0;
  IpuBlockOperand *succ = ipuIrOpSuccessors(term);
  for (uint32_t i = 0; i < term->numSuccessors; ++i) {
    int32_t pos = succ[i].block ? blockPos(t, succ[i].block) : -1;
    if (pos < 0)
      continue; /* another region: the verifier reports it */
    if (out)
      out[count] = pos;
    ++count;
  }
  return count;
}

static int32_t intersect(const int32_t *idom, const int32_t *postNum,
                         int32_t a, int32_t b) {
  while (a != b) {
    while (postNum[a] < postNum[b])
      a = idom[a];
    while (postNum[b] < postNum[a])
      b = idom[b];
  }
  return a;
}

/* ---- Construction. ---------------------------------------------------- */

typedef struct {
  int32_t *succStart, *succ;   /* CSR successor lists */
  int32_t *predStart, *pred;   /* CSR predecessor lists (reachable only) */
  int32_t *postNum;            /* DFS post-order number; -1: unreachable */
  int32_t *rpo;                /* reachable blocks in reverse post-order */
  int32_t numReachable;
  int32_t *stack, *stackEdge;  /* DFS stack */
} Scratch;

static void freeScratch(IpuContext *ctx, Scratch *s) {
  ipuFree(ctx, s->succStart);
  ipuFree(ctx, s->succ);
  ipuFree(ctx, s->predStart);
  ipuFree(ctx, s->pred);
  ipuFree(ctx, s->postNum);
  ipuFree(ctx, s->rpo);
  ipuFree(ctx, s->stack);
  ipuFree(ctx, s->stackEdge);
}

static bool buildEdges(IpuDomTree *t, Scratch *s) {
  int32_t n = t->n;
  s->succStart = ipuCalloc(t->ctx, (size_t)n + 1, sizeof(int32_t));
  if (!s->succStart)
    return false;
  for (int32_t i = 0; i < n; ++i)
    s->succStart[i + 1] = s->succStart[i] + countSuccessors(t, t->blocks[i],
                                                            NULL);
  s->succ = ipuAlloc(t->ctx, ((size_t)s->succStart[n] + 1) * sizeof(int32_t));
  if (!s->succ)
    return false;
  for (int32_t i = 0; i < n; ++i)
    countSuccessors(t, t->blocks[i], s->succ + s->succStart[i]);
  return true;
}

/* Iterative DFS from the entry: post-order numbers and reverse post-order. */
static bool numberBlocks(IpuDomTree *t, Scratch *s) {
  int32_t n = t->n;
  s->postNum = ipuAlloc(t->ctx, (size_t)n * sizeof(int32_t));
  s->rpo = ipuAlloc(t->ctx, (size_t)n * sizeof(int32_t));
  s->stack = ipuAlloc(t->ctx, (size_t)n * sizeof(int32_t));
  s->stackEdge = ipuAlloc(t->ctx, (size_t)n * sizeof(int32_t));
  if (!s->postNum || !s->rpo || !s->stack || !s->stackEdge)
    return false;
  for (int32_t i = 0; i < n; ++i)
    s->postNum[i] = -2; /* -2: unvisited, -1: on the stack */
  int32_t depth = 0, counter = 0;
  s->stack[depth] = 0;
  s->stackEdge[depth++] = s->succStart[0];
  s->postNum[0] = -1;
  while (depth) {
    int32_t b = s->stack[depth - 1];
    int32_t e = s->stackEdge[depth - 1];
    if (e < s->succStart[b + 1]) {
      s->stackEdge[depth - 1] = e + 1;
      int32_t c = s->succ[e];
      if (s->postNum[c] == -2) {
        s->postNum[c] = -1;
        s->stack[depth] = c;
        s->stackEdge[depth++] = s->succStart[c];
      }
      continue;
    }
    s->postNum[b] = counter++;
    --depth;
  }
  s->numReachable = counter;
  for (int32_t i = 0; i < n; ++i) {
    if (s->postNum[i] < 0)
      s->postNum[i] = -1;
    else
      s->rpo[counter - 1 - s->postNum[i]] = i;
  }
  return true;
}

static bool buildPredecessors(IpuDomTree *t, Scratch *s) {
  int32_t n = t->n;
  s->predStart = ipuCalloc(t->ctx, (size_t)n + 2, sizeof(int32_t));
  if (!s->predStart)
    return false;
  for (int32_t b = 0; b < n; ++b) {
    if (s->postNum[b] < 0)
      continue;
    for (int32_t e = s->succStart[b]; e < s->succStart[b + 1]; ++e)
      ++s->predStart[s->succ[e] + 2];
  }
  for (int32_t i = 2; i <= n + 1; ++i)
    s->predStart[i] += s->predStart[i - 1];
  s->pred = ipuAlloc(t->ctx, ((size_t)s->predStart[n + 1] + 1) *
                                 sizeof(int32_t));
  if (!s->pred)
    return false;
  for (int32_t b = 0; b < n; ++b) {
    if (s->postNum[b] < 0)
      continue;
    for (int32_t e = s->succStart[b]; e < s->succStart[b + 1]; ++e)
      s->pred[s->predStart[s->succ[e] + 1]++] = b;
  }
  return true; /* predStart[b] .. predStart[b + 1] now spans b's preds */
}

static void computeIdoms(IpuDomTree *t, Scratch *s) {
  for (int32_t i = 0; i < t->n; ++i)
    t->idom[i] = -1;
  t->idom[0] = 0;
  bool changed = true;
  while (changed) {
    changed = false;
    for (int32_t k = 1; k < s->numReachable; ++k) {
      int32_t b = s->rpo[k];
      int32_t newIdom = -1;
      for (int32_t e = s->predStart[b]; e < s->predStart[b + 1]; ++e) {
        int32_t p = s->pred[e];
        if (t->idom[p] < 0)
          continue;
        newIdom = newIdom < 0 ? p : intersect(t->idom, s->postNum, p, newIdom);
      }
      if (newIdom != t->idom[b]) {
        t->idom[b] = newIdom;
        changed = true;
      }
    }
  }
  t->idom[0] = -1; /* the entry has no immediate dominator */
}

/* Children lists and DFS intervals of the dominator tree, for O(1)
 * dominance queries. */
static bool numberTree(IpuDomTree *t, Scratch *s) {
  int32_t n = t->n;
  t->childStart = ipuCalloc(t->ctx, (size_t)n + 2, sizeof(int32_t));
  t->children = ipuAlloc(t->ctx, (size_t)n * sizeof(int32_t));
  if (!t->childStart || !t->children)
    return false;
  for (int32_t b = 0; b < n; ++b)
    if (t->idom[b] >= 0)
      ++t->childStart[t->idom[b] + 2];
  for (int32_t i = 2; i <= n + 1; ++i)
    t->childStart[i] += t->childStart[i - 1];
  /* Children in region order, so walks are deterministic. */
  for (int32_t b = 0; b < n; ++b)
    if (t->idom[b] >= 0)
      t->children[t->childStart[t->idom[b] + 1]++] = b;
  for (int32_t i = 0; i < n; ++i)
    t->treeIn[i] = t->treeOut[i] = -1;
  int32_t depth = 0, counter = 0;
  s->stack[depth] = 0;
  s->stackEdge[depth++] = t->childStart[0];
  t->treeIn[0] = counter++;
  while (depth) {
    int32_t b = s->stack[depth - 1];
    int32_t e = s->stackEdge[depth - 1];
    if (e < t->childStart[b + 1]) {
      s->stackEdge[depth - 1] = e + 1;
      int32_t c = t->children[e];
      t->treeIn[c] = counter++;
      s->stack[depth] = c;
      s->stackEdge[depth++] = t->childStart[c];
      continue;
    }
    t->treeOut[b] = counter++;
    --depth;
  }
  return true;
}

IpuDomTree *ipuDomTreeCreate(IpuRegion *region) {
  if (!region || !region->firstBlock || region->numBlocks > INT32_MAX / 4)
    return NULL;
  IpuContext *ctx = region->ctx;
  IpuDomTree *t = ipuCalloc(ctx, 1, sizeof *t);
  if (!t)
    return NULL;
  t->ctx = ctx;
  t->region = region;
  ipuPtrMapInit(&t->index, ctx);
  t->n = (int32_t)region->numBlocks;
  t->blocks = ipuAlloc(ctx, (size_t)t->n * sizeof *t->blocks);
  t->idom = ipuAlloc(ctx, (size_t)t->n * sizeof(int32_t));
  t->treeIn = ipuAlloc(ctx, (size_t)t->n * sizeof(int32_t));
  t->treeOut = ipuAlloc(ctx, (size_t)t->n * sizeof(int32_t));
  Scratch s;
  memset(&s, 0, sizeof s);
  bool ok = t->blocks && t->idom && t->treeIn && t->treeOut;
  int32_t i = 0;
  for (IpuBlock *b = region->firstBlock; ok && b && i < t->n; b = b->next) {
    t->blocks[i] = b;
    ok = ipuPtrMapPut(&t->index, b, (void *)(intptr_t)(i + 1));
    ++i;
  }
  t->n = i;
  ok = ok && buildEdges(t, &s) && numberBlocks(t, &s) &&
       buildPredecessors(t, &s);
  if (ok)
    computeIdoms(t, &s);
  ok = ok && numberTree(t, &s);
  freeScratch(ctx, &s);
  if (!ok) {
    ipuIrReportOutOfMemory(ctx, region->parentOp ? ipuIrOpLoc(region->parentOp)
                                                  : ipuLocUnknownGet(ctx));
    ipuDomTreeDestroy(t);
    return NULL;
  }
  return t;
}

void ipuDomTreeDestroy(IpuDomTree *t) {
  if (!t)
    return;
  IpuContext *ctx = t->ctx;
  ipuPtrMapDestroy(&t->index);
  ipuFree(ctx, t->blocks);
  ipuFree(ctx, t->idom);
  ipuFree(ctx, t->treeIn);
  ipuFree(ctx, t->treeOut);
  ipuFree(ctx, t->childStart);
  ipuFree(ctx, t->children);
  ipuFree(ctx, t);
}

/* ---- Queries. --------------------------------------------------------- */

IpuRegion *ipuDomTreeGetRegion(const IpuDomTree *t) { return t->region; }

bool ipuDomTreeIsReachable(const IpuDomTree *t, const IpuBlock *b) {
  int32_t p = blockPos(t, b);
  return p >= 0 && t->treeIn[p] >= 0;
}

bool ipuDomTreeDominates(const IpuDomTree *t, const IpuBlock *a,
                         const IpuBlock *b) {
  if (a == b)
    return true;
  int32_t pa = blockPos(t, a), pb = blockPos(t, b);
  if (pa < 0 || pb < 0)
    return false;
  if (t->treeIn[pb] < 0)
    return true; /* unreachable: dominated by everything */
  if (t->treeIn[pa] < 0)
    return false;
  return t->treeIn[pa] <= t->treeIn[pb] && t->treeOut[pb] <= t->treeOut[pa];
}

bool ipuDomTreeProperlyDominates(const IpuDomTree *t, const IpuBlock *a,
                                 const IpuBlock *b) {
  return a != b && ipuDomTreeDominates(t, a, b);
}

IpuBlock *ipuDomTreeGetIdom(const IpuDomTree *t, const IpuBlock *b) {
  int32_t p = blockPos(t, b);
  return p >= 0 && t->idom[p] >= 0 ? t->blocks[t->idom[p]] : NULL;
}

intptr_t ipuDomTreeGetNumChildren(const IpuDomTree *t, const IpuBlock *b) {
  int32_t p = blockPos(t, b);
  return p >= 0 ? t->childStart[p + 1] - t->childStart[p] : 0;
}

IpuBlock *ipuDomTreeGetChild(const IpuDomTree *t, const IpuBlock *b,
                             intptr_t i) {
  int32_t p = blockPos(t, b);
  if (p < 0 || i < 0 || i >= t->childStart[p + 1] - t->childStart[p])
    return NULL;
  return t->blocks[t->children[t->childStart[p] + i]];
}

/* ---- Regions. --------------------------------------------------------- */

bool ipuRegionHasSSADominance(const IpuRegion *r) {
  const IpuOp *op = r ? r->parentOp : NULL;
  if (!op || !ipuIrOpDef(op))
    return true; /* unregistered ops' regions are SSACFG, as in MLIR */
  if (ipuIrOpDef(op)->traits & IPU_TRAIT_GRAPH_REGION)
    return false;
  return strcmp(ipuIrOpDef(op)->name, "builtin.module") != 0;
}

IpuBlock *ipuRegionFindAncestorBlock(const IpuRegion *region, IpuBlock *b) {
  while (b && b->parent != region) {
    IpuOp *op = ipuIrBlockParentOp(b);
    b = op ? op->block : NULL;
  }
  return b;
}

IpuOp *ipuRegionFindAncestorOp(const IpuRegion *region, IpuOp *op) {
  while (op && (!op->block || op->block->parent != region))
    op = op->block ? ipuIrBlockParentOp(op->block) : NULL;
  return op;
}

bool ipuRegionIsAncestor(const IpuRegion *a, const IpuRegion *b) {
  while (b && b != a) {
    IpuOp *op = b->parentOp;
    b = op && op->block ? op->block->parent : NULL;
  }
  return b == a && a;
}

/* ---- The cached DominanceInfo. ---------------------------------------- */

struct IpuDominanceInfo {
  IpuContext *ctx;
  IpuPtrMap trees; /* region -> IpuDomTree (owned), or NULL once dropped */
};

IpuDominanceInfo *ipuDominanceInfoCreate(IpuContext *ctx) {
  IpuDominanceInfo *info = ipuCalloc(ctx, 1, sizeof *info);
  if (!info)
    return NULL;
  info->ctx = ctx;
  ipuPtrMapInit(&info->trees, ctx);
  return info;
}

void ipuDominanceInfoInvalidate(IpuDominanceInfo *info, IpuRegion *region) {
  if (!info)
    return;
  if (region) {
    IpuDomTree *t = ipuPtrMapGet(&info->trees, region);
    if (t) {
      ipuDomTreeDestroy(t);
      ipuPtrMapPut(&info->trees, region, NULL);
    }
    return;
  }
  for (size_t i = 0; i < info->trees.capacity; ++i)
    ipuDomTreeDestroy(info->trees.slots[i].value);
  ipuPtrMapDestroy(&info->trees);
  ipuPtrMapInit(&info->trees, info->ctx);
}

void ipuDominanceInfoDestroy(IpuDominanceInfo *info) {
  if (!info)
    return;
  ipuDominanceInfoInvalidate(info, NULL);
  ipuFree(info->ctx, info);
}

IpuDomTree *ipuDominanceInfoGetTree(IpuDominanceInfo *info, IpuRegion *r) {
  if (!r || r->numBlocks < 2)
    return NULL;
  IpuDomTree *t = ipuPtrMapGet(&info->trees, r);
  if (t)
    return t;
  t = ipuDomTreeCreate(r);
  if (t && !ipuPtrMapPut(&info->trees, r, t)) {
    ipuDomTreeDestroy(t);
    return NULL;
  }
  return t;
}

/* Blocks of one region: answered by the tree, or trivially when the region
 * has one block (then a == b). */
static bool sameRegionProperlyDominates(IpuDominanceInfo *info, IpuBlock *a,
                                        IpuBlock *b) {
  if (a == b)
    return false;
  IpuDomTree *t = ipuDominanceInfoGetTree(info, a->parent);
  return t ? ipuDomTreeProperlyDominates(t, a, b) : false;
}

static bool blockProperlyDominates(IpuDominanceInfo *info, IpuBlock *a,
                                   IpuBlock *b, bool enclosingOk) {
  if (a == b)
    return false;
  IpuRegion *regionA = a->parent;
  if (regionA != b->parent) {
    b = regionA ? ipuRegionFindAncestorBlock(regionA, b) : NULL;
    if (!b)
      return false;
    if (a == b)
      return enclosingOk;
  }
  return sameRegionProperlyDominates(info, a, b);
}

static bool opProperlyDominates(IpuDominanceInfo *info, IpuOp *a, IpuOp *b,
                                bool enclosingOk) {
  if (a == b || !a->block || !b->block)
    return false;
  IpuRegion *regionA = a->block->parent;
  if (regionA != b->block->parent) {
    b = regionA ? ipuRegionFindAncestorOp(regionA, b) : NULL;
    if (!b)
      return false;
    if (a == b)
      return enclosingOk;
  }
  if (a->block == b->block) {
    if (!ipuRegionHasSSADominance(regionA))
      return true;
    return ipuOpIsBeforeInBlock(a, b);
  }
  return sameRegionProperlyDominates(info, a->block, b->block);
}

bool ipuDominanceInfoBlockDominates(IpuDominanceInfo *info, IpuBlock *a,
                                    IpuBlock *b) {
  return a == b || blockProperlyDominates(info, a, b, true);
}

bool ipuDominanceInfoOpProperlyDominates(IpuDominanceInfo *info, IpuOp *a,
                                         IpuOp *b) {
  return opProperlyDominates(info, a, b, true);
}

bool ipuDominanceInfoValueDominates(IpuDominanceInfo *info, IpuValue v,
                                    IpuOp *user) {
  if (!v || !user || !user->block)
    return false;
  if (ipuValueIsBlockArgument(v))
    return ipuDominanceInfoBlockDominates(info, ipuIrAsBlockArg(v)->owner,
                                          user->block);
  return opProperlyDominates(info, ipuIrResultOwner(v), user, false);
}

bool ipuDominanceInfoIsReachable(IpuDominanceInfo *info, IpuBlock *b) {
  if (!b || !b->parent)
    return false;
  if (b->parent->numBlocks < 2)
    return true;
  IpuDomTree *t = ipuDominanceInfoGetTree(info, b->parent);
  return t && ipuDomTreeIsReachable(t, b);
}

IpuBlock *ipuDominanceInfoGetIdom(IpuDominanceInfo *info, IpuBlock *b) {
  IpuDomTree *t = b ? ipuDominanceInfoGetTree(info, b->parent) : NULL;
  return t ? ipuDomTreeGetIdom(t, b) : NULL;
}

intptr_t ipuDominanceInfoGetNumChildren(IpuDominanceInfo *info, IpuBlock *b) {
  IpuDomTree *t = b ? ipuDominanceInfoGetTree(info, b->parent) : NULL;
  return t ? ipuDomTreeGetNumChildren(t, b) : 0;
}

IpuBlock *ipuDominanceInfoGetChild(IpuDominanceInfo *info, IpuBlock *b,
                                   intptr_t i) {
  IpuDomTree *t = b ? ipuDominanceInfoGetTree(info, b->parent) : NULL;
  return t ? ipuDomTreeGetChild(t, b, i) : NULL;
}

bool ipuValueDominates(IpuValue v, IpuOp *user) {
  if (!v || !user)
    return false;
  IpuDominanceInfo *info = ipuDominanceInfoCreate(ipuOpGetContext(user));
  if (!info)
    return false;
  bool r = ipuDominanceInfoValueDominates(info, v, user);
  ipuDominanceInfoDestroy(info);
  return r;
}
