/* The verifier's walk over nested ops, blocks and regions (MLIR's
 * OperationVerifier): structure and SSA dominance, without recursion.
 *
 * Which errors are reported. MLIR verifies each isolated-from-above op (each
 * function) on its own, in parallel, stopping at the first error inside it;
 * an outer op's remaining checks stop once a nested isolated op has failed,
 * and dominance is checked only where the structure verified. We keep those
 * rules, deterministically and in document order: every isolated-from-above
 * op (and the root) is a *scope*; each scope reports at most its first
 * structural error and, if its structure (nested scopes included) is sound,
 * at most its first dominance error. Sibling scopes are all verified, so a
 * file with errors in several functions reports one error per function, as
 * mlir-opt does, and a broken op never causes a cascade of follow-up errors.
 *
 * Cost: one walk over the IR, O(ops + operands). Dominance is checked on
 * the same walk, but its first failure per scope is only noted, and reported
 * after the walk if the scope's structure turned out sound: the diagnostics
 * are those of a structure walk followed by a dominance walk, in the same
 * order. A region's nesting level on the walk's path (kept in the region's
 * walkLevel field) replaces MLIR's walk up the parent chain, uses in their
 * definition's block compare cached op order, and each multi-block region
 * gets one dominator tree. The walk keeps its path in a heap array, so
 * nesting depth never touches the C stack. */
#include <string.h>

#include "dominance.h"
#include "op_impl.h"
#include "ipu/ptr_map.h"
#include "verifier_impl.h"

/* ---- Walk state. ------------------------------------------------------ */

/* An isolated-from-above op (or the root) whose errors count together. */
typedef struct {
  IpuOp *op;
  bool failed;     /* reported an error (or a nested scope did): stay quiet */
  bool domChecked; /* a dominance failure is noted: check no further */
} Scope;

/* The first dominance failure of a scope, reported after the walk. */
typedef struct {
  int32_t scope;
  IpuOp *op;
  uint32_t operand;
} DomFailure;

/* One op on the path from the root, and where the walk is in its regions. */
typedef struct {
  IpuOp *op;
  uint32_t region;       /* region being walked */
  IpuBlock *block;       /* block being walked; NULL between regions */
  IpuOp *next;           /* next op of `block` to visit */
  bool blockExited;      /* the exit event of `block` was delivered */
  bool reachable;        /* `block` is reachable from its region's entry */
  bool childFailed;      /* an isolated op directly inside failed */
  bool ssaDominance;     /* the region being walked has SSA dominance */
  int32_t scope;         /* scope of the ops in this op's regions */
  int32_t isolatedLevel; /* nearest level (this one included) whose op is
                            isolated from above, or -1 */
} Frame;

typedef struct {
  IpuContext *ctx;
  Frame *frames;          /* the path (owned) */
  int32_t depth, capacity;
  Scope *scopes;          /* owned */
  int32_t numScopes, capScopes;
  DomFailure *domFailures; /* owned, in walk order */
  int32_t numDomFailures, capDomFailures;
  IpuDominanceInfo *dom;
  bool anyError;
  bool outOfMemory;
} Verifier;

typedef enum { EV_OP, EV_BLOCK_ENTER, EV_BLOCK_EXIT, EV_DONE } Event;

static bool isIsolated(const IpuOp *op) {
  return ipuIrOpDef(op) &&
         (ipuIrOpDef(op)->traits & IPU_TRAIT_ISOLATED_FROM_ABOVE) &&
         op->numRegions > 0;
}

static IpuRegion *frameRegion(const Frame *f) {
  return ipuIrOpRegions(f->op)[f->region];
}

static bool walksRegion(const Verifier *v, int32_t level, const IpuRegion *r) {
  const Frame *f = &v->frames[level];
  return f->block && frameRegion(f) == r;
}

/* The level whose op is walking region `r` right now, or -1. The region's
 * walkLevel field remembers it; a stale value (from an earlier walk, or a
 * verifier run from a verify hook) is caught by checking the frame, and
 * then the path is searched. */
static int32_t levelOf(const Verifier *v, IpuRegion *r) {
  if (!r)
    return -1;
  int32_t l = (int32_t)r->walkLevel - 1;
  if (l >= 0 && l < v->depth && walksRegion(v, l, r))
    return l;
  for (l = v->depth; l-- > 0;) {
    if (walksRegion(v, l, r)) {
      r->walkLevel = (uint32_t)l + 1;
      return l;
    }
  }
  return -1;
}

