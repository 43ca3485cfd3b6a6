/* Operations: creation from an IpuOpState (name checks, inherent attributes
 * moved into properties, result type inference), accessors and attributes. */
#include <string.h>

#include "op_impl.h"

static const char kUnregisteredDialectMsg[] =
    "operation being parsed with an unregistered dialect. If this is "
    "intended, please use -allow-unregistered-dialect with the MLIR tool used";

void ipuIrReportOutOfMemory(IpuContext *ctx, IpuLocation loc) {
  ipuEmitError(ctx, loc, "out of memory");
}

/* ---- Creation. ------------------------------------------------------- */

/* The location of a state for diagnostics: a packed position is made into
 * a location here (creation failed, so nothing is saved by waiting). */
static IpuLocation stateLoc(IpuOpState *st) {
  if (!st->loc && st->locFile)
    st->loc = ipuLocFileGet(st->ctx, st->locFile, st->locLine, st->locColumn);
  if (!st->loc)
    st->loc = ipuLocUnknownGet(st->ctx);
  return st->loc;
}

/* Finds the name record of st->name and decides, as MLIR does, whether an
 * unregistered op of that name may exist. */
static bool resolveName(IpuOpState *st, const IpuOpNameInfo **infoOut) {
  IpuContext *ctx = st->ctx;
  const IpuOpNameInfo *info = ipuIrOpNameInfoGet(ctx, st->name);
  *infoOut = info;
  if (!info) {
    ipuIrReportOutOfMemory(ctx, stateLoc(st));
    return false;
  }
  if (info->def)
    return true;
  IpuStringRef name = info->name;
  bool allow = ipuContextGetAllowUnregisteredDialects(ctx);
  const char *dot = name.length ? memchr(name.data, '.', name.length) : NULL;
  if (!dot) {
    /* A dotless name belongs to no dialect, even if one is spelled so. */
    if (allow)
      return true;
    if (ipuContextLookupDialect(ctx, name))
      ipuEmitError(ctx, stateLoc(st),
                   "'%.*s' op created with unregistered dialect. If this is "
                   "intended, please call allowUnregisteredDialects() on the "
                   "MLIRContext, or use -allow-unregistered-dialect with the "
                   "MLIR opt tool used",
                   (int)name.length, name.data);
    else
      ipuEmitError(ctx, stateLoc(st), "%s", kUnregisteredDialectMsg);
    return false;
  }
  if (ipuIrOpNamePrefixDialect(info)) {
    IpuStringRef dialect =
        ipuStringRefMake(name.data, (size_t)(dot - name.data));
    ipuEmitError(ctx, stateLoc(st),
                 "unregistered operation '%.*s' found in dialect ('%.*s') "
                 "that does not allow unknown operations",
                 (int)name.length, name.data, (int)dialect.length,
                 dialect.data);
    return false;
  }
  if (!allow) {
    ipuEmitError(ctx, stateLoc(st), "%s", kUnregisteredDialectMsg);
    return false;
  }
  return true;
}

static bool isInherentName(const IpuOpDef *def, IpuStringRef name) {
  if (!def)
    return false;
  for (intptr_t i = 0; i < def->numAttrs; ++i) {
    const char *n = def->attrs[i].name;
    if (strlen(n) == name.length && memcmp(n, name.data, name.length) == 0)
      return true;
  }
  return false;
}

/* An empty dictionary is stored as NULL, so ops without attributes do not
 * keep one alive and comparisons stay simple. */
static IpuAttr normalizeDict(IpuAttr dict) {
  if (dict && ipuAttrGetKind(dict) == IPU_ATTR_DICTIONARY &&
      ipuDictionaryAttrGetNumEntries(dict) == 0)
    return NULL;
  return dict;
}

/* Moves inherent attributes of a registered op from the discardable
 * dictionary into the properties dictionary; given properties win. */
