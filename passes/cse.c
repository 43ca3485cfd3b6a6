/* cse: common subexpression elimination, as MLIR's CSE pass.
 *
 * Algorithm: walk every region below the op with a scoped hash table of the
 * ops seen so far. In an SSACFG region the blocks are visited in the
 * pre-order of the region's dominator tree (Cooper-Harvey-Kennedy
 * iterative dominators over the reverse post-order; single-block regions
 * need none), so an op is replaced only by an equivalent op that dominates
 * it; leaving a block pops the entries it added. Graph regions are handled
 * only when they have one block, and there uses are redirected only in ops
 * not yet entered in the table (MLIR's rule). Regions of ops isolated from
 * above (and of unregistered ops) start an empty table. Two ops are
 * equivalent when they are registered, Pure, without regions, not
 * terminators, and have the same name, operands (as a multiset for
 * Commutative ops), result types, successors, and the same (uniqued)
 * attribute dictionary and properties; locations are ignored (an unknown
 * location of the kept op is replaced by the erased op's). Ops that are
 * trivially dead when visited are erased as well. Replaced ops are erased
 * at the end, innermost first.
 *
 * Complexity: O(n) expected for n ops (hashing is O(operands + results));
 * dominators cost O(b * d) for b blocks and loop depth d. The walk uses an
 * explicit stack, so deep nesting does not grow the C stack. */
#include <string.h>

#include "passes.h"

/* ---- The scoped table: chained buckets whose nodes form a stack, so that
 * popping a scope unlinks bucket heads in reverse order of insertion. ---- */
typedef struct {
  IpuOp *op;
  size_t hash;
  int32_t next;    /* next node in the bucket, -1 at the end */
  int32_t tableId; /* entries of other tables are invisible */
} Node;

typedef struct {
  IpuContext *ctx;
  int32_t *buckets; /* capacity is a power of two */
  size_t numBuckets;
  Node *nodes;
  size_t numNodes, capNodes;
} ScopedTable;

static size_t mix(size_t h, const void *p) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 31;
  x *= 0x9e3779b97f4a7c15ULL;
  x ^= x >> 29;
  return (h ^ (size_t)x) * (size_t)0x100000001b3ULL + 0x7f4a7c15u;
}

static bool isCommutative(const IpuOp *op) {
  return ipuOpHasTrait(op, IPU_TRAIT_COMMUTATIVE);
}

static size_t hashOp(const IpuOp *op) {
  size_t h = mix(0, ipuOpGetName(op));
  h = mix(h, ipuOpGetAttrDict(op));
  h = mix(h, ipuOpGetProperties(op));
  intptr_t numOperands = ipuOpGetNumOperands(op);
  if (isCommutative(op)) {
    size_t sum = 0; /* order-independent */
    for (intptr_t i = 0; i < numOperands; i++)
      sum += mix(0, ipuOpGetOperand(op, i));
    h = mix(h, (const void *)(uintptr_t)sum);
  } else {
    for (intptr_t i = 0; i < numOperands; i++)
      h = mix(h, ipuOpGetOperand(op, i));
  }
  for (intptr_t i = 0; i < ipuOpGetNumResults(op); i++)
    h = mix(h, ipuValueGetType(ipuOpGetResult(op, i)));
  for (intptr_t i = 0; i < ipuOpGetNumSuccessors(op); i++)
    h = mix(h, ipuOpGetSuccessor(op, i));
  return h;
}

static bool sameOperandMultiset(const IpuOp *a, const IpuOp *b, intptr_t n) {
  bool used[16] = {false};
  for (intptr_t i = 0; i < n; i++) {
    IpuValue v = ipuOpGetOperand(a, i);
    intptr_t j = 0;
    for (; j < n; j++)
      if (!used[j] && ipuOpGetOperand(b, j) == v)
        break;
    if (j == n)
      return false;
    used[j] = true;
  }
  return true;
}