static int32_t newScope(Verifier *v, IpuOp *op, bool failed) {
  if (v->numScopes == v->capScopes) {
    int32_t capacity = v->capScopes ? v->capScopes * 2 : 16;
    Scope *grown =
        ipuRealloc(v->ctx, v->scopes, (size_t)capacity * sizeof *grown);
    if (!grown) {
      v->outOfMemory = true;
      return -1;
    }
    v->scopes = grown;
    v->capScopes = capacity;
  }
  v->scopes[v->numScopes].op = op;
  v->scopes[v->numScopes].failed = failed;
  v->scopes[v->numScopes].domChecked = false;
  return v->numScopes++;
}

static bool pushFrame(Verifier *v, IpuOp *op, int32_t scope) {
  if (v->depth == v->capacity) {
    int32_t capacity = v->capacity ? v->capacity * 2 : 64;
    Frame *grown =
        ipuRealloc(v->ctx, v->frames, (size_t)capacity * sizeof *grown);
    if (!grown) {
      v->outOfMemory = true;
      return false;
    }
    v->frames = grown;
    v->capacity = capacity;
  }
  Frame *f = &v->frames[v->depth];
  memset(f, 0, sizeof *f);
  f->op = op;
  f->scope = scope;
  f->isolatedLevel = isIsolated(op) ? v->depth
                     : v->depth     ? v->frames[v->depth - 1].isolatedLevel
                                    : -1;
  ++v->depth;
  return true;
}

/* The next event of the top frame: an op to visit, a block entered or
 * left, or the end of the op's regions. */
static Event step(Verifier *v, IpuOp **opOut) {
  Frame *f = &v->frames[v->depth - 1];
  IpuRegion **regions = ipuIrOpRegions(f->op);
  for (;;) {
    if (f->next) {
      *opOut = f->next;
      f->next = f->next->next;
      return EV_OP;
    }
    if (f->block) {
      if (!f->blockExited) {
        f->blockExited = true;
        return EV_BLOCK_EXIT;
      }
      if (f->block->next) {
        f->block = f->block->next;
        f->blockExited = false;
        f->next = f->block->firstOp;
        return EV_BLOCK_ENTER;
      }
      f->block = NULL;
      ++f->region;
    }
    while (f->region < f->op->numRegions && !regions[f->region]->firstBlock)
      ++f->region;
    if (f->region >= f->op->numRegions)
      return EV_DONE;
    f->block = regions[f->region]->firstBlock;
    f->blockExited = false;
    f->next = f->block->firstOp;
    regions[f->region]->walkLevel = (uint32_t)v->depth;
    f->ssaDominance = ipuRegionHasSSADominance(regions[f->region]);
    return EV_BLOCK_ENTER;
  }
}

static void fail(Verifier *v, int32_t scope) {
  v->anyError = true;
  if (scope >= 0)
    v->scopes[scope].failed = true;
}

/* ---- Structure: ops. -------------------------------------------------- */

/* Each discardable attribute named `D.something`, where D is a registered
 * dialect, is D's to check (Dialect::verifyOperationAttribute). */
static bool verifyDialectAttrs(IpuOp *op) {
  IpuAttr dict = ipuIrOpAttrs(op);
  intptr_t n = dict ? ipuDictionaryAttrGetNumEntries(dict) : 0;
  IpuContext *ctx = ipuOpGetContext(op);
  for (intptr_t i = 0; i < n; ++i) {
    IpuNamedAttr entry = ipuDictionaryAttrGetEntry(dict, i);
    IpuStringRef name = ipuIdentStr(entry.name);
    const char *dot = memchr(name.data, '.', name.length);
    if (!dot)
      continue;
    const IpuDialectDef *dialect = ipuContextLookupDialect(
        ctx, ipuStringRefMake(name.data, (size_t)(dot - name.data)));
    if (dialect && dialect->verifyOperationAttribute &&
        ipuFailed(dialect->verifyOperationAttribute(op, entry)))
      return false;
  }
  return true;
}

/* MLIR's verifyOnEntrance(Operation &): operands, dialect attributes, the
 * registered op's invariants, and each region's shape. */