static bool splitInherentAttrs(IpuOpState *st, const IpuOpDef *def) {
  IpuAttr attrs = st->attributes;
  if (!def || !attrs || def->numAttrs == 0)
    return true;
  if (st->properties && ipuAttrGetKind(st->properties) != IPU_ATTR_DICTIONARY)
    return true; /* kept verbatim: the verifier has the say */
  intptr_t n = ipuDictionaryAttrGetNumEntries(attrs);
  intptr_t numInherent = 0;
  for (intptr_t i = 0; i < n; ++i)
    if (isInherentName(def,
                       ipuIdentStr(ipuDictionaryAttrGetEntry(attrs, i).name)))
      ++numInherent;
  if (numInherent == 0)
    return true;
  IpuNamedAttr *kept = ipuAlloc(st->ctx, (size_t)n * sizeof *kept);
  if (!kept)
    return false;
  IpuAttr props = st->properties;
  intptr_t numKept = 0;
  for (intptr_t i = 0; i < n; ++i) {
    IpuNamedAttr e = ipuDictionaryAttrGetEntry(attrs, i);
    if (!isInherentName(def, ipuIdentStr(e.name))) {
      kept[numKept++] = e;
      continue;
    }
    if (props && ipuDictionaryAttrGet1(props, ipuIdentStr(e.name)))
      continue;
    props = ipuDictionaryAttrSet(st->ctx, props, e.name, e.value);
    if (!props) {
      ipuFree(st->ctx, kept);
      return false;
    }
  }
  IpuAttr remaining =
      numKept ? ipuDictionaryAttrGet(st->ctx, numKept, kept) : NULL;
  ipuFree(st->ctx, kept);
  if (numKept && !remaining)
    return false;
  st->attributes = remaining;
  st->properties = props;
  return true;
}

static bool inferResultTypes(IpuOpState *st, const IpuOpDef *def) {
  if (!def || !def->inferResultTypes) {
    ipuEmitError(st->ctx, stateLoc(st),
                 "'%.*s' op cannot infer its result types",
                 (int)st->name.length, st->name.data);
    return false;
  }
  intptr_t n = st->numResults > 0 ? st->numResults : def->numResults;
  if (n > st->numResults) {
    ipuOpStateAddResults(st, n - st->numResults, NULL);
    if (st->capResults < 0) {
      ipuIrReportOutOfMemory(st->ctx, stateLoc(st));
      return false;
    }
  }
  return ipuSucceeded(def->inferResultTypes(
      st->ctx, stateLoc(st), st->numOperands, st->operands, st->attributes,
      st->properties, n, st->resultTypes));
}

static bool checkState(IpuOpState *st) {
  if (st->capOperands < 0 || st->capResults < 0 || st->capSuccessors < 0 ||
      st->capRegions < 0) {
    ipuIrReportOutOfMemory(st->ctx, stateLoc(st));
    return false;
  }
  const intptr_t limit = (intptr_t)IPU_IR_MAX_VALUES;
  const intptr_t smallLimit = (intptr_t)IPU_IR_MAX_SUCCESSORS_OR_REGIONS;
  if (st->numOperands > limit || st->numResults > limit ||
      st->numSuccessors > smallLimit || st->numRegions > smallLimit) {
    ipuEmitError(st->ctx, stateLoc(st),
                 "'%.*s' op has too many operands, results,"
                 " successors or regions",
                 (int)st->name.length, st->name.data);
    return false;
  }
  if (st->attributes && ipuAttrGetKind(st->attributes) != IPU_ATTR_DICTIONARY) {
    ipuEmitError(st->ctx, stateLoc(st),
                 "'%.*s' op attributes must be a dictionary",
                 (int)st->name.length, st->name.data);
    return false;
  }
  return true;
}

static bool createMissingRegions(IpuOpState *st) {
  for (intptr_t i = 0; i < st->numRegions; ++i) {
    if (st->regions[i])
      continue;
    st->regions[i] = ipuRegionCreate(st->ctx);
    if (!st->regions[i]) {
      ipuIrReportOutOfMemory(st->ctx, stateLoc(st));
      return false;
    }
  }
  return true;
}

