/* The greedy pattern rewrite driver, after MLIR 19's
 * RegionPatternRewriteDriver: worklist sweeps with dead-code removal,
 * folding, constant CSE/hoisting (OperationFolder) and patterns.
 *
 * Each region of the scope op is simplified on its own. A sweep seeds the
 * worklist with every op of the region (pre-order, processed first-to-last,
 * or post-order processed last-to-first), hoisting each constant to the
 * front of the entry block of its nearest isolated-from-above region and
 * replacing duplicates (same dialect, value and type) by the first one.
 * Then ops are popped: erased when trivially dead, else folded (results
 * replaced, constants materialised just before the op; the next sweep
 * hoists and deduplicates them), else matched against patterns in benefit
 * order. Every change goes through the rewriter, whose notifications push
 * the affected ops (users of changed values, producers of erased ops'
 * operands, new ops, and their ancestors up to the region). Sweeps repeat
 * until one changes nothing, or fail after maxIterations.
 *
 * Erased ops leave the worklist at once (the worklist maps each op to its
 * slot, which is cleared), so no freed op is ever touched. An op that keeps
 * changing within one sweep (a pattern that always applies) cannot loop
 * forever: a sweep stops after a budget of 16 rewrites per seeded op, and
 * the iteration limit then ends the run with a diagnostic.
 *
 * Not done (MLIR's region simplification): unreachable blocks are not
 * erased, dead block arguments not removed, identical blocks not merged. */
#include <string.h>

#include "hash_table.h"
#include "op_impl.h"
#include "rewriter_impl.h"

/* ---- A map from ops to integers with removal (linear probing with
 * backward-shift deletion, so no tombstones accumulate). ---------------- */

typedef struct {
  IpuOp *key; /* NULL: empty */
  intptr_t value;
} OpSlot;

typedef struct {
  IpuContext *ctx;
  OpSlot *slots;
  size_t capacity, count;
  bool failed; /* an allocation failed */
} OpMap;

static size_t opHash(const IpuOp *op, size_t mask) {
  uint64_t x = (uint64_t)(uintptr_t)op;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return (size_t)x & mask;
}

static void opMapInit(OpMap *m, IpuContext *ctx) {
  memset(m, 0, sizeof *m);
  m->ctx = ctx;
}

static void opMapDispose(OpMap *m) {
  ipuFree(m->ctx, m->slots);
  opMapInit(m, m->ctx);
}

static void opMapClear(OpMap *m) {
  if (m->slots)
    memset(m->slots, 0, m->capacity * sizeof *m->slots);
  m->count = 0;
}

static OpSlot *opMapFind(const OpMap *m, const IpuOp *op) {
  if (!m->capacity)
    return NULL;
  size_t mask = m->capacity - 1;
  for (size_t i = opHash(op, mask);; i = (i + 1) & mask) {
    if (m->slots[i].key == op)
      return &m->slots[i];
    if (!m->slots[i].key)
      return NULL;
  }
}

static bool opMapGrow(OpMap *m) {
  size_t capacity = m->capacity ? m->capacity * 2 : 64;
  OpSlot *slots = ipuCalloc(m->ctx, capacity, sizeof *slots);
  if (!slots)
    return false;
  for (size_t i = 0; i < m->capacity; ++i) {
    if (!m->slots[i].key)
      continue;
    size_t j = opHash(m->slots[i].key, capacity - 1);
    while (slots[j].key)
      j = (j + 1) & (capacity - 1);
    slots[j] = m->slots[i];
  }
  ipuFree(m->ctx, m->slots);
  m->slots = slots;
  m->capacity = capacity;
  return true;
}

static bool opMapPut(OpMap *m, IpuOp *op, intptr_t value) {
  OpSlot *s = opMapFind(m, op);
  if (s) {
    s->value = value;
    return true;
  }
  if ((m->count + 1) * 2 > m->capacity && !opMapGrow(m)) {
    m->failed = true;
    return false;
  }
  size_t mask = m->capacity - 1;
  size_t i = opHash(op, mask);
  while (m->slots[i].key)
    i = (i + 1) & mask;
  m->slots[i].key = op;
  m->slots[i].value = value;
  ++m->count;
  return true;
}