static bool equivalent(const IpuOp *a, const IpuOp *b) {
  if (a == b)
    return true;
  if (ipuOpGetName(a) != ipuOpGetName(b) ||
      ipuOpGetAttrDict(a) != ipuOpGetAttrDict(b) ||
      ipuOpGetProperties(a) != ipuOpGetProperties(b))
    return false;
  intptr_t n = ipuOpGetNumOperands(a);
  if (n != ipuOpGetNumOperands(b) ||
      ipuOpGetNumResults(a) != ipuOpGetNumResults(b) ||
      ipuOpGetNumSuccessors(a) != ipuOpGetNumSuccessors(b))
    return false;
  for (intptr_t i = 0; i < ipuOpGetNumResults(a); i++)
    if (ipuValueGetType(ipuOpGetResult(a, i)) !=
        ipuValueGetType(ipuOpGetResult(b, i)))
      return false;
  for (intptr_t i = 0; i < ipuOpGetNumSuccessors(a); i++)
    if (ipuOpGetSuccessor(a, i) != ipuOpGetSuccessor(b, i))
      return false;
  bool inOrder = true;
  for (intptr_t i = 0; i < n && inOrder; i++)
    inOrder = ipuOpGetOperand(a, i) == ipuOpGetOperand(b, i);
  if (inOrder)
    return true;
  return isCommutative(a) && n <= 16 && sameOperandMultiset(a, b, n);
}

static IpuOp *tableLookup(const ScopedTable *t, IpuOp *op, int32_t tableId) {
  if (!t->numBuckets)
    return NULL;
  size_t h = hashOp(op);
  for (int32_t i = t->buckets[h & (t->numBuckets - 1)]; i >= 0;
       i = t->nodes[i].next) {
    const Node *n = &t->nodes[i];
    if (n->hash == h && n->tableId == tableId && equivalent(n->op, op))
      return n->op;
  }
  return NULL;
}

static bool tableRehash(ScopedTable *t, size_t numBuckets) {
  int32_t *buckets = ipuAlloc(t->ctx, numBuckets * sizeof *buckets);
  if (!buckets)
    return false;
  for (size_t i = 0; i < numBuckets; i++)
    buckets[i] = -1;
  /* Ascending insertion order keeps the newest node at each bucket head. */
  for (size_t i = 0; i < t->numNodes; i++) {
    size_t b = t->nodes[i].hash & (numBuckets - 1);
    t->nodes[i].next = buckets[b];
    buckets[b] = (int32_t)i;
  }
  ipuFree(t->ctx, t->buckets);
  t->buckets = buckets;
  t->numBuckets = numBuckets;
  return true;
}

static bool tableInsert(ScopedTable *t, IpuOp *op, int32_t tableId) {
  if (t->numNodes >= INT32_MAX)
    return false;
  if (t->numNodes == t->capNodes) {
    size_t cap = t->capNodes ? t->capNodes * 2 : 256;
    Node *nodes = ipuRealloc(t->ctx, t->nodes, cap * sizeof *nodes);
    if (!nodes)
      return false;
    t->nodes = nodes;
    t->capNodes = cap;
  }
  if ((t->numNodes + 1) * 2 > t->numBuckets &&
      !tableRehash(t, t->numBuckets ? t->numBuckets * 2 : 512))
    return false;
  size_t h = hashOp(op);
  size_t b = h & (t->numBuckets - 1);
  t->nodes[t->numNodes] = (Node){op, h, t->buckets[b], tableId};
  t->buckets[b] = (int32_t)t->numNodes++;
  return true;
}

static void tablePopTo(ScopedTable *t, size_t mark) {
  while (t->numNodes > mark) {
    Node *n = &t->nodes[--t->numNodes];
    t->buckets[n->hash & (t->numBuckets - 1)] = n->next;
  }
}

/* ---- Dominator tree of one multi-block region. ---- */
typedef struct {
  IpuBlock **blocks;      /* in reverse post-order; [0] is the entry */
  int32_t numBlocks;      /* reachable blocks */
  int32_t *childStart;    /* children of node i: child[childStart[i] ..
                             childStart[i + 1]) */
  int32_t *child;
} DomTree;

