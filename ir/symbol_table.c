/* Symbols and symbol tables: hashed tables of a table op's symbols, nested
 * `@a::@b` resolution as MLIR's SymbolTable, and scans for symbol uses. */
#include <string.h>

#include "op_impl.h"
#include "ipu/ptr_map.h"

IpuAttr ipuOpGetSymbolName(const IpuOp *op) {
  IpuAttr a = ipuOpGetAttr(op, "sym_name");
  return a && ipuAttrGetKind(a) == IPU_ATTR_STRING ? a : NULL;
}

static bool stringRefEqualsC(IpuStringRef s, const char *c) {
  return strlen(c) == s.length && memcmp(s.data, c, s.length) == 0;
}

const char *ipuOpGetSymbolVisibility(const IpuOp *op) {
  IpuAttr a = ipuOpGetAttr(op, "sym_visibility");
  if (a && ipuAttrGetKind(a) == IPU_ATTR_STRING) {
    IpuStringRef v = ipuStringAttrGetValue(a);
    if (stringRefEqualsC(v, "private"))
      return "private";
    if (stringRefEqualsC(v, "nested"))
      return "nested";
  }
  return "public";
}

bool ipuOpIsSymbolTable(const IpuOp *op) {
  return ipuOpDefHasTrait(ipuIrOpDef(op), IPU_TRAIT_SYMBOL_TABLE) ||
         ipuOpIsA(op, "builtin.module");
}

/* An unregistered op with one region might be a symbol table we cannot
 * see into; MLIR stops symbol resolution there. */
static bool isPotentiallyUnknownSymbolTable(const IpuOp *op) {
  return !ipuIrOpDef(op) && op->numRegions == 1 && !ipuOpIsSymbolTable(op);
}

static IpuBlock *symbolBlock(const IpuOp *tableOp) {
  if (tableOp->numRegions == 0)
    return NULL;
  return ipuIrOpRegions(tableOp)[0]->firstBlock;
}

static bool symbolNameIs(const IpuOp *op, IpuStringRef name) {
  IpuAttr symName = ipuOpGetSymbolName(op);
  return symName && ipuStringRefEqual(ipuStringAttrGetValue(symName), name);
}

/* ---- Hashed symbol tables. ------------------------------------------- */

typedef struct {
  IpuStringRef name; /* points into the uniqued sym_name attribute */
  IpuOp *op;         /* NULL marks an empty slot */
} SymbolSlot;

struct IpuSymbolTable {
  IpuContext *ctx;
  IpuOp *tableOp;
  SymbolSlot *slots; /* owned; capacity is a power of two or 0 */
  size_t capacity;
  size_t count;
};

static size_t hashName(IpuStringRef s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < s.length; ++i) {
    h ^= (unsigned char)s.data[i];
    h *= 0x100000001b3ull;
  }
  return (size_t)h;
}

static size_t findSlot(const IpuSymbolTable *st, IpuStringRef name) {
  size_t mask = st->capacity - 1;
  size_t i = hashName(name) & mask;
  while (st->slots[i].op && !ipuStringRefEqual(st->slots[i].name, name))
    i = (i + 1) & mask;
  return i;
}

static bool growTable(IpuSymbolTable *st) {
  size_t capacity = st->capacity ? st->capacity * 2 : 16;
  SymbolSlot *old = st->slots;
  size_t oldCapacity = st->capacity;
  SymbolSlot *slots = ipuCalloc(st->ctx, capacity, sizeof *slots);
  if (!slots)
    return false;
  st->slots = slots;
  st->capacity = capacity;
  for (size_t i = 0; i < oldCapacity; ++i)
    if (old[i].op)
      st->slots[findSlot(st, old[i].name)] = old[i];
  ipuFree(st->ctx, old);
  return true;
}