static void opMapRemove(OpMap *m, const IpuOp *op) {
  OpSlot *s = opMapFind(m, op);
  if (!s)
    return;
  size_t mask = m->capacity - 1;
  size_t hole = (size_t)(s - m->slots);
  m->slots[hole].key = NULL;
  --m->count;
  /* Shift later members of the probe run back into the hole. */
  for (size_t i = (hole + 1) & mask; m->slots[i].key; i = (i + 1) & mask) {
    size_t home = opHash(m->slots[i].key, mask);
    bool movable = hole <= i ? (home <= hole || home > i)
                             : (home <= hole && home > i);
    if (movable) {
      m->slots[hole] = m->slots[i];
      m->slots[i].key = NULL;
      hole = i;
    }
  }
}

/* ---- The folder's constant table (one per sweep). -------------------- */

typedef struct {
  IpuRegion *region; /* insertion region the constant belongs to */
  const IpuDialectDef *dialect;
  IpuAttr value;
  IpuType type;
  IpuOp *op;         /* the constant everyone shares */
} ConstEntry;

static uint64_t constHash(const ConstEntry *e) {
  uint64_t h = ipuHashPointer(0x51ed27, e->region);
  h = ipuHashPointer(h, e->dialect);
  h = ipuHashPointer(h, e->value);
  return ipuHashPointer(h, e->type);
}

static bool constMatchKey(const void *entry, const void *key) {
  const ConstEntry *a = entry, *b = key;
  return a->region == b->region && a->dialect == b->dialect &&
         a->value == b->value && a->type == b->type;
}

static bool matchSame(const void *entry, const void *key) {
  return entry == key;
}

/* ---- Driver state. ---------------------------------------------------- */

typedef struct {
  IpuContext *ctx;
  const IpuPatternSet *set;
  IpuGreedyConfig cfg;
  IpuRegion *scope;     /* the region being simplified */
  IpuRewriter rw;
  IpuOp **worklist;     /* owned; NULL slots are removed ops */
  intptr_t size, capacity;
  OpMap inWorklist;     /* op -> slot in `worklist` */
  IpuHashTable constants; /* ConstEntry (owned) by key */
  OpMap constantOf;     /* folder-owned op -> its ConstEntry */
  IpuOp **chain;        /* scratch for addToWorklist (owned) */
  intptr_t chainCapacity;
  IpuLocation unknownLoc;
  IpuGreedyStats stats;
  bool outOfMemory;
} Driver;

static void addSingle(Driver *d, IpuOp *op) {
  if (opMapFind(&d->inWorklist, op))
    return;
  if (d->size == d->capacity) {
    intptr_t capacity = d->capacity ? d->capacity * 2 : 256;
    IpuOp **grown =
        ipuRealloc(d->ctx, d->worklist, (size_t)capacity * sizeof *grown);
    if (!grown) {
      d->outOfMemory = true;
      return;
    }
    d->worklist = grown;
    d->capacity = capacity;
  }
  if (!opMapPut(&d->inWorklist, op, d->size)) {
    d->outOfMemory = true;
    return;
  }
  d->worklist[d->size++] = op;
}

/* Adds `op` and its ancestors up to the scope region (so an op whose body
 * changed is looked at again); ops outside the scope are ignored. */
static void addToWorklist(Driver *d, IpuOp *op) {
  intptr_t n = 0;
  for (IpuOp *cur = op; cur;) {
    if (n == d->chainCapacity) {
      intptr_t capacity = d->chainCapacity ? d->chainCapacity * 2 : 32;
      IpuOp **grown =
          ipuRealloc(d->ctx, d->chain, (size_t)capacity * sizeof *grown);
      if (!grown) {
        d->outOfMemory = true;
        return;
      }
      d->chain = grown;
      d->chainCapacity = capacity;
    }
    if (cur == d->rw.erasing)
      return; /* about to be destroyed with everything inside it */
    d->chain[n++] = cur;
    IpuRegion *region = ipuOpGetParentRegion(cur);
    if (region == d->scope) {
      for (intptr_t i = 0; i < n; ++i)
        addSingle(d, d->chain[i]);
      return;
    }
    if (!region)
      return;
    cur = ipuRegionGetParentOp(region);
  }
}