static void domTreeDestroy(IpuContext *ctx, DomTree *d) {
  if (!d)
    return;
  ipuFree(ctx, d->blocks);
  ipuFree(ctx, d->childStart);
  ipuFree(ctx, d->child);
  ipuFree(ctx, d);
}

static IpuBlock *successorOf(IpuBlock *b, intptr_t i) {
  return ipuOpGetSuccessor(ipuBlockGetLastOp(b), i);
}

static intptr_t numSuccessorsOf(IpuBlock *b) {
  IpuOp *last = ipuBlockGetLastOp(b);
  return last ? ipuOpGetNumSuccessors(last) : 0;
}

static int32_t intersect(const int32_t *idom, int32_t a, int32_t b) {
  while (a != b) {
    while (a > b)
      a = idom[a];
    while (b > a)
      b = idom[b];
  }
  return a;
}

static DomTree *domTreeBuild(IpuContext *ctx, IpuRegion *region) {
  intptr_t n = ipuRegionGetNumBlocks(region);
  if (n >= INT32_MAX / 2)
    return NULL;
  DomTree *d = ipuCalloc(ctx, 1, sizeof *d);
  IpuPtrMap rpoIndex;
  ipuPtrMapInit(&rpoIndex, ctx);
  IpuPtrMap seen;
  ipuPtrMapInit(&seen, ctx);
  IpuBlock **post = ipuAlloc(ctx, (size_t)n * sizeof *post);
  struct {
    IpuBlock *block;
    intptr_t nextSucc;
  } *dfs = ipuAlloc(ctx, (size_t)n * sizeof *dfs);
  int32_t *idom = ipuAlloc(ctx, (size_t)n * sizeof *idom);
  int32_t *predStart = ipuCalloc(ctx, (size_t)n + 1, sizeof *predStart);
  int32_t *preds = NULL;
  bool ok = d && post && dfs && idom && predStart;
  if (ok)
    d->blocks = ipuAlloc(ctx, (size_t)n * sizeof *d->blocks);
  ok = ok && d->blocks;

  /* Post-order by an explicit DFS from the entry. */
  int32_t numPost = 0;
  if (ok) {
    intptr_t top = 0;
    IpuBlock *entry = ipuRegionGetFirstBlock(region);
    ok = ipuPtrMapPutInt(&seen, entry, 1);
    dfs[top].block = entry;
    dfs[top++].nextSucc = 0;
    while (ok && top) {
      IpuBlock *b = dfs[top - 1].block;
      if (dfs[top - 1].nextSucc < numSuccessorsOf(b)) {
        IpuBlock *s = successorOf(b, dfs[top - 1].nextSucc++);
        if (ipuBlockGetParentRegion(s) != region ||
            ipuPtrMapContains(&seen, s))
          continue;
        ok = ipuPtrMapPutInt(&seen, s, 1);
        dfs[top].block = s;
        dfs[top++].nextSucc = 0;
      } else {
        post[numPost++] = b;
        top--;
      }
    }
  }
  /* Reverse post-order numbering. */
  for (int32_t i = 0; ok && i < numPost; i++) {
    d->blocks[i] = post[numPost - 1 - i];
    ok = ipuPtrMapPutInt(&rpoIndex, d->blocks[i], i);
  }
  d ? (void)(d->numBlocks = numPost) : (void)0;

  /* Predecessors among reachable blocks (CSR). */
  int64_t numEdges = 0;
  for (int32_t i = 0; ok && i < numPost; i++)
    for (intptr_t s = 0; s < numSuccessorsOf(d->blocks[i]); s++) {
      intptr_t k = ipuPtrMapGetInt(&rpoIndex, successorOf(d->blocks[i], s), -1);
      if (k >= 0) {
        predStart[k + 1]++;
        numEdges++;
      }
    }
  if (ok) {
    for (int32_t i = 0; i < numPost; i++)
      predStart[i + 1] += predStart[i];
    preds = ipuAlloc(ctx, (size_t)(numEdges ? numEdges : 1) * sizeof *preds);
    ok = preds != NULL;
  }
  if (ok) {
    int32_t *fill = idom; /* borrowed as a cursor before idom is computed */
    for (int32_t i = 0; i < numPost; i++)
      fill[i] = predStart[i];
    for (int32_t i = 0; i < numPost; i++)
      for (intptr_t s = 0; s < numSuccessorsOf(d->blocks[i]); s++) {
        intptr_t k =
            ipuPtrMapGetInt(&rpoIndex, successorOf(d->blocks[i], s), -1);
        if (k >= 0)
          preds[fill[k]++] = i;
      }
    /* Cooper, Harvey, Kennedy: "A Simple, Fast Dominance Algorithm". */
    for (int32_t i = 0; i < numPost; i++)
      idom[i] = -1;
    idom[0] = 0;
    for (bool changed = true; changed;) {
      changed = false;
      for (int32_t b = 1; b < numPost; b++) {
        int32_t newIdom = -1;
        for (int32_t k = predStart[b]; k < predStart[b + 1]; k++) {
          int32_t p = preds[k];
          if (idom[p] < 0)
            continue;
          newIdom = newIdom < 0 ? p : intersect(idom, p, newIdom);
        }
        if (newIdom >= 0 && idom[b] != newIdom) {
          idom[b] = newIdom;
          changed = true;
        }
      }
    }
    d->childStart = ipuCalloc(ctx, (size_t)numPost + 1, sizeof *d->childStart);
    d->child = ipuAlloc(ctx, (size_t)(numPost ? numPost : 1) * sizeof *d->child);
    ok = d->childStart && d->child;
  }
  if (ok) {
    for (int32_t b = 1; b < numPost; b++)
      d->childStart[idom[b] + 1]++;
    for (int32_t i = 0; i < numPost; i++)
      d->childStart[i + 1] += d->childStart[i];
    int32_t *fill = predStart; /* reuse as a cursor */
    for (int32_t i = 0; i < numPost; i++)
      fill[i] = d->childStart[i];
    for (int32_t b = 1; b < numPost; b++)
      d->child[fill[idom[b]]++] = b;
  }
  ipuPtrMapDestroy(&rpoIndex);
  ipuPtrMapDestroy(&seen);
  ipuFree(ctx, post);
  ipuFree(ctx, dfs);
  ipuFree(ctx, idom);
  ipuFree(ctx, predStart);
  ipuFree(ctx, preds);
  if (!ok) {
    domTreeDestroy(ctx, d);
    return NULL;
  }
  return d;
}