static bool verifyOpLocal(IpuOp *op) {
  IpuOpOperand *operands = ipuIrOpOperands(op);
  for (uint32_t i = 0; i < op->numOperands; ++i) {
    if (!operands[i].value) {
      ipuEmitError(ipuOpGetContext(op), ipuIrOpLoc(op), "null operand found");
      return false;
    }
  }
  if (!verifyDialectAttrs(op))
    return false;
  if (ipuIrOpDef(op) && !ipuIrVerifyRegisteredOp(op))
    return false;
  IpuRegion **regions = ipuIrOpRegions(op);
  for (uint32_t i = 0; i < op->numRegions; ++i) {
    IpuRegion *r = regions[i];
    if (ipuIrOpDef(op) && !ipuRegionHasSSADominance(r) && r->numBlocks > 1) {
      ipuOpEmitError(op, "expects graph region #%u to have 0 or 1 blocks", i);
      return false;
    }
    if (r->firstBlock && ipuBlockHasPredecessors(r->firstBlock)) {
      ipuEmitError(ipuOpGetContext(op), ipuIrOpLoc(op),
                   "entry block of region may not have predecessors");
      return false;
    }
  }
  return true;
}

static IpuRegion *valueRegion(IpuValue val) {
  if (ipuIrValueIsArg(val))
    return ipuIrAsBlockArg(val)->owner->parent;
  IpuOp *def = ipuIrResultOwner(val);
  return def->block ? def->block->parent : NULL;
}

/* IsolatedFromAbove, checked for each op against its nearest isolated
 * ancestor on the path (MLIR checks from the ancestor's side; the errors
 * are the same). */
static bool verifyIsolation(Verifier *v, IpuOp *op) {
  if (v->depth == 0)
    return true;
  int32_t isolated = v->frames[v->depth - 1].isolatedLevel;
  if (isolated < 0)
    return true;
  const Frame *iso = &v->frames[isolated];
  /* The region being walked lies inside the isolated op: values defined
   * there need no search. */
  IpuRegion *here = frameRegion(&v->frames[v->depth - 1]);
  IpuOpOperand *operands = ipuIrOpOperands(op);
  for (uint32_t i = 0; i < op->numOperands; ++i) {
    IpuValue val = operands[i].value;
    IpuRegion *r = valueRegion(val);
    if (r == here)
      continue;
    if (!r) {
      ipuEmitError(ipuOpGetContext(op), ipuIrOpLoc(op),
                   "operation's operand is unlinked");
      return false;
    }
    int32_t level = levelOf(v, r);
    bool inside = level >= 0 ? level >= isolated
                             : ipuRegionIsAncestor(frameRegion(iso), r);
    if (inside)
      continue;
    IpuDiagnostic *d = ipuOpCreateError(op, "using value defined outside the "
                                            "region");
    if (d) {
      ipuDiagnosticAddNote(d, ipuIrOpLoc(iso->op),
                           "required by region isolation constraints");
      ipuDiagnosticReport(d);
    }
    return false;
  }
  return true;
}

/* detail::verifySymbolTable: one region of one block, unique names. */
static bool verifySymbolTable(Verifier *v, IpuOp *op) {
  if (op->numRegions != 1) {
    ipuOpEmitError(op, "Operations with a 'SymbolTable' must have exactly "
                       "one region");
    return false;
  }
  IpuRegion *r = ipuIrOpRegions(op)[0];
  if (r->numBlocks != 1) {
    ipuOpEmitError(op, "Operations with a 'SymbolTable' must have exactly "
                       "one block");
    return false;
  }
  IpuPtrMap seen; /* uniqued name attribute -> first op defining it */
  ipuPtrMapInit(&seen, v->ctx);
  bool ok = true;
  for (IpuOp *o = r->firstBlock->firstOp; o && ok; o = o->next) {
    IpuAttr name = ipuOpGetAttr(o, "sym_name");
    if (!name || ipuAttrGetKind(name) != IPU_ATTR_STRING)
      continue;
    IpuOp *first = ipuPtrMapGet(&seen, name);
    if (!first) {
      if (!ipuPtrMapPut(&seen, name, o))
        v->outOfMemory = true;
      continue;
    }
    IpuStringRef s = ipuStringAttrGetValue(name);
    IpuDiagnostic *d = ipuDiagnosticCreate(
        v->ctx, IPU_SEVERITY_ERROR, ipuIrOpLoc(o),
        "redefinition of symbol named '%.*s'", (int)s.length, s.data);
    if (d) {
      ipuDiagnosticAddNote(d, ipuIrOpLoc(first),
                           "see existing symbol definition here");
      ipuDiagnosticReport(d);
    }
    ok = false;
  }
  ipuPtrMapDestroy(&seen);
  return ok;
}

/* MLIR's verifyOnExit(Operation &): region invariants of registered ops;
 * for unregistered ones, whether their dialect permits them. */