static IpuOp *popWorklist(Driver *d) {
  while (d->size) {
    IpuOp *op = d->worklist[--d->size];
    if (op) {
      opMapRemove(&d->inWorklist, op);
      return op;
    }
  }
  return NULL;
}

static void removeFromWorklist(Driver *d, IpuOp *op) {
  OpSlot *s = opMapFind(&d->inWorklist, op);
  if (!s)
    return;
  d->worklist[s->value] = NULL;
  opMapRemove(&d->inWorklist, op);
}

static void clearWorklist(Driver *d) {
  d->size = 0;
  opMapClear(&d->inWorklist);
}

/* ---- The folder. ------------------------------------------------------ */

static void clearConstants(Driver *d) {
  for (size_t i = 0; i < d->constants.capacity; ++i)
    if (d->constants.slots && d->constants.slots[i].value)
      ipuFree(d->ctx, d->constants.slots[i].value);
  ipuHashTableDispose(d->ctx, &d->constants);
  ipuHashTableInit(&d->constants);
  opMapClear(&d->constantOf);
}

/* The region constants of `block` are hoisted into: the nearest one whose
 * op is isolated from above, unregistered (it might be) or top-level. */
static IpuRegion *insertionRegion(IpuBlock *block) {
  for (IpuRegion *region; block && (region = ipuBlockGetParentRegion(block));) {
    IpuOp *parent = ipuRegionGetParentOp(region);
    if (!parent || !ipuOpGetDef(parent) ||
        ipuOpHasTrait(parent, IPU_TRAIT_ISOLATED_FROM_ABOVE) ||
        !ipuOpGetBlock(parent))
      return region;
    block = ipuOpGetBlock(parent);
  }
  return NULL;
}

static bool isFolderOwned(Driver *d, IpuOp *op) {
  return op && opMapFind(&d->constantOf, op);
}

/* OperationFolder::notifyRemoval. */
static void forgetConstant(Driver *d, IpuOp *op) {
  OpSlot *s = opMapFind(&d->constantOf, op);
  if (!s)
    return;
  ConstEntry *e = (ConstEntry *)s->value;
  ipuHashTableRemove(&d->constants, constHash(e), matchSame, e);
  ipuFree(d->ctx, e);
  opMapRemove(&d->constantOf, op);
}

/* OperationFolder::insertKnownConstant: keeps `op` as the shared constant
 * of its scope (moved to the front of the entry block) and returns true, or
 * replaces it by an equal constant seen before and returns false. */