/* ---- The driver. ---- */
enum { FRAME_REGIONS, FRAME_BLOCK };

typedef struct {
  int kind;
  int32_t tableId;   /* table the ops of these regions / this block use */
  /* FRAME_REGIONS: */
  IpuOp *op;
  intptr_t nextRegion;
  /* FRAME_BLOCK: */
  IpuOp *nextOp;
  size_t scopeMark;
  bool ssa;
  bool opsDone;
  DomTree *dom;      /* NULL for a single-block region; owned by node 0 */
  int32_t domNode;
  int32_t nextChild;
} Frame;

typedef struct {
  IpuContext *ctx;
  ScopedTable table;
  int32_t nextTableId;
  Frame *frames;
  size_t numFrames, capFrames;
  IpuOp **toErase;
  size_t numErase, capErase;
  int64_t numCSE, numDCE;
  bool outOfMemory;
} CSE;

static Frame *pushFrame(CSE *c) {
  if (c->numFrames == c->capFrames) {
    size_t cap = c->capFrames ? c->capFrames * 2 : 64;
    Frame *f = ipuRealloc(c->ctx, c->frames, cap * sizeof *f);
    if (!f) {
      c->outOfMemory = true;
      return NULL;
    }
    c->frames = f;
    c->capFrames = cap;
  }
  Frame *f = &c->frames[c->numFrames++];
  memset(f, 0, sizeof *f);
  return f;
}