/* The op's location field: the given location, or the packed position
 * (made into a location now if it does not pack). */
static uint64_t opLocField(IpuOpState *st) {
  if (!st->loc && st->locFile) {
    uint64_t packed = ipuIrPackFileLineCol(st->ctx, st->locFile, st->locLine,
                                           st->locColumn);
    if (packed)
      return packed;
  }
  return (uint64_t)(uintptr_t)stateLoc(st);
}

IpuOp *ipuOpCreate(IpuOpState *st) {
  IpuContext *ctx = st->ctx;
  const IpuOpNameInfo *info = NULL;
  if (!checkState(st) || !resolveName(st, &info))
    goto fail;
  const IpuOpDef *def = info->def;
  if (!splitInherentAttrs(st, def)) {
    ipuIrReportOutOfMemory(ctx, stateLoc(st));
    goto fail;
  }
  if (st->inferResultTypes && !inferResultTypes(st, def))
    goto fail;
  for (intptr_t i = 0; i < st->numResults; ++i) {
    if (!st->resultTypes[i]) {
      ipuEmitError(ctx, stateLoc(st), "'%.*s' op result #%ld has no type",
                   (int)st->name.length, st->name.data, (long)i);
      goto fail;
    }
  }
  if (!createMissingRegions(st))
    goto fail;
  uint64_t loc = opLocField(st);
  IpuOp *op = loc ? ipuIrOpAllocate(info, (uint32_t)st->numResults,
                                    (uint32_t)st->numSuccessors,
                                    (uint32_t)st->numRegions,
                                    (uint32_t)st->numOperands)
                  : NULL;
  if (op && !ipuIrOpSetAttrsAndProps(op, normalizeDict(st->attributes),
                                     st->properties)) {
    ipuIrOpFree(op);
    op = NULL;
  }
  if (!op) {
    ipuIrReportOutOfMemory(ctx, stateLoc(st));
    goto fail;
  }
  op->loc = loc;
  for (uint32_t i = 0; i < op->numResults; ++i)
    ipuIrOpResult(op, i)->type = st->resultTypes[i];
  IpuBlockOperand *succs = ipuIrOpSuccessors(op);
  for (uint32_t i = 0; i < op->numSuccessors; ++i)
    ipuIrBlockOperandLink(&succs[i], st->successors[i]);
  IpuRegion **regions = ipuIrOpRegions(op);
  for (uint32_t i = 0; i < op->numRegions; ++i) {
    regions[i] = st->regions[i];
    regions[i]->parentOp = op;
    regions[i]->index = (int32_t)i;
  }
  IpuOpOperand *operands = ipuIrOpInlineOperands(op);
  for (uint32_t i = 0; i < op->numOperands; ++i)
    ipuIrOperandLink(&operands[i], st->operands[i]);
  st->numRegions = 0; /* they belong to the op now */
  ipuOpStateDispose(st);
  return op;
fail:
  ipuOpStateDispose(st);
  return NULL;
}

void ipuOpDestroy(IpuOp *op) {
  if (!op)
    return;
  if (op->block)
    ipuIrUnlinkOp(op);
  ipuIrDestroyDetachedOp(op);
}

/* ---- Identity. ------------------------------------------------------- */

IpuContext *ipuOpGetContext(const IpuOp *op) { return ipuIrOpCtx(op); }
IpuIdent ipuOpGetName(const IpuOp *op) { return ipuIrOpName(op); }
const IpuOpDef *ipuOpGetDef(const IpuOp *op) { return ipuIrOpDef(op); }

bool ipuOpIsA(const IpuOp *op, const char *name) {
  return strcmp(ipuIdentCStr(ipuIrOpName(op)), name) == 0;
}