static bool insertKnownConstant(Driver *d, IpuOp *op, IpuAttr value) {
  IpuBlock *block = ipuOpGetBlock(op);
  if (isFolderOwned(d, op)) {
    if (ipuBlockGetFirstOp(block) != op &&
        !isFolderOwned(d, ipuOpGetPrev(op))) {
      ipuOpMoveBefore(op, ipuBlockGetFirstOp(block));
      ipuOpSetLoc(op, d->unknownLoc);
    }
    return true;
  }
  IpuRegion *region = insertionRegion(block);
  if (!region || ipuOpGetNumResults(op) < 1)
    return true;
  ConstEntry key = {region, ipuOpGetDialect(op), value,
                    ipuValueGetType(ipuOpGetResult(op, 0)), NULL};
  uint64_t hash = constHash(&key);
  ConstEntry *existing =
      ipuHashTableFind(&d->constants, hash, constMatchKey, &key);
  if (existing) {
    IpuValue *repl = ipuAlloc(d->ctx, ((size_t)ipuOpGetNumResults(op)) *
                                          sizeof *repl);
    if (!repl) {
      d->outOfMemory = true;
      return true;
    }
    for (intptr_t i = 0; i < ipuOpGetNumResults(op); ++i)
      repl[i] = ipuOpGetResult(existing->op, i < ipuOpGetNumResults(existing->op)
                                                 ? i : 0);
    ipuRewriterReplaceOp(&d->rw, op, repl);
    ipuFree(d->ctx, repl);
    ipuOpSetLoc(existing->op, d->unknownLoc);
    return false;
  }
  IpuBlock *insertBlock = ipuRegionGetFirstBlock(region);
  if (block != insertBlock || (ipuBlockGetFirstOp(insertBlock) != op &&
                               !isFolderOwned(d, ipuOpGetPrev(op)))) {
    /* Moved without a notification, as OperationFolder does: the sweep
     * being seeded visits it anyway. */
    IpuOp *front = ipuBlockGetFirstOp(insertBlock);
    ipuOpRemoveFromBlock(op);
    ipuBlockInsertOpBefore(insertBlock, front, op);
    ipuOpSetLoc(op, d->unknownLoc);
  }
  ConstEntry *e = ipuAlloc(d->ctx, sizeof *e);
  if (!e) {
    d->outOfMemory = true;
    return true;
  }
  *e = key;
  e->op = op;
  if (!ipuHashTableInsert(d->ctx, &d->constants, hash, e)) {
    ipuFree(d->ctx, e);
    d->outOfMemory = true;
    return true;
  }
  if (!opMapPut(&d->constantOf, op, (intptr_t)e)) {
    ipuHashTableRemove(&d->constants, hash, matchSame, e);
    ipuFree(d->ctx, e);
    d->outOfMemory = true;
  }
  return true;
}

/* ---- Listener: keeps the worklist and the folder right. -------------- */

/* After `op` goes, producers of its operands may be dead or simpler: add
 * each one whose value has at most one other user (MLIR's rule). */
static void addOperandsToWorklist(Driver *d, IpuOp *op) {
  for (intptr_t i = 0; i < ipuOpGetNumOperands(op); ++i) {
    IpuValue v = ipuOpGetOperand(op, i);
    IpuOp *producer = v ? ipuValueGetDefiningOp(v) : NULL;
    if (!producer)
      continue;
    IpuOp *other = NULL;
    bool many = false;
    for (IpuOpOperand *u = ipuValueGetFirstUse(v); u && !many;
         u = ipuOpOperandGetNextUse(u)) {
      IpuOp *user = ipuOpOperandGetOwner(u);
      if (user == op || user == other)
        continue;
      if (!other)
        other = user;
      else
        many = true;
    }
    if (!many)
      addToWorklist(d, producer);
  }
}

static void onInserted(void *userData, IpuOp *op) {
  addToWorklist(userData, op);
}

static void onModified(void *userData, IpuOp *op) {
  addToWorklist(userData, op);
}

static void onErased(void *userData, IpuOp *op) {
  Driver *d = userData;
  addOperandsToWorklist(d, op);
  removeFromWorklist(d, op);
  forgetConstant(d, op);
  ++d->stats.opsErased;
}

static const IpuIrRewriteListener kListener = {
    onInserted, onModified, NULL, onErased};

/* ---- Seeding a sweep. ------------------------------------------------- */

/* Visits one op while seeding: known constants are deduplicated and
 * hoisted; the survivors join the worklist. False if `op` was erased. */
static bool seedOp(Driver *d, IpuOp *op) {
  IpuAttr value;
  if (ipuOpMatchConstant(op, &value) && !insertKnownConstant(d, op, value))
    return false;
  addSingle(d, op);
  return true;
}

/* Pre-order (as region.walk<PreOrder>): the next op is taken before an op
 * is visited, since visiting may move or erase it. */