bool ipuSymbolTableInsert(IpuSymbolTable *st, IpuOp *symbol) {
  IpuAttr symName = ipuOpGetSymbolName(symbol);
  if (!symName)
    return false;
  if ((st->count + 1) * 2 > st->capacity && !growTable(st))
    return false;
  IpuStringRef name = ipuStringAttrGetValue(symName);
  size_t i = findSlot(st, name);
  if (st->slots[i].op)
    return false; /* the first definition wins, as lookups in MLIR */
  st->slots[i].name = name;
  st->slots[i].op = symbol;
  ++st->count;
  return true;
}

void ipuSymbolTableRemove(IpuSymbolTable *st, IpuOp *symbol) {
  if (!st->capacity)
    return;
  size_t mask = st->capacity - 1;
  size_t i = 0;
  for (; i < st->capacity && st->slots[i].op != symbol; ++i)
    ;
  if (i == st->capacity)
    return;
  /* Backward-shift deletion keeps linear probing free of tombstones. */
  size_t hole = i;
  for (size_t j = (hole + 1) & mask; st->slots[j].op; j = (j + 1) & mask) {
    size_t home = hashName(st->slots[j].name) & mask;
    bool movable =
        hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
    if (movable) {
      st->slots[hole] = st->slots[j];
      hole = j;
    }
  }
  st->slots[hole].op = NULL;
  --st->count;
}

IpuSymbolTable *ipuSymbolTableCreate(IpuOp *tableOp) {
  IpuSymbolTable *st = ipuCalloc(ipuIrOpCtx(tableOp), 1, sizeof *st);
  if (!st) {
    ipuIrReportOutOfMemory(ipuIrOpCtx(tableOp), ipuIrOpLoc(tableOp));
    return NULL;
  }
  st->ctx = ipuIrOpCtx(tableOp);
  st->tableOp = tableOp;
  IpuBlock *b = symbolBlock(tableOp);
  for (IpuOp *op = b ? b->firstOp : NULL; op; op = op->next) {
    if (!ipuOpGetSymbolName(op))
      continue;
    if ((st->count + 1) * 2 > st->capacity && !growTable(st)) {
      ipuSymbolTableDestroy(st);
      ipuIrReportOutOfMemory(ipuIrOpCtx(tableOp), ipuIrOpLoc(tableOp));
      return NULL;
    }
    ipuSymbolTableInsert(st, op);
  }
  return st;
}

void ipuSymbolTableDestroy(IpuSymbolTable *st) {
  if (!st)
    return;
  ipuFree(st->ctx, st->slots);
  ipuFree(st->ctx, st);
}

IpuOp *ipuSymbolTableGetOp(const IpuSymbolTable *st) { return st->tableOp; }

IpuOp *ipuSymbolTableLookup(const IpuSymbolTable *st, IpuStringRef name) {
  if (!st->capacity)
    return NULL;
  return st->slots[findSlot(st, name)].op;
}

/* ---- Resolution of (nested) references. ------------------------------ */

struct IpuSymbolTableCollection {
  IpuContext *ctx;
  IpuPtrMap tables; /* table op -> owned IpuSymbolTable (NULL: dropped) */
};

IpuSymbolTableCollection *ipuSymbolTableCollectionCreate(IpuContext *ctx) {
  IpuSymbolTableCollection *c = ipuAlloc(ctx, sizeof *c);
  if (!c)
    return NULL;
  c->ctx = ctx;
  ipuPtrMapInit(&c->tables, ctx);
  return c;
}

void ipuSymbolTableCollectionDestroy(IpuSymbolTableCollection *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->tables.capacity; ++i)
    if (c->tables.slots[i].key)
      ipuSymbolTableDestroy(c->tables.slots[i].value);
  ipuPtrMapDestroy(&c->tables);
  ipuFree(c->ctx, c);
}

IpuSymbolTable *ipuSymbolTableCollectionGet(IpuSymbolTableCollection *c,
                                            IpuOp *tableOp) {
  IpuSymbolTable *st = ipuPtrMapGet(&c->tables, tableOp);
  if (st)
    return st;
  st = ipuSymbolTableCreate(tableOp);
  if (st && !ipuPtrMapPut(&c->tables, tableOp, st)) {
    ipuSymbolTableDestroy(st);
    ipuIrReportOutOfMemory(c->ctx, ipuIrOpLoc(tableOp));
    return NULL;
  }
  return st;
}