IpuLocation ipuOpGetLoc(const IpuOp *op) { return ipuIrOpLoc(op); }
void ipuOpSetLoc(IpuOp *op, IpuLocation loc) {
  if (loc)
    op->loc = (uint64_t)(uintptr_t)loc;
}

bool ipuOpHasTrait(const IpuOp *op, uint32_t trait) {
  return ipuOpDefHasTrait(ipuIrOpDef(op), trait);
}

const IpuDialectDef *ipuOpGetDialect(const IpuOp *op) {
  return op->info->def ? op->info->dialect : NULL;
}

/* ---- Operands, results, successors, regions. ------------------------- */

intptr_t ipuOpGetNumOperands(const IpuOp *op) { return op->numOperands; }

IpuValue ipuOpGetOperand(const IpuOp *op, intptr_t i) {
  if (i < 0 || i >= (intptr_t)op->numOperands)
    return NULL;
  return ipuIrOpOperands(op)[i].value;
}

void ipuOpSetOperand(IpuOp *op, intptr_t i, IpuValue v) {
  if (i < 0 || i >= (intptr_t)op->numOperands)
    return;
  ipuIrOperandUnlink(&ipuIrOpOperands(op)[i]);
  ipuIrOperandLink(&ipuIrOpOperands(op)[i], v);
}

IpuOpOperand *ipuOpGetOpOperand(IpuOp *op, intptr_t i) {
  if (i < 0 || i >= (intptr_t)op->numOperands)
    return NULL;
  return &ipuIrOpOperands(op)[i];
}

intptr_t ipuOpGetNumResults(const IpuOp *op) { return op->numResults; }

IpuValue ipuOpGetResult(const IpuOp *op, intptr_t i) {
  if (i < 0 || i >= (intptr_t)op->numResults)
    return NULL;
  return ipuIrOpResult(op, (uint32_t)i);
}

intptr_t ipuOpGetNumSuccessors(const IpuOp *op) { return op->numSuccessors; }

IpuBlock *ipuOpGetSuccessor(const IpuOp *op, intptr_t i) {
  if (i < 0 || i >= (intptr_t)op->numSuccessors)
    return NULL;
  return ipuIrOpSuccessors(op)[i].block;
}

void ipuOpSetSuccessor(IpuOp *op, intptr_t i, IpuBlock *b) {
  if (i < 0 || i >= (intptr_t)op->numSuccessors)
    return;
  IpuBlockOperand *use = &ipuIrOpSuccessors(op)[i];
  ipuIrBlockOperandUnlink(use);
  ipuIrBlockOperandLink(use, b);
}

intptr_t ipuOpGetNumRegions(const IpuOp *op) { return op->numRegions; }

IpuRegion *ipuOpGetRegion(const IpuOp *op, intptr_t i) {
  if (i < 0 || i >= (intptr_t)op->numRegions)
    return NULL;
  return ipuIrOpRegions(op)[i];
}

/* ---- Attributes and properties. -------------------------------------- */

IpuAttr ipuOpGetAttrDict(const IpuOp *op) {
  IpuAttr attrs = ipuIrOpAttrs(op);
  return attrs ? attrs : ipuDictionaryAttrGet(ipuIrOpCtx(op), 0, NULL);
}

static void setAttrsAndProps(IpuOp *op, IpuAttr attrs, IpuAttr props) {
  if (!ipuIrOpSetAttrsAndProps(op, attrs, props))
    ipuIrReportOutOfMemory(ipuIrOpCtx(op), ipuIrOpLoc(op));
}

/* Inherent attributes of registered ops go to the properties, as MLIR's
 * Operation::setAttrs does, so that ipuOpGetAttr never sees a stale one. */