static void seedPreOrder(Driver *d, IpuOp *top) {
  for (IpuOp *op = top; op;) {
    IpuOp *skipNext = ipuIrNextPreOrder(op, top, true);
    IpuOp *next = seedOp(d, op) ? ipuIrNextPreOrder(op, top, false) : skipNext;
    /* A moved constant's old position decides where the walk goes on. */
    if (next != skipNext && ipuIrFirstNestedOp(op, 0) != next)
      next = skipNext;
    op = next;
  }
}

static void seedPostOrder(Driver *d, IpuOp *top) {
  for (IpuOp *op = ipuIrFirstPostOrder(top); op;) {
    IpuOp *next = ipuIrNextPostOrder(op, top);
    seedOp(d, op);
    op = next;
  }
}

static void seedWorklist(Driver *d) {
  for (IpuBlock *b = ipuRegionGetFirstBlock(d->scope); b;
       b = ipuBlockGetNext(b)) {
    for (IpuOp *op = ipuBlockGetFirstOp(b); op;) {
      IpuOp *next = ipuOpGetNext(op);
      if (d->cfg.topDown)
        seedPreOrder(d, op);
      else
        seedPostOrder(d, op);
      op = next;
    }
  }
  if (d->cfg.topDown) {
    /* Process first-to-last: reverse so popping from the back works. */
    for (intptr_t i = 0, j = d->size - 1; i < j; ++i, --j) {
      IpuOp *t = d->worklist[i];
      d->worklist[i] = d->worklist[j];
      d->worklist[j] = t;
    }
    for (intptr_t i = 0; i < d->size; ++i)
      if (d->worklist[i])
        opMapPut(&d->inWorklist, d->worklist[i], i);
  }
}

/* ---- Processing. ------------------------------------------------------ */

/* PatternApplicator::matchAndRewrite: op-specific and generic patterns
 * merged by benefit (op-specific first on ties). */
static bool applyPatterns(Driver *d, IpuOp *op) {
  const IpuPattern *const *specific, *const *generic;
  intptr_t ns, ng;
  ipuIrPatternSetLookup(d->set, ipuOpGetName(op), &specific, &ns, &generic,
                        &ng);
  intptr_t i = 0, j = 0;
  while (i < ns || j < ng) {
    const IpuPattern *p;
    if (j >= ng || (i < ns && specific[i]->benefit >= generic[j]->benefit))
      p = specific[i++];
    else
      p = generic[j++];
    ipuRewriterSetInsertionPointBefore(&d->rw, op);
    if (ipuSucceeded(p->matchAndRewrite(op, &d->rw, p->userData)))
      return true;
  }
  return false;
}

/* One sweep's worklist; returns whether anything changed. */
static bool processWorklist(Driver *d, int64_t budget) {
  bool changed = false;
  int64_t numRewrites = 0, work = 0;
  while (d->size && !d->outOfMemory) {
    if (d->cfg.maxRewrites >= 0 && numRewrites >= d->cfg.maxRewrites)
      break;
    if (work >= budget) {
      changed = true; /* still busy: let the iteration limit decide */
      break;
    }
    IpuOp *op = popWorklist(d);
    if (!op)
      break;
    if (d->cfg.removeDeadOps && ipuOpIsTriviallyDead(op)) {
      ipuRewriterEraseOp(&d->rw, op);
      changed = true;
      continue;
    }
    if (d->cfg.fold) {
      IpuIrFoldOutcome f = ipuIrFoldOp(op, &d->rw);
      if (f != IPU_FOLD_NONE) {
        changed = true;
        ++d->stats.opsFolded;
        ++work;
        continue;
      }
    }
    if (applyPatterns(d, op)) {
      changed = true;
      ++numRewrites;
      ++work;
      ++d->stats.patternsApplied;
    }
  }
  return changed;
}

static int64_t countOps(IpuRegion *region) {
  int64_t n = 0;
  for (IpuBlock *b = ipuRegionGetFirstBlock(region); b; b = ipuBlockGetNext(b))
    for (IpuOp *top = ipuBlockGetFirstOp(b); top; top = ipuOpGetNext(top))
      for (IpuOp *op = top; op; op = ipuIrNextPreOrder(op, top, false))
        ++n;
  return n;
}

