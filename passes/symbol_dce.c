/* symbol-dce: erases symbols that nothing live refers to, as MLIR's
 * SymbolDCE pass.
 *
 * Algorithm: a worklist liveness propagation over the symbol tables below
 * the op (which must be a symbol table). A table is "hidden" when nothing
 * outside the op can name it: the op itself when it has no parent, is not a
 * symbol or is private, and any table inside a hidden one, a non-symbol or
 * a private symbol. Seeding a table pushes its non-symbol ops and marks
 * live its symbols that cannot be discarded: public ones always, nested
 * ones when the table is not hidden (private ones never). Processing an op:
 * a symbol table is seeded in turn; any other op pushes the ops with
 * regions directly inside it (to find nested symbol tables); then, when the
 * op's parent is a symbol table, every symbol reference in the attributes
 * and properties of the op and, unless the op is itself a symbol table, of
 * the ops nested in it (stopping at nested symbol tables, whose own
 * attributes do count) is resolved in that table only (`@a::@b` marks @a
 * and @b) and the symbols found are marked live and pushed. Unresolvable
 * references are ignored. Finally every symbol table below the op
 * (innermost first) loses the symbols that are not live. Symbols are
 * registered ops with a sym_name and the Symbol trait or sym_name among
 * their attributes (a named module is one, as in MLIR); unregistered ops
 * with regions are walked into (MLIR instead refuses them as potentially
 * unknown symbol tables).
 *
 * Complexity: O(n + a) expected for n ops and a attribute elements, plus
 * one symbol index per table. Explicit stacks only. */
#include <string.h>

#include "passes.h"

/* An op to process, and whether the symbol table it belongs to is hidden
 * (unreachable by name from outside the op the pass runs on). */
typedef struct {
  IpuOp *op;
  bool hidden;
} WorkItem;

typedef struct {
  IpuContext *ctx;
  IpuPtrMap live;    /* symbol op -> 1 */
  IpuPtrMap tables;  /* symbol table op -> IpuSymbolTable* */
  WorkItem *work;
  size_t numWork, capWork;
  IpuAttr *attrs;        /* attribute walk stack */
  size_t numAttrs, capAttrs;
  bool outOfMemory;
} SymbolDCE;

/* A registered op with a sym_name that has the Symbol trait or declares
 * sym_name as an inherent attribute (an optional symbol, like a module). */
static bool isSymbol(const IpuOp *op) {
  const IpuOpDef *def = ipuOpGetDef(op);
  if (!def || !ipuOpGetSymbolName(op))
    return false;
  if (ipuOpDefHasTrait(def, IPU_TRAIT_SYMBOL))
    return true;
  for (intptr_t i = 0; i < def->numAttrs; i++)
    if (strcmp(def->attrs[i].name, "sym_name") == 0)
      return true;
  return false;
}

static bool hasVisibility(const IpuOp *op, const char *visibility) {
  const char *v = ipuOpGetSymbolVisibility(op);
  return v && strcmp(v, visibility) == 0;
}

static bool grow(SymbolDCE *s, void **array, size_t *cap, size_t elem) {
  size_t newCap = *cap ? *cap * 2 : 64;
  void *p = ipuRealloc(s->ctx, *array, newCap * elem);
  if (!p) {
    s->outOfMemory = true;
    return false;
  }
  *array = p;
  *cap = newCap;
  return true;
}

static void push(SymbolDCE *s, IpuOp *op, bool hidden) {
  if (s->numWork == s->capWork &&
      !grow(s, (void **)&s->work, &s->capWork, sizeof *s->work))
    return;
  s->work[s->numWork++] = (WorkItem){op, hidden};
}

static void markLive(SymbolDCE *s, IpuOp *symbol, bool hidden) {
  if (ipuPtrMapContains(&s->live, symbol))
    return;
  if (!ipuPtrMapPutInt(&s->live, symbol, 1)) {
    s->outOfMemory = true;
    return;
  }
  push(s, symbol, hidden);
}

/* Pushes a table's non-symbols and marks its symbols that cannot be
 * discarded: public ones, and nested ones unless the table is hidden. */
static void seedTable(SymbolDCE *s, IpuOp *table, bool hidden) {
  if (ipuOpGetNumRegions(table) == 0)
    return;
  for (IpuBlock *b = ipuRegionGetFirstBlock(ipuOpGetRegion(table, 0)); b;
       b = ipuBlockGetNext(b))
    for (IpuOp *op = ipuBlockGetFirstOp(b); op; op = ipuOpGetNext(op)) {
      if (!isSymbol(op)) {
        push(s, op, hidden);
        continue;
      }
      bool discardable = (hidden || hasVisibility(op, "private")) &&
                         !hasVisibility(op, "public");
      if (!discardable)
        markLive(s, op, hidden);
    }
}