static bool verifyOpExit(Verifier *v, IpuOp *op) {
  if (ipuIrOpDef(op))
    return !ipuOpIsSymbolTable(op) || verifySymbolTable(v, op);
  const char *name = ipuIdentCStr(ipuIrOpName(op));
  const IpuDialectDef *dialect = ipuIrOpNamePrefixDialect(op->info);
  if (dialect) {
    ipuEmitError(ipuOpGetContext(op), ipuIrOpLoc(op),
                 "unregistered operation '%s' found in dialect ('%s') that "
                 "does not allow unknown operations",
                 name, dialect->name);
    return false;
  }
  if (!ipuContextGetAllowUnregisteredDialects(ipuOpGetContext(op))) {
    ipuOpEmitError(op, "created with unregistered dialect. If this is "
                       "intended, please call allowUnregisteredDialects() on "
                       "the MLIRContext, or use -allow-unregistered-dialect "
                       "with the MLIR opt tool used");
    return false;
  }
  return true;
}

/* ---- Structure: blocks. ----------------------------------------------- */

/* mayBeValidWithoutTerminator: a lone block of a region whose op is absent,
 * unregistered (it might have NoTerminator) or has NoTerminator. */
static bool mayLackTerminator(const IpuBlock *b) {
  if (!b->parent)
    return true;
  if (b->parent->numBlocks != 1)
    return false;
  const IpuOp *op = b->parent->parentOp;
  return !op || !ipuIrOpDef(op) ||
         (ipuIrOpDef(op)->traits & IPU_TRAIT_NO_TERMINATOR);
}

static bool verifyBlockEntrance(IpuBlock *b) {
  if (!b->firstOp) {
    if (mayLackTerminator(b))
      return true;
    IpuOp *parent = b->parent->parentOp;
    ipuEmitError(b->ctx, parent ? ipuIrOpLoc(parent) : ipuLocUnknownGet(b->ctx),
                 "empty block: expect at least a terminator");
    return false;
  }
  if (!b->ctx->opsWithSuccessors)
    return true; /* no op anywhere has successors */
  for (IpuOp *op = b->firstOp; op != b->lastOp; op = op->next) {
    if (op->numSuccessors) {
      ipuEmitError(ipuOpGetContext(op), ipuIrOpLoc(op),
                   "operation with block successors must "
                   "terminate its parent block");
      return false;
    }
  }
  return true;
}

static bool verifyBlockExit(IpuBlock *b) {
  IpuOp *last = b->lastOp;
  if (!last)
    return true;
  /* Registered ops check their successors themselves. */
  if (!ipuIrOpDef(last)) {
    IpuBlockOperand *succ = ipuIrOpSuccessors(last);
    for (uint32_t i = 0; i < last->numSuccessors; ++i) {
      if (!succ[i].block || succ[i].block->parent != b->parent) {
        ipuOpEmitError(last, "branching to block of a different region");
        return false;
      }
    }
  }
  if (mayLackTerminator(b) || !ipuIrOpDef(last) ||
      (ipuIrOpDef(last)->traits & IPU_TRAIT_TERMINATOR))
    return true;
  IpuIrStrBuf sb;
  ipuIrStrBufInit(&sb, b->ctx);
  IpuPrintOptions opts;
  ipuPrintOptionsInit(&opts);
  opts.generic = true;
  ipuOpPrint(last, &opts, ipuIrStrBufCallback, &sb);
  while (sb.length && sb.data[sb.length - 1] == '\n')
    sb.data[--sb.length] = '\0';
  ipuEmitError(b->ctx, ipuIrOpLoc(last), "block with no terminator, has %s",
               sb.data);
  ipuIrStrBufDispose(&sb);
  return false;
}

/* ---- The structure walk. ---------------------------------------------- */

static void visitOp(Verifier *v, IpuOp *op, int32_t scope) {
  if (scope < 0 || v->scopes[scope].failed)
    return;
  if (!verifyOpLocal(op) || !verifyIsolation(v, op))
    fail(v, scope);
}

/* After `op`'s regions (if any) were walked; `childFailed`: an isolated op
 * directly inside failed, which stops the scope here, as in MLIR. */
static void finishOp(Verifier *v, IpuOp *op, int32_t scope, bool childFailed) {
  if (scope < 0)
    return;
  if (childFailed)
    v->scopes[scope].failed = true;
  else if (!v->scopes[scope].failed && !verifyOpExit(v, op))
    fail(v, scope);
  if (isIsolated(op) && v->scopes[scope].failed && v->depth > 0)
    v->frames[v->depth - 1].childFailed = true;
}