/* RegionPatternRewriteDriver::simplify for one region; true if it
 * converged. */
static bool simplifyRegion(Driver *d) {
  int iterations = d->cfg.maxIterations == 0 ? 10 : d->cfg.maxIterations;
  bool changed = false;
  int64_t iteration = 0;
  do {
    if (iterations > 0 && ++iteration > iterations)
      break;
    if (iterations <= 0)
      ++iteration;
    clearWorklist(d);
    clearConstants(d);
    seedWorklist(d);
    int64_t budget = 16 * countOps(d->scope) + 1024;
    changed = processWorklist(d, budget);
    d->stats.changed |= changed;
    ++d->stats.iterations;
  } while (changed && !d->outOfMemory);
  clearConstants(d);
  clearWorklist(d);
  return !changed;
}

void ipuGreedyConfigInit(IpuGreedyConfig *cfg) {
  cfg->maxIterations = 10;
  cfg->maxRewrites = -1;
  cfg->fold = true;
  cfg->removeDeadOps = true;
  cfg->topDown = true;
}

static IpuLogicalResult applyGreedily(IpuOp *scope, const IpuPatternSet *set,
                                      const IpuGreedyConfig *cfg,
                                      IpuGreedyStats *stats,
                                      bool diagnoseNonConvergence) {
  if (stats)
    memset(stats, 0, sizeof *stats);
  if (!scope || !set)
    return IPU_FAILURE;
  Driver d;
  memset(&d, 0, sizeof d);
  d.ctx = ipuOpGetContext(scope);
  d.set = set;
  if (cfg)
    d.cfg = *cfg;
  else
    ipuGreedyConfigInit(&d.cfg);
  ipuIrRewriterInit(&d.rw, d.ctx, &kListener, &d);
  opMapInit(&d.inWorklist, d.ctx);
  opMapInit(&d.constantOf, d.ctx);
  ipuHashTableInit(&d.constants);
  d.unknownLoc = ipuLocUnknownGet(d.ctx);
  bool converged = true;
  for (intptr_t i = 0; i < ipuOpGetNumRegions(scope) && !d.outOfMemory; ++i) {
    d.scope = ipuOpGetRegion(scope, i);
    converged &= simplifyRegion(&d);
  }
  clearConstants(&d);
  ipuHashTableDispose(d.ctx, &d.constants);
  opMapDispose(&d.inWorklist);
  opMapDispose(&d.constantOf);
  ipuFree(d.ctx, d.worklist);
  ipuFree(d.ctx, d.chain);
  d.stats.converged = converged && !d.outOfMemory;
  if (stats)
    *stats = d.stats;
  if (d.outOfMemory) {
    ipuIrReportOutOfMemory(d.ctx, ipuOpGetLoc(scope));
    return IPU_FAILURE;
  }
  if (!converged && diagnoseNonConvergence) {
    int n = d.cfg.maxIterations == 0 ? 10 : d.cfg.maxIterations;
    ipuEmitError(d.ctx, ipuOpGetLoc(scope),
                 "greedy rewriter did not converge within %d iterations", n);
    return IPU_FAILURE;
  }
  return converged ? IPU_SUCCESS : IPU_FAILURE;
}

IpuLogicalResult ipuApplyPatternsGreedily(IpuOp *scope,
                                          const IpuPatternSet *set,
                                          const IpuGreedyConfig *cfg,
                                          IpuGreedyStats *stats) {
  return applyGreedily(scope, set, cfg, stats, true);
}

IpuLogicalResult ipuApplyPatternsGreedilyBestEffort(IpuOp *scope,
                                                    const IpuPatternSet *set,
                                                    const IpuGreedyConfig *cfg,
                                                    IpuGreedyStats *stats) {
  return applyGreedily(scope, set, cfg, stats, false);
}