static IpuSymbolTable *tableFor(SymbolDCE *s, IpuOp *tableOp) {
  IpuSymbolTable *t =
      (IpuSymbolTable *)ipuPtrMapGetInt(&s->tables, tableOp, 0);
  if (t)
    return t;
  t = ipuSymbolTableCreate(tableOp);
  if (!t || !ipuPtrMapPutInt(&s->tables, tableOp, (intptr_t)t)) {
    if (t)
      ipuSymbolTableDestroy(t);
    s->outOfMemory = true;
    return NULL;
  }
  return t;
}

static IpuOp *lookupIn(SymbolDCE *s, IpuOp *tableOp, IpuIdent name) {
  if (!ipuOpIsSymbolTable(tableOp))
    return NULL;
  IpuSymbolTable *t = tableFor(s, tableOp);
  return t ? ipuSymbolTableLookup(t, ipuIdentStr(name)) : NULL;
}

/* Marks every symbol on the path of `ref`, if the whole path resolves. */
static void resolveAndMark(SymbolDCE *s, IpuOp *tableOp, IpuAttr ref,
                           bool hidden) {
  IpuOp *sym = lookupIn(s, tableOp, ipuSymbolRefAttrGetRoot(ref));
  intptr_t numNested = ipuSymbolRefAttrGetNumNested(ref);
  for (intptr_t i = 0; sym && i < numNested; i++)
    sym = lookupIn(s, sym, ipuSymbolRefAttrGetNested(ref, i));
  if (!sym)
    return;
  sym = lookupIn(s, tableOp, ipuSymbolRefAttrGetRoot(ref));
  markLive(s, sym, hidden);
  for (intptr_t i = 0; i < numNested; i++) {
    sym = lookupIn(s, sym, ipuSymbolRefAttrGetNested(ref, i));
    markLive(s, sym, hidden);
  }
}

static void pushAttr(SymbolDCE *s, IpuAttr a) {
  if (!a)
    return;
  if (s->numAttrs == s->capAttrs &&
      !grow(s, (void **)&s->attrs, &s->capAttrs, sizeof *s->attrs))
    return;
  s->attrs[s->numAttrs++] = a;
}

/* Resolves the symbol references in one attribute (at any depth). */
static void markRefsIn(SymbolDCE *s, IpuOp *tableOp, IpuAttr root,
                       bool hidden) {
  size_t base = s->numAttrs;
  pushAttr(s, root);
  while (s->numAttrs > base && !s->outOfMemory) {
    IpuAttr a = s->attrs[--s->numAttrs];
    switch (ipuAttrGetKind(a)) {
    case IPU_ATTR_SYMBOL_REF:
      resolveAndMark(s, tableOp, a, hidden);
      break;
    case IPU_ATTR_ARRAY:
      for (intptr_t i = 0; i < ipuArrayAttrGetNumElements(a); i++)
        pushAttr(s, ipuArrayAttrGetElement(a, i));
      break;
    case IPU_ATTR_DICTIONARY:
      for (intptr_t i = 0; i < ipuDictionaryAttrGetNumEntries(a); i++)
        pushAttr(s, ipuDictionaryAttrGetEntry(a, i).value);
      break;
    default:
      break;
    }
  }
  s->numAttrs = base;
}

static void markOpRefs(SymbolDCE *s, IpuOp *tableOp, IpuOp *op,
                       bool hidden) {
  markRefsIn(s, tableOp, ipuOpGetAttrDict(op), hidden);
  markRefsIn(s, tableOp, ipuOpGetProperties(op), hidden);
}

/* References held by `op` and, unless it is a symbol table itself, by the
 * ops nested in it, stopping at (but counting the attributes of) nested
 * symbol tables. */
static void markUses(SymbolDCE *s, IpuOp *tableOp, IpuOp *op, bool hidden) {
  markOpRefs(s, tableOp, op, hidden);
  if (ipuOpIsSymbolTable(op))
    return;
  IpuRegion **regions = NULL;
  size_t top = 0, cap = 0;
  for (intptr_t r = ipuOpGetNumRegions(op) - 1; r >= 0; r--) {
    if (top == cap &&
        !grow(s, (void **)&regions, &cap, sizeof *regions))
      break;
    regions[top++] = ipuOpGetRegion(op, r);
  }
  while (top && !s->outOfMemory) {
    IpuRegion *region = regions[--top];
    for (IpuBlock *b = ipuRegionGetFirstBlock(region); b;
         b = ipuBlockGetNext(b))
      for (IpuOp *x = ipuBlockGetFirstOp(b); x; x = ipuOpGetNext(x)) {
        markOpRefs(s, tableOp, x, hidden);
        if (ipuOpIsSymbolTable(x))
          continue;
        for (intptr_t r = 0; r < ipuOpGetNumRegions(x); r++) {
          if (top == cap &&
              !grow(s, (void **)&regions, &cap, sizeof *regions))
            break;
          regions[top++] = ipuOpGetRegion(x, r);
        }
      }
  }
  ipuFree(s->ctx, regions);
}