void ipuOpSetAttrDict(IpuOp *op, IpuAttr dict) {
  IpuContext *ctx = ipuIrOpCtx(op);
  const IpuOpDef *def = ipuIrOpDef(op);
  IpuAttr oldProps = ipuIrOpProps(op);
  dict = normalizeDict(dict);
  if (!dict || !def || ipuAttrGetKind(dict) != IPU_ATTR_DICTIONARY) {
    setAttrsAndProps(op, dict, oldProps);
    return;
  }
  IpuOpState st;
  ipuOpStateInit(&st, ctx, ipuIdentStr(ipuIrOpName(op)), ipuIrOpLoc(op));
  st.attributes = dict;
  st.properties = oldProps;
  /* Here the new dictionary wins over the old properties. */
  if (oldProps && ipuAttrGetKind(oldProps) == IPU_ATTR_DICTIONARY) {
    intptr_t n = ipuDictionaryAttrGetNumEntries(dict);
    for (intptr_t i = 0; i < n && st.properties; ++i) {
      IpuNamedAttr e = ipuDictionaryAttrGetEntry(dict, i);
      if (isInherentName(def, ipuIdentStr(e.name)))
        st.properties = ipuDictionaryAttrSet(ctx, st.properties, e.name, NULL);
    }
    if (!st.properties) {
      ipuIrReportOutOfMemory(ctx, ipuIrOpLoc(op));
      return;
    }
  }
  if (!splitInherentAttrs(&st, def)) {
    ipuIrReportOutOfMemory(ctx, ipuIrOpLoc(op));
    return;
  }
  setAttrsAndProps(op, normalizeDict(st.attributes), st.properties);
}

IpuAttr ipuOpGetProperties(const IpuOp *op) { return ipuIrOpProps(op); }
void ipuOpSetProperties(IpuOp *op, IpuAttr props) {
  setAttrsAndProps(op, ipuIrOpAttrs(op), props);
}

IpuAttr ipuOpGetAttr(const IpuOp *op, const char *name) {
  IpuAttr props = ipuIrOpProps(op);
  if (props && ipuAttrGetKind(props) == IPU_ATTR_DICTIONARY) {
    IpuAttr a = ipuDictionaryAttrGetC(props, name);
    if (a)
      return a;
  }
  IpuAttr attrs = ipuIrOpAttrs(op);
  return attrs ? ipuDictionaryAttrGetC(attrs, name) : NULL;
}

void ipuOpSetAttr(IpuOp *op, const char *name, IpuAttr value) {
  IpuContext *ctx = ipuIrOpCtx(op);
  const IpuOpDef *def = ipuIrOpDef(op);
  IpuAttr props = ipuIrOpProps(op), attrs = ipuIrOpAttrs(op);
  IpuIdent id = ipuIdentGetC(ctx, name);
  if (!id) {
    ipuIrReportOutOfMemory(ctx, ipuIrOpLoc(op));
    return;
  }
  bool propsIsDict = props && ipuAttrGetKind(props) == IPU_ATTR_DICTIONARY;
  bool inProps = propsIsDict && ipuDictionaryAttrGetC(props, name);
  bool inherent = (propsIsDict || !props) &&
                  isInherentName(def, ipuStringRefFromCString(name));
  if (inProps || inherent) {
    IpuAttr newProps = ipuDictionaryAttrSet(ctx, props, id, value);
    if (!newProps) {
      ipuIrReportOutOfMemory(ctx, ipuIrOpLoc(op));
      return;
    }
    /* Registered ops without inherent attributes carry no properties. */
    setAttrsAndProps(op, attrs, def ? normalizeDict(newProps) : newProps);
    return;
  }
  if (!value && !attrs)
    return;
  IpuAttr newAttrs = ipuDictionaryAttrSet(ctx, attrs, id, value);
  if (!newAttrs) {
    ipuIrReportOutOfMemory(ctx, ipuIrOpLoc(op));
    return;
  }
  setAttrsAndProps(op, normalizeDict(newAttrs), props);
}

/* ---- Position. ------------------------------------------------------- */

IpuBlock *ipuOpGetBlock(const IpuOp *op) { return op->block; }