void ipuSymbolTableCollectionInvalidate(IpuSymbolTableCollection *c,
                                        IpuOp *tableOp) {
  IpuSymbolTable *st = ipuPtrMapGet(&c->tables, tableOp);
  if (!st)
    return;
  ipuSymbolTableDestroy(st);
  ipuPtrMapPut(&c->tables, tableOp, NULL); /* overwrites: cannot fail */
}

/* Looks a flat name up in `tableOp`, through the collection's cached
 * table when there is one, else by a scan of the block (as MLIR). */
static IpuOp *lookupFlat(IpuSymbolTableCollection *c, IpuOp *tableOp,
                         IpuStringRef name) {
  if (c) {
    IpuSymbolTable *st = ipuSymbolTableCollectionGet(c, tableOp);
    return st ? ipuSymbolTableLookup(st, name) : NULL;
  }
  IpuBlock *b = symbolBlock(tableOp);
  for (IpuOp *op = b ? b->firstOp : NULL; op; op = op->next)
    if (symbolNameIs(op, name))
      return op;
  return NULL;
}

static IpuOp *lookupIn(IpuSymbolTableCollection *c, IpuOp *tableOp,
                       IpuAttr ref) {
  if (!tableOp || !ref || ipuAttrGetKind(ref) != IPU_ATTR_SYMBOL_REF)
    return NULL;
  IpuOp *op = lookupFlat(c, tableOp, ipuIdentStr(ipuSymbolRefAttrGetRoot(ref)));
  intptr_t numNested = ipuSymbolRefAttrGetNumNested(ref);
  for (intptr_t i = 0; op && i < numNested; ++i) {
    if (!ipuOpIsSymbolTable(op))
      return NULL;
    op = lookupFlat(c, op, ipuIdentStr(ipuSymbolRefAttrGetNested(ref, i)));
  }
  return op;
}

IpuOp *ipuSymbolGetNearestSymbolTable(IpuOp *from) {
  if (isPotentiallyUnknownSymbolTable(from))
    return NULL;
  while (!ipuOpIsSymbolTable(from)) {
    from = ipuOpGetParentOp(from);
    if (!from || isPotentiallyUnknownSymbolTable(from))
      return NULL;
  }
  return from;
}

IpuOp *ipuSymbolLookupIn(IpuOp *tableOp, IpuAttr symbolRef) {
  return lookupIn(NULL, tableOp, symbolRef);
}

IpuOp *ipuSymbolLookupNearest(IpuOp *from, IpuAttr symbolRef) {
  return lookupIn(NULL, ipuSymbolGetNearestSymbolTable(from), symbolRef);
}

IpuOp *ipuSymbolTableCollectionLookupNearest(IpuSymbolTableCollection *c,
                                             IpuOp *from, IpuAttr symbolRef) {
  return lookupIn(c, ipuSymbolGetNearestSymbolTable(from), symbolRef);
}

/* ---- Symbol uses. ---------------------------------------------------- */

typedef struct {
  IpuContext *ctx;
  IpuAttr *items; /* `inlineItems` or a heap array (owned) */
  size_t size, capacity;
  IpuAttr inlineItems[64];
} AttrStack;

static bool pushAttr(AttrStack *s, IpuAttr a) {
  if (!a)
    return true;
  IpuAttrKind kind = ipuAttrGetKind(a);
  if (kind != IPU_ATTR_SYMBOL_REF && kind != IPU_ATTR_ARRAY &&
      kind != IPU_ATTR_DICTIONARY)
    return true;
  if (s->size == s->capacity) {
    size_t capacity = s->capacity * 2;
    IpuAttr *grown;
    if (s->items == s->inlineItems) {
      grown = ipuAlloc(s->ctx, capacity * sizeof *grown);
      if (grown)
        memcpy(grown, s->items, s->size * sizeof *grown);
    } else {
      grown = ipuRealloc(s->ctx, s->items, capacity * sizeof *grown);
    }
    if (!grown)
      return false;
    s->items = grown;
    s->capacity = capacity;
  }
  s->items[s->size++] = a;
  return true;
}