/* ---- Dominance. ------------------------------------------------------- */

static intptr_t blockIndex(const IpuBlock *b) {
  intptr_t i = 0;
  for (const IpuBlock *p = b->parent->firstBlock; p && p != b; p = p->next)
    ++i;
  return i;
}

static bool regionIsProperAncestor(const IpuRegion *a, const IpuRegion *b) {
  return a != b && ipuRegionIsAncestor(a, b);
}

/* diagnoseInvalidOperandDominance, with MLIR's wording. */
static void diagnoseDominance(IpuOp *op, uint32_t operandNo) {
  IpuDiagnostic *d =
      ipuOpCreateError(op, "operand #%u does not dominate this use", operandNo);
  if (!d)
    return;
  IpuValue val = ipuOpGetOperand(op, operandNo);
  IpuBlock *block1 = op->block;
  IpuRegion *region1 = block1->parent;
  if (ipuValueIsOpResult(val)) {
    IpuOp *def = ipuIrResultOwner(val);
    IpuBlock *block2 = def->block;
    IpuRegion *region2 = block2 ? block2->parent : NULL;
    const char *where;
    if (block1 == block2)
      where = " (op in the same block)";
    else if (region1 == region2)
      where = " (op in the same region)";
    else if (region2 && regionIsProperAncestor(region2, region1))
      where = " (op in a parent region)";
    else if (region2 && regionIsProperAncestor(region1, region2))
      where = " (op in a child region)";
    else
      where = " (op is neither in a parent nor in a child region)";
    ipuDiagnosticAddNote(d, ipuIrOpLoc(def), "operand defined here%s", where);
  } else {
    IpuBlock *block2 = ipuIrAsBlockArg(val)->owner;
    IpuRegion *region2 = block2->parent;
    IpuOp *parent2 = region2 ? region2->parentOp : NULL;
    IpuLocation loc =
        parent2 ? ipuIrOpLoc(parent2) : ipuLocUnknownGet(ipuOpGetContext(op));
    if (!region2) {
      ipuDiagnosticAddNote(d, loc, " (block without parent)");
    } else {
      const char *where;
      if (region1 == region2)
        where = " in the same region";
      else if (regionIsProperAncestor(region2, region1))
        where = " in a parent region";
      else if (regionIsProperAncestor(region1, region2))
        where = " in a child region";
      else
        where = " neither in a parent nor in a child region";
      ipuDiagnosticAddNote(d, loc,
                           "operand defined as a block argument (block #%jd%s)",
                           (intmax_t)blockIndex(block2), where);
    }
  }
  ipuDiagnosticReport(d);
}

/* DominanceInfo::properlyDominates(Value, Operation *) for a `user` at the
 * top of the path: the definition's region must be on the path, and the
 * definition must dominate the user's ancestor in that region. */
static bool dominatesUse(Verifier *v, IpuValue val, IpuOp *user) {
  int32_t userLevel = v->depth - 1;
  /* Most uses are in their definition's block: no search needed. */
  if (ipuIrValueIsArg(val)) {
    if (ipuIrAsBlockArg(val)->owner == user->block)
      return true;
  } else {
    IpuOp *def = ipuIrResultOwner(val);
    if (def->block == user->block && def != user)
      return !v->frames[userLevel].ssaDominance ||
             ipuOpIsBeforeInBlock(def, user);
  }
  if (ipuIrValueIsArg(val)) {
    IpuBlock *defBlock = ipuIrAsBlockArg(val)->owner;
    int32_t level = levelOf(v, defBlock->parent);
    if (level < 0)
      return false;
    IpuBlock *useBlock = v->frames[level].block;
    if (useBlock == defBlock)
      return true;
    IpuDomTree *t = ipuDominanceInfoGetTree(v->dom, defBlock->parent);
    return t ? ipuDomTreeDominates(t, defBlock, useBlock) : true;
  }
  IpuOp *def = ipuIrResultOwner(val);
  if (!def->block)
    return false;
  IpuRegion *r = def->block->parent;
  int32_t level = levelOf(v, r);
  if (level < 0)
    return false;
  IpuOp *anc = level == userLevel ? user : v->frames[level + 1].op;
  if (anc == def)
    return false; /* a use inside the defining op's own regions */
  if (anc->block == def->block)
    return !ipuRegionHasSSADominance(r) || ipuOpIsBeforeInBlock(def, anc);
  IpuDomTree *t = ipuDominanceInfoGetTree(v->dom, r);
  return t ? ipuDomTreeProperlyDominates(t, def->block, anc->block) : true;
}