static void scheduleErase(CSE *c, IpuOp *op) {
  if (c->numErase == c->capErase) {
    size_t cap = c->capErase ? c->capErase * 2 : 64;
    IpuOp **e = ipuRealloc(c->ctx, c->toErase, cap * sizeof *e);
    if (!e) {
      c->outOfMemory = true;
      return;
    }
    c->toErase = e;
    c->capErase = cap;
  }
  c->toErase[c->numErase++] = op;
}

static bool isCandidate(const IpuOp *op) {
  return ipuOpGetDef(op) && ipuOpHasTrait(op, IPU_TRAIT_PURE) &&
         ipuOpGetNumRegions(op) == 0;
}

static void replaceUses(CSE *c, IpuOp *op, IpuOp *existing, int32_t tableId,
                        bool ssa) {
  IpuLocation loc = ipuOpGetLoc(existing);
  if (loc && ipuAttrGetKind(loc) == IPU_ATTR_LOC_UNKNOWN)
    ipuOpSetLoc(existing, ipuOpGetLoc(op));
  for (intptr_t i = 0; i < ipuOpGetNumResults(op); i++) {
    IpuValue from = ipuOpGetResult(op, i), to = ipuOpGetResult(existing, i);
    if (ssa) {
      ipuValueReplaceAllUsesWith(from, to);
      continue;
    }
    /* Without dominance, a use may sit in an op already in the table,
     * whose hash must not change. */
    for (IpuOpOperand *u = ipuValueGetFirstUse(from); u;) {
      IpuOpOperand *next = ipuOpOperandGetNextUse(u);
      if (!tableLookup(&c->table, ipuOpOperandGetOwner(u), tableId))
        ipuOpOperandSet(u, to);
      u = next;
    }
  }
  if (ipuOpUseEmpty(op))
    scheduleErase(c, op);
}

static void simplifyOperation(CSE *c, IpuOp *op, int32_t tableId, bool ssa) {
  if (ipuOpHasTrait(op, IPU_TRAIT_TERMINATOR))
    return;
  if (ipuOpIsTriviallyDead(op)) {
    scheduleErase(c, op);
    c->numDCE++;
    return;
  }
  if (!isCandidate(op))
    return;
  IpuOp *existing = tableLookup(&c->table, op, tableId);
  if (existing) {
    replaceUses(c, op, existing, tableId, ssa);
    c->numCSE++;
    return;
  }
  if (!tableInsert(&c->table, op, tableId))
    c->outOfMemory = true;
}

static void pushBlock(CSE *c, IpuBlock *block, int32_t tableId, bool ssa,
                      DomTree *dom, int32_t domNode) {
  Frame *f = pushFrame(c);
  if (!f)
    return;
  f->kind = FRAME_BLOCK;
  f->tableId = tableId;
  f->nextOp = ipuBlockGetFirstOp(block);
  f->scopeMark = c->table.numNodes;
  f->ssa = ssa;
  f->dom = dom;
  f->domNode = domNode;
}

static void startRegion(CSE *c, IpuRegion *region, int32_t tableId,
                        bool ssa) {
  intptr_t numBlocks = ipuRegionGetNumBlocks(region);
  if (numBlocks == 0)
    return;
  if (numBlocks == 1) {
    pushBlock(c, ipuRegionGetFirstBlock(region), tableId, ssa, NULL, 0);
    return;
  }
  if (!ssa)
    return; /* MLIR has no traversal order for multi-block graph regions */
  DomTree *dom = domTreeBuild(c->ctx, region);
  if (!dom) {
    c->outOfMemory = true;
    return;
  }
  pushBlock(c, dom->blocks[0], tableId, ssa, dom, 0);
  if (c->outOfMemory)
    domTreeDestroy(c->ctx, dom);
}

static void popFrame(CSE *c) {
  Frame *f = &c->frames[--c->numFrames];
  if (f->kind == FRAME_BLOCK) {
    tablePopTo(&c->table, f->scopeMark);
    if (f->dom && f->domNode == 0)
      domTreeDestroy(c->ctx, f->dom);
  }
}