IpuOp *ipuOpGetParentOp(const IpuOp *op) {
  return op->block ? ipuIrBlockParentOp(op->block) : NULL;
}

IpuRegion *ipuOpGetParentRegion(const IpuOp *op) {
  return op->block ? op->block->parent : NULL;
}

IpuOp *ipuOpGetNext(const IpuOp *op) { return op->next; }
IpuOp *ipuOpGetPrev(const IpuOp *op) { return op->prev; }

/* Gives a newly linked op an order index between its neighbours, or marks
 * the block for renumbering when there is no gap (as MLIR's
 * Operation::updateOrderIfNecessary). */
static void updateOrderIndex(IpuOp *op) {
  IpuBlock *b = op->block;
  if (!b->opOrderValid)
    return;
  uint32_t lo = op->prev ? op->prev->orderIndex : 0;
  if (!op->next) {
    if (lo > UINT32_MAX - IPU_OP_ORDER_STRIDE)
      b->opOrderValid = false;
    else
      op->orderIndex = lo + IPU_OP_ORDER_STRIDE;
    return;
  }
  uint32_t hi = op->next->orderIndex;
  if (hi <= lo || hi - lo < 2)
    b->opOrderValid = false;
  else
    op->orderIndex = lo + (hi - lo) / 2;
}

void ipuIrLinkOp(IpuBlock *b, IpuOp *before, IpuOp *op) {
  if (before && before->block != b)
    before = NULL;
  op->block = b;
  if (before) {
    op->next = before;
    op->prev = before->prev;
    if (op->prev)
      op->prev->next = op;
    else
      b->firstOp = op;
    before->prev = op;
  } else {
    op->next = NULL;
    op->prev = b->lastOp;
    if (op->prev)
      op->prev->next = op;
    else
      b->firstOp = op;
    b->lastOp = op;
  }
  updateOrderIndex(op);
}

void ipuIrUnlinkOp(IpuOp *op) {
  IpuBlock *b = op->block;
  if (!b)
    return;
  if (op->prev)
    op->prev->next = op->next;
  else
    b->firstOp = op->next;
  if (op->next)
    op->next->prev = op->prev;
  else
    b->lastOp = op->prev;
  op->prev = op->next = NULL;
  op->block = NULL;
}

void ipuOpRemoveFromBlock(IpuOp *op) { ipuIrUnlinkOp(op); }

void ipuOpMoveBefore(IpuOp *op, IpuOp *before) {
  if (op == before || !before->block)
    return;
  ipuIrUnlinkOp(op);
  ipuIrLinkOp(before->block, before, op);
}

void ipuOpMoveAfter(IpuOp *op, IpuOp *after) {
  if (op == after || !after->block)
    return;
  ipuIrUnlinkOp(op);
  ipuIrLinkOp(after->block, after->next, op);
}

bool ipuOpIsProperAncestor(const IpuOp *ancestor, const IpuOp *op) {
  for (const IpuOp *p = ipuOpGetParentOp(op); p; p = ipuOpGetParentOp(p))
    if (p == ancestor)
      return true;
  return false;
}

bool ipuOpIsAncestor(const IpuOp *ancestor, const IpuOp *op) {
  return ancestor == op || ipuOpIsProperAncestor(ancestor, op);
}

bool ipuOpIsBeforeInBlock(const IpuOp *a, const IpuOp *b) {
  IpuBlock *block = a->block;
  if (!block || block != b->block || a == b)
    return false;
  if (!block->opOrderValid) {
    uint32_t index = 0;
    for (IpuOp *op = block->firstOp; op; op = op->next) {
      index += IPU_OP_ORDER_STRIDE;
      op->orderIndex = index;
    }
    block->opOrderValid = true;
  }
  return a->orderIndex < b->orderIndex;
}

bool ipuOpUseEmpty(const IpuOp *op) {
  for (uint32_t i = 0; i < op->numResults; ++i)
    if (ipuIrOpResult(op, i)->firstUse)
      return false;
  return true;
}