/* Notes the first operand of `op` that its definition does not dominate
 * against the scope of the frame walking `op`. */
static void checkOperandDominance(Verifier *v, Frame *f, IpuOp *op) {
  Scope *scope = &v->scopes[f->scope];
  if (!f->reachable || scope->failed || scope->domChecked)
    return;
  IpuOpOperand *operands = ipuIrOpOperands(op);
  for (uint32_t i = 0; i < op->numOperands; ++i) {
    IpuValue val = operands[i].value;
    if (!val || dominatesUse(v, val, op))
      continue;
    if (v->numDomFailures == v->capDomFailures) {
      int32_t capacity = v->capDomFailures ? v->capDomFailures * 2 : 8;
      DomFailure *grown = ipuRealloc(v->ctx, v->domFailures,
                                     (size_t)capacity * sizeof *grown);
      if (!grown) {
        v->outOfMemory = true;
        return;
      }
      v->domFailures = grown;
      v->capDomFailures = capacity;
    }
    v->domFailures[v->numDomFailures++] = (DomFailure){f->scope, op, i};
    scope->domChecked = true;
    return;
  }
}

static void enterBlock(Verifier *v, Frame *f) {
  if (!v->scopes[f->scope].failed && !verifyBlockEntrance(f->block))
    fail(v, f->scope);
  IpuRegion *r = frameRegion(f);
  f->reachable = false;
  if (v->scopes[f->scope].failed)
    return;
  if (r->numBlocks < 2) {
    f->reachable = true;
    return;
  }
  IpuDomTree *t = ipuDominanceInfoGetTree(v->dom, r);
  f->reachable = t ? ipuDomTreeIsReachable(t, f->block) : false;
}

static void walk(Verifier *v, IpuOp *root) {
  int32_t rootScope = newScope(v, root, false);
  visitOp(v, root, rootScope);
  if (!root->numRegions || !pushFrame(v, root, rootScope)) {
    finishOp(v, root, rootScope, false);
    return;
  }
  while (v->depth && !v->outOfMemory) {
    Frame *f = &v->frames[v->depth - 1];
    IpuOp *op = NULL;
    switch (step(v, &op)) {
    case EV_OP: {
      checkOperandDominance(v, f, op);
      int32_t scope = isIsolated(op) ? newScope(v, op, false) : f->scope;
      visitOp(v, op, scope);
      if (!op->numRegions || !pushFrame(v, op, scope))
        finishOp(v, op, scope, false);
      break;
    }
    case EV_BLOCK_ENTER:
      enterBlock(v, f);
      break;
    case EV_BLOCK_EXIT:
      if (!v->scopes[f->scope].failed && !verifyBlockExit(f->block))
        fail(v, f->scope);
      break;
    case EV_DONE: {
      Frame done = *f;
      --v->depth;
      finishOp(v, done.op, done.scope, done.childFailed);
      break;
    }
    }
  }
}

/* Dominance errors of the scopes whose structure verified. */
static void reportDominance(Verifier *v) {
  for (int32_t i = 0; i < v->numDomFailures; ++i) {
    const DomFailure *d = &v->domFailures[i];
    if (v->scopes[d->scope].failed)
      continue;
    v->anyError = true;
    diagnoseDominance(d->op, d->operand);
  }
}

/* ---- Entry point. ----------------------------------------------------- */

IpuLogicalResult ipuOpVerify(IpuOp *op) {
  if (!op)
    return IPU_FAILURE;
  Verifier v;
  memset(&v, 0, sizeof v);
  v.ctx = ipuOpGetContext(op);
  v.dom = ipuDominanceInfoCreate(v.ctx);
  if (!v.dom)
    v.outOfMemory = true;
  if (!v.outOfMemory)
    walk(&v, op);
  if (!v.outOfMemory)
    reportDominance(&v);
  if (v.outOfMemory)
    ipuIrReportOutOfMemory(v.ctx, ipuIrOpLoc(op));
  ipuFree(v.ctx, v.frames);
  ipuFree(v.ctx, v.scopes);
  ipuFree(v.ctx, v.domFailures);
  ipuDominanceInfoDestroy(v.dom);
  return v.anyError || v.outOfMemory ? IPU_FAILURE : IPU_SUCCESS;
}