static void step(CSE *c) {
  Frame *f = &c->frames[c->numFrames - 1];
  if (f->kind == FRAME_REGIONS) {
    if (f->nextRegion < ipuOpGetNumRegions(f->op)) {
      IpuRegion *r = ipuOpGetRegion(f->op, f->nextRegion++);
      startRegion(c, r, f->tableId, ipuPassRegionsHaveDominance(f->op));
      return;
    }
    IpuOp *op = f->op;
    bool isRoot = c->numFrames == 1;
    popFrame(c);
    if (!isRoot) {
      Frame *parent = &c->frames[c->numFrames - 1];
      simplifyOperation(c, op, parent->tableId, parent->ssa);
    }
    return;
  }
  if (!f->opsDone) {
    IpuOp *op = f->nextOp;
    if (!op) {
      f->opsDone = true;
      return;
    }
    f->nextOp = ipuOpGetNext(op);
    if (ipuOpGetNumRegions(op) == 0) {
      simplifyOperation(c, op, f->tableId, f->ssa);
      return;
    }
    bool isolated =
        !ipuOpGetDef(op) || ipuOpHasTrait(op, IPU_TRAIT_ISOLATED_FROM_ABOVE);
    int32_t tableId = isolated ? c->nextTableId++ : f->tableId;
    Frame *g = pushFrame(c);
    if (g) {
      g->kind = FRAME_REGIONS;
      g->op = op;
      g->tableId = tableId;
    }
    return;
  }
  if (f->dom && f->nextChild < f->dom->childStart[f->domNode + 1] -
                                   f->dom->childStart[f->domNode]) {
    int32_t child = f->dom->child[f->dom->childStart[f->domNode] +
                                  f->nextChild++];
    pushBlock(c, f->dom->blocks[child], f->tableId, f->ssa, f->dom, child);
    return;
  }
  popFrame(c);
}

static IpuLogicalResult runCSE(IpuOp *op, IpuPassRun *run) {
  CSE c;
  memset(&c, 0, sizeof c);
  c.ctx = ipuPassRunGetContext(run);
  c.table.ctx = c.ctx;
  Frame *root = pushFrame(&c);
  if (root) {
    root->kind = FRAME_REGIONS;
    root->op = op;
    root->tableId = c.nextTableId++;
  }
  while (c.numFrames > 0 && !c.outOfMemory)
    step(&c);
  /* Unwind what an allocation failure left (frees dominator trees). */
  while (c.numFrames > 0)
    popFrame(&c);
  for (size_t i = 0; i < c.numErase; i++)
    ipuOpDestroy(c.toErase[i]);
  ipuFree(c.ctx, c.toErase);
  ipuFree(c.ctx, c.frames);
  ipuFree(c.ctx, c.table.nodes);
  ipuFree(c.ctx, c.table.buckets);
  ipuPassRunAddStatistic(run, "num-cse'd", c.numCSE);
  ipuPassRunAddStatistic(run, "num-dce'd", c.numDCE);
  if (c.outOfMemory)
    return ipuOpEmitError(op, "out of memory in CSE");
  if (c.numCSE == 0 && c.numDCE == 0)
    ipuPassRunMarkAllPreserved(run);
  return IPU_SUCCESS;
}

static const IpuPassStatisticDef cseStatistics[] = {
    {"num-cse'd", "Number of operations CSE'd"},
    {"num-dce'd", "Number of operations DCE'd"},
};

const IpuPassDef ipuCSEPass = {
    .argument = "cse",
    .summary = "Eliminate common sub-expressions",
    .description =
        "Replaces each registered Pure op without regions by an equivalent "
        "op that dominates it (same name, operands, result types, "
        "attributes and properties; operands in any order for Commutative "
        "ops) and erases it; also erases ops that are trivially dead.",
    .anchor = NULL,
    .statistics = cseStatistics,
    .numStatistics = 2,
    .run = runCSE,
};