static void process(SymbolDCE *s, IpuOp *op, bool hidden) {
  if (ipuOpIsSymbolTable(op)) {
    seedTable(s, op,
              hidden || !isSymbol(op) || hasVisibility(op, "private"));
  } else {
    for (intptr_t r = 0; r < ipuOpGetNumRegions(op); r++)
      for (IpuBlock *b = ipuRegionGetFirstBlock(ipuOpGetRegion(op, r)); b;
           b = ipuBlockGetNext(b))
        for (IpuOp *x = ipuBlockGetFirstOp(b); x; x = ipuOpGetNext(x))
          if (ipuOpGetNumRegions(x) > 0)
            push(s, x, hidden);
  }
  IpuOp *parent = ipuOpGetParentOp(op);
  if (parent && ipuOpIsSymbolTable(parent))
    markUses(s, parent, op, hidden);
}

typedef struct {
  SymbolDCE *s;
  IpuOp **tables;
  size_t n, cap;
} TableList;

static IpuWalkResult collectTable(IpuOp *op, void *userData) {
  TableList *l = userData;
  if (!ipuOpIsSymbolTable(op))
    return IPU_WALK_ADVANCE;
  if (l->n == l->cap &&
      !grow(l->s, (void **)&l->tables, &l->cap, sizeof *l->tables))
    return IPU_WALK_INTERRUPT;
  l->tables[l->n++] = op;
  return IPU_WALK_ADVANCE;
}

/* Erases the dead symbols directly inside each table below `root`. */
static int64_t eraseDead(SymbolDCE *s, IpuOp *root) {
  TableList list = {s, NULL, 0, 0};
  ipuOpWalk(root, IPU_WALK_POST_ORDER, collectTable, &list);
  int64_t erased = 0;
  for (size_t i = 0; i < list.n && !s->outOfMemory; i++) {
    IpuOp *table = list.tables[i];
    if (ipuOpGetNumRegions(table) == 0)
      continue;
    for (IpuBlock *b = ipuRegionGetFirstBlock(ipuOpGetRegion(table, 0)); b;
         b = ipuBlockGetNext(b))
      for (IpuOp *op = ipuBlockGetFirstOp(b); op;) {
        IpuOp *next = ipuOpGetNext(op);
        if (isSymbol(op) && !ipuPtrMapContains(&s->live, op) &&
            ipuOpUseEmpty(op)) {
          ipuOpDestroy(op);
          erased++;
        }
        op = next;
      }
  }
  ipuFree(s->ctx, list.tables);
  return erased;
}

static IpuLogicalResult runSymbolDCE(IpuOp *op, IpuPassRun *run) {
  if (!ipuOpIsSymbolTable(op))
    return ipuOpEmitError(op, "was scheduled to run under SymbolDCE, but "
                              "does not define a symbol table");
  SymbolDCE s;
  memset(&s, 0, sizeof s);
  s.ctx = ipuPassRunGetContext(run);
  ipuPtrMapInit(&s.live, s.ctx);
  ipuPtrMapInit(&s.tables, s.ctx);

  /* A table nobody outside can name: the top level, or a private symbol. */
  bool hidden = !ipuOpGetParentOp(op) || !isSymbol(op) ||
                hasVisibility(op, "private");
  seedTable(&s, op, hidden);
  while (s.numWork && !s.outOfMemory) {
    WorkItem item = s.work[--s.numWork];
    process(&s, item.op, item.hidden);
  }

  /* The indexes point into the IR: drop them before erasing. */
  for (size_t i = 0; i < s.tables.capacity; i++)
    if (s.tables.slots[i].key)
      ipuSymbolTableDestroy((IpuSymbolTable *)s.tables.slots[i].value);
  ipuPtrMapDestroy(&s.tables);

  int64_t erased = s.outOfMemory ? 0 : eraseDead(&s, op);
  ipuPtrMapDestroy(&s.live);
  ipuFree(s.ctx, s.work);
  ipuFree(s.ctx, s.attrs);
  ipuPassRunAddStatistic(run, "num-dce'd", erased);
  if (s.outOfMemory)
    return ipuOpEmitError(op, "out of memory in symbol-dce");
  if (erased == 0)
    ipuPassRunMarkAllPreserved(run);
  return IPU_SUCCESS;
}

static const IpuPassStatisticDef symbolDCEStatistics[] = {
    {"num-dce'd", "Number of symbols DCE'd"},
};

const IpuPassDef ipuSymbolDCEPass = {
    .argument = "symbol-dce",
    .summary = "Eliminate dead symbols",
    .description =
        "Erases private symbols (sym_visibility = \"private\") that are not "
        "referenced, transitively, from public symbols or from non-symbol "
        "ops of the symbol tables below the op it runs on.",
    .anchor = NULL,
    .statistics = symbolDCEStatistics,
    .numStatistics = 1,
    .run = runSymbolDCE,
};