typedef enum { SCAN_ADVANCE, SCAN_INTERRUPT, SCAN_OUT_OF_MEMORY } ScanResult;

/* Visits the symbol references inside `root` (depth first, in order). */
static ScanResult walkAttrRefs(AttrStack *s, IpuOp *user, IpuAttr root,
                               IpuSymbolUseFn fn, void *userData) {
  s->size = 0;
  if (!pushAttr(s, root))
    return SCAN_OUT_OF_MEMORY;
  while (s->size) {
    IpuAttr a = s->items[--s->size];
    switch (ipuAttrGetKind(a)) {
    case IPU_ATTR_SYMBOL_REF:
      if (fn(user, a, userData) == IPU_WALK_INTERRUPT)
        return SCAN_INTERRUPT;
      break;
    case IPU_ATTR_ARRAY:
      for (intptr_t i = ipuArrayAttrGetNumElements(a); i-- > 0;)
        if (!pushAttr(s, ipuArrayAttrGetElement(a, i)))
          return SCAN_OUT_OF_MEMORY;
      break;
    case IPU_ATTR_DICTIONARY:
      for (intptr_t i = ipuDictionaryAttrGetNumEntries(a); i-- > 0;)
        if (!pushAttr(s, ipuDictionaryAttrGetEntry(a, i).value))
          return SCAN_OUT_OF_MEMORY;
      break;
    default:
      break;
    }
  }
  return SCAN_ADVANCE;
}

IpuWalkResult ipuOpWalkSymbolUses(IpuOp *within, IpuSymbolUseFn fn,
                                  void *userData) {
  AttrStack s;
  s.ctx = ipuIrOpCtx(within);
  s.items = s.inlineItems;
  s.size = 0;
  s.capacity = sizeof s.inlineItems / sizeof s.inlineItems[0];
  ScanResult result = SCAN_ADVANCE;
  IpuOp *op = within;
  for (; op && result == SCAN_ADVANCE;
       op = ipuIrNextPreOrder(op, within, false)) {
    result = walkAttrRefs(&s, op, ipuIrOpProps(op), fn, userData);
    if (result == SCAN_ADVANCE)
      result = walkAttrRefs(&s, op, ipuIrOpAttrs(op), fn, userData);
    if (result == SCAN_OUT_OF_MEMORY)
      ipuIrReportOutOfMemory(s.ctx, ipuIrOpLoc(op));
  }
  if (s.items != s.inlineItems)
    ipuFree(s.ctx, s.items);
  return result == SCAN_ADVANCE ? IPU_WALK_ADVANCE : IPU_WALK_INTERRUPT;
}

typedef struct {
  IpuStringRef name;
  bool found;
} UseSearch;

static IpuWalkResult matchUse(IpuOp *user, IpuAttr ref, void *userData) {
  UseSearch *search = userData;
  if (!ipuStringRefEqual(ipuIdentStr(ipuSymbolRefAttrGetRoot(ref)),
                         search->name))
    return IPU_WALK_ADVANCE;
  search->found = true;
  return IPU_WALK_INTERRUPT;
}

bool ipuSymbolIsUsedWithin(IpuOp *symbol, IpuOp *within) {
  IpuAttr symName = ipuOpGetSymbolName(symbol);
  if (!symName)
    return false;
  UseSearch search = {ipuStringAttrGetValue(symName), false};
  /* An interruption without a match is an allocation failure: answer
   * "used", the safe side for dead-symbol removal. */
  return ipuOpWalkSymbolUses(within, matchUse, &search) == IPU_WALK_INTERRUPT;
}
