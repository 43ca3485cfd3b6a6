/* Location aliases (#loc, #loc1, ...) as MLIR's AliasInitializer: a walk in
 * print order records every location reached through op locations, block
 * arguments and attributes; aliases are numbered by nesting depth, then
 * first use, and split into those printed before the op and after it. */
#include <stdlib.h>

#include "print_internal.h"
#include "storage.h"

typedef struct {
  const void *ptr;     /* IpuAttr or IpuType */
  uint32_t depth;      /* 0: no alias inside; else 1 + deepest child */
  uint32_t aliasNum;   /* suffix of #loc, once numbered */
  bool isType;
  bool hasAlias;       /* locations */
  bool deferrable;     /* reached only from op locations */
} AliasEntry;

struct AliasState {
  AliasEntry *entries;
  size_t n, cap;
  PrintPtrMap index;   /* ptr -> entry index */
  uint32_t *order;     /* entries with aliases, in numbering order */
  size_t numAliases;
};

typedef struct {
  const void *ptr;
  bool isType;
} Node;

/* Things that can never hold a location are skipped entirely: they carry
 * no alias and add no depth, so leaving them out changes nothing. */
static bool isScalarType(IpuType t) {
  switch (t ? ipuTypeGetKind(t) : IPU_TYPE_NONE) {
  case IPU_TYPE_INTEGER:
  case IPU_TYPE_INDEX:
  case IPU_TYPE_FLOAT:
  case IPU_TYPE_NONE:
  case IPU_TYPE_OPAQUE:
    return true;
  default:
    return false;
  }
}

static bool isLeafType(IpuType t) {
  if (isScalarType(t))
    return true;
  switch (ipuTypeGetKind(t)) {
  case IPU_TYPE_RANKED_TENSOR:
    return !ipuRankedTensorTypeGetEncoding(t) &&
           isScalarType(ipuShapedTypeGetElementType(t));
  case IPU_TYPE_UNRANKED_TENSOR:
  case IPU_TYPE_VECTOR:
    return isScalarType(ipuShapedTypeGetElementType(t));
  case IPU_TYPE_COMPLEX:
    return isScalarType(ipuComplexTypeGetElementType(t));
  default:
    return false;
  }
}

static bool isLeaf(Node n) {
  if (!n.ptr)
    return true;
  /* Nothing without a location inside can have or hold an alias. */
  if (n.isType ? !((IpuType)n.ptr)->hasLoc : !((IpuAttr)n.ptr)->hasLoc)
    return true;
  if (n.isType)
    return isLeafType(n.ptr);
  switch (ipuAttrGetKind(n.ptr)) {
  case IPU_ATTR_INTEGER:
  case IPU_ATTR_FLOAT:
  case IPU_ATTR_UNIT:
  case IPU_ATTR_SYMBOL_REF:
  case IPU_ATTR_OPAQUE:
  case IPU_ATTR_DENSE_ARRAY:
    return true;
  case IPU_ATTR_STRING:
    return isLeafType(ipuAttrGetType(n.ptr));
  default:
    return false;
  }
}

static Node attrNode(IpuAttr a) { return (Node){a, false}; }
static Node typeNode(IpuType t) { return (Node){t, true}; }

static bool isUnknownLoc(IpuLocation l) {
  return !l || ipuAttrGetKind(l) == IPU_ATTR_LOC_UNKNOWN;
}

/* A typed attribute's type, visited after its other children. */
static IpuType visitedAttrType(IpuAttr a) {
  switch (ipuAttrGetKind(a)) {
  case IPU_ATTR_STRING:
  case IPU_ATTR_DENSE_ELEMENTS:
  case IPU_ATTR_DENSE_RESOURCE: {
    IpuType t = ipuAttrGetType(a);
    return t && ipuTypeGetKind(t) != IPU_TYPE_NONE ? t : NULL;
  }
  default:
    return NULL;
  }
}

/* Children in MLIR's visiting order: count, and random access. */
static intptr_t childCount(Node n) {
  if (n.isType) {
    IpuType t = n.ptr;
    switch (ipuTypeGetKind(t)) {
    case IPU_TYPE_FUNCTION:
      return ipuFunctionTypeGetNumInputs(t) + ipuFunctionTypeGetNumResults(t);
    case IPU_TYPE_TUPLE:
      return ipuTupleTypeGetNumTypes(t);
    case IPU_TYPE_COMPLEX:
    case IPU_TYPE_VECTOR:
    case IPU_TYPE_UNRANKED_TENSOR:
      return 1;
    case IPU_TYPE_RANKED_TENSOR:
      return 1 + (ipuRankedTensorTypeGetEncoding(t) != NULL);
    case IPU_TYPE_MEMREF:
      return 1 + (ipuMemRefTypeGetLayout(t) != NULL) +
             (ipuMemRefTypeGetMemorySpace(t) != NULL);
    case IPU_TYPE_UNRANKED_MEMREF:
      return 1 + (ipuMemRefTypeGetMemorySpace(t) != NULL);
    default:
      return 0;
    }
  }
  IpuAttr a = n.ptr;
  intptr_t count = visitedAttrType(a) != NULL;
  switch (ipuAttrGetKind(a)) {
  case IPU_ATTR_ARRAY:
    return count + ipuArrayAttrGetNumElements(a);
  case IPU_ATTR_DICTIONARY:
    return count + ipuDictionaryAttrGetNumEntries(a);
  case IPU_ATTR_TYPE:
    return count + 1;
  case IPU_ATTR_LOC_NAME:
    return count + !isUnknownLoc(ipuLocNameGetChild(a));
  case IPU_ATTR_LOC_CALLSITE:
    return count + 2;
  case IPU_ATTR_LOC_FUSED:
    return count + (ipuLocFusedGetMetadata(a) != NULL) +
           ipuLocFusedGetNumLocations(a);
  default:
    return count;
  }
}

static Node childAt(Node n, intptr_t i) {
  if (n.isType) {
    IpuType t = n.ptr;
    switch (ipuTypeGetKind(t)) {
    case IPU_TYPE_FUNCTION: {
      intptr_t ni = ipuFunctionTypeGetNumInputs(t);
      return typeNode(i < ni ? ipuFunctionTypeGetInput(t, i)
                             : ipuFunctionTypeGetResult(t, i - ni));
    }
    case IPU_TYPE_TUPLE:
      return typeNode(ipuTupleTypeGetType(t, i));
    case IPU_TYPE_COMPLEX:
      return typeNode(ipuComplexTypeGetElementType(t));
    case IPU_TYPE_RANKED_TENSOR:
      return i == 0 ? typeNode(ipuShapedTypeGetElementType(t))
                    : attrNode(ipuRankedTensorTypeGetEncoding(t));
    case IPU_TYPE_MEMREF:
      if (i == 0)
        return typeNode(ipuShapedTypeGetElementType(t));
      if (i == 1 && ipuMemRefTypeGetLayout(t))
        return attrNode(ipuMemRefTypeGetLayout(t));
      return attrNode(ipuMemRefTypeGetMemorySpace(t));
    case IPU_TYPE_UNRANKED_MEMREF:
      return i == 0 ? typeNode(ipuShapedTypeGetElementType(t))
                    : attrNode(ipuMemRefTypeGetMemorySpace(t));
    default:
      return typeNode(ipuShapedTypeGetElementType(t));
    }
  }
  IpuAttr a = n.ptr;
  intptr_t own = childCount(n) - (visitedAttrType(a) != NULL);
  if (i >= own)
    return typeNode(visitedAttrType(a));
  switch (ipuAttrGetKind(a)) {
  case IPU_ATTR_ARRAY:
    return attrNode(ipuArrayAttrGetElement(a, i));
  case IPU_ATTR_DICTIONARY:
    return attrNode(ipuDictionaryAttrGetEntry(a, i).value);
  case IPU_ATTR_TYPE:
    return typeNode(ipuTypeAttrGetValue(a));
  case IPU_ATTR_LOC_NAME:
    return attrNode(ipuLocNameGetChild(a));
  case IPU_ATTR_LOC_CALLSITE:
    return attrNode(i == 0 ? ipuLocCallSiteGetCallee(a)
                           : ipuLocCallSiteGetCaller(a));
  case IPU_ATTR_LOC_FUSED: {
    IpuAttr meta = ipuLocFusedGetMetadata(a);
    if (meta && i == 0)
      return attrNode(meta);
    return attrNode(ipuLocFusedGetLocation(a, meta ? i - 1 : i));
  }
  default:
    return attrNode(NULL);
  }
}

/* ---- The visit: an explicit stack, pre-order insertion and post-order
 * depth, as MLIR's recursive visitImpl. --------------------------------- */
typedef struct {
  Node node;
  uint32_t entry;   /* for FINISH items */
  bool finish;
  bool canBeDeferred;
} VisitItem;

typedef struct {
  AsmPrinter *p;
  AliasState *as;
  VisitItem *stack;
  size_t n, cap;
  uint32_t *marks; /* scratch stack for markNonDeferrable */
  size_t numMarks, capMarks;
} Visitor;

static bool pushItem(Visitor *v, VisitItem item) {
  if (!ipuAsmGrow(v->p, (void **)&v->stack, &v->cap, v->n + 1,
                  sizeof *v->stack))
    return false;
  v->stack[v->n++] = item;
  return true;
}

static void markNonDeferrable(Visitor *v, uint32_t start) {
  AliasState *as = v->as;
  v->numMarks = 0;
  if (!ipuAsmGrow(v->p, (void **)&v->marks, &v->capMarks, 1, sizeof *v->marks))
    return;
  v->marks[v->numMarks++] = start;
  while (v->numMarks) {
    uint32_t idx = v->marks[--v->numMarks];
    if (!as->entries[idx].deferrable)
      continue;
    as->entries[idx].deferrable = false;
    Node node = {as->entries[idx].ptr, as->entries[idx].isType};
    intptr_t count = childCount(node);
    for (intptr_t i = 0; i < count; i++) {
      Node child = childAt(node, i);
      uint32_t childIdx;
      if (isLeaf(child) || !ipuPrintMapGet(&as->index, child.ptr, &childIdx))
        continue;
      if (!ipuAsmGrow(v->p, (void **)&v->marks, &v->capMarks, v->numMarks + 1,
                      sizeof *v->marks))
        return;
      v->marks[v->numMarks++] = childIdx;
    }
  }
}

static void visit(Visitor *v, Node root, bool canBeDeferred) {
  if (isLeaf(root) || v->p->oom)
    return;
  AliasState *as = v->as;
  size_t base = v->n;
  if (!pushItem(v, (VisitItem){root, 0, false, canBeDeferred}))
    return;
  while (v->n > base && !v->p->oom) {
    VisitItem item = v->stack[--v->n];
    if (item.finish) {
      uint32_t maxDepth = 0;
      intptr_t count = childCount(item.node);
      for (intptr_t i = 0; i < count; i++) {
        Node child = childAt(item.node, i);
        uint32_t idx;
        if (!isLeaf(child) && ipuPrintMapGet(&as->index, child.ptr, &idx) &&
            as->entries[idx].depth > maxDepth)
          maxDepth = as->entries[idx].depth;
      }
      if (maxDepth)
        as->entries[item.entry].depth = maxDepth + 1;
      continue;
    }
    uint32_t found;
    if (ipuPrintMapGet(&as->index, item.node.ptr, &found)) {
      if (!item.canBeDeferred)
        markNonDeferrable(v, found);
      continue;
    }
    if (!ipuAsmGrow(v->p, (void **)&as->entries, &as->cap, as->n + 1,
                    sizeof *as->entries))
      return;
    uint32_t idx = (uint32_t)as->n;
    bool loc = !item.node.isType && ipuAttrIsLocation(item.node.ptr);
    as->entries[as->n++] = (AliasEntry){item.node.ptr, loc ? 1u : 0u, 0,
                                        item.node.isType, loc,
                                        item.canBeDeferred};
    if (!ipuPrintMapPut(v->p->ctx, &as->index, item.node.ptr, idx)) {
      ipuAsmPrinterOutOfMemory(v->p);
      return;
    }
    if (!pushItem(v, (VisitItem){item.node, idx, true, item.canBeDeferred}))
      return;
    intptr_t count = childCount(item.node);
    for (intptr_t i = count; i-- > 0;) {
      Node child = childAt(item.node, i);
      if (!isLeaf(child) &&
          !pushItem(v, (VisitItem){child, 0, false, item.canBeDeferred}))
        return;
    }
  }
}

static void visitAttr(Visitor *v, IpuAttr a, bool canBeDeferred) {
  visit(v, attrNode(a), canBeDeferred);
}

static void visitType(Visitor *v, IpuType t) { visit(v, typeNode(t), false); }

/* ---- Walking the IR in print order. ---------------------------------- */
static void visitAttrList(Visitor *v, const IpuNamedAttr *attrs, intptr_t n,
                          const char *const *elided) {
  for (intptr_t i = 0; i < n; i++) {
    bool skip = false;
    IpuStringRef name = ipuIdentStr(attrs[i].name);
    for (const char *const *e = elided; e && *e && !skip; e++)
      skip = strlen(*e) == name.length && !memcmp(*e, name.data, name.length);
    if (!skip)
      visitAttr(v, attrs[i].value, false);
  }
}

static void visitDictValues(Visitor *v, IpuAttr dict) {
  if (!dict || ipuAttrGetKind(dict) != IPU_ATTR_DICTIONARY)
    return;
  intptr_t n = ipuDictionaryAttrGetNumEntries(dict);
  for (intptr_t i = 0; i < n; i++)
    visitAttr(v, ipuDictionaryAttrGetEntry(dict, i).value, false);
}

static void visitMergedAttrs(Visitor *v, IpuOp *op, bool includeProps,
                             const char *const *elided) {
  MergedAttrs m;
  if (ipuAsmMergeAttrs(v->p, op, includeProps, &m))
    visitAttrList(v, m.entries, m.n, elided);
  ipuAsmMergedAttrsDispose(v->p, &m);
}

static void visitValueTypes(Visitor *v, IpuOp *op) {
  intptr_t n = ipuOpGetNumOperands(op);
  for (intptr_t i = 0; i < n; i++) {
    IpuValue val = ipuOpGetOperand(op, i);
    if (val)
      visitType(v, ipuValueGetType(val));
  }
  n = ipuOpGetNumResults(op);
  for (intptr_t i = 0; i < n; i++)
    visitType(v, ipuValueGetType(ipuOpGetResult(op, i)));
}

static void visitBlockArgs(Visitor *v, IpuBlock *b) {
  intptr_t n = ipuBlockGetNumArguments(b);
  for (intptr_t i = 0; i < n; i++) {
    IpuValue arg = ipuBlockGetArgument(b, i);
    visitType(v, ipuValueGetType(arg));
    if (v->p->opts.debugInfo)
      visitAttr(v, ipuValueGetLoc(arg), false);
  }
}

static void visitFuncSignature(Visitor *v, IpuOp *op) {
  IpuType fnType = ipuTypeAttrGetValue(ipuOpGetAttr(op, "function_type"));
  IpuRegion *body = ipuOpGetRegion(op, 0);
  IpuBlock *entry = ipuRegionGetFirstBlock(body);
  IpuAttr argAttrs = ipuOpGetAttr(op, "arg_attrs");
  IpuAttr resAttrs = ipuOpGetAttr(op, "res_attrs");
  intptr_t ni = ipuFunctionTypeGetNumInputs(fnType);
  for (intptr_t i = 0; i < ni; i++) {
    if (entry) {
      IpuValue arg = ipuBlockGetArgument(entry, i);
      visitType(v, ipuValueGetType(arg));
      if (v->p->opts.debugInfo)
        visitAttr(v, ipuValueGetLoc(arg), false);
    } else {
      visitType(v, ipuFunctionTypeGetInput(fnType, i));
      if (argAttrs)
        visitDictValues(v, ipuArrayAttrGetElement(argAttrs, i));
    }
  }
  intptr_t nr = ipuFunctionTypeGetNumResults(fnType);
  for (intptr_t i = 0; i < nr; i++) {
    visitType(v, ipuFunctionTypeGetResult(fnType, i));
    if (resAttrs)
      visitDictValues(v, ipuArrayAttrGetElement(resAttrs, i));
  }
  static const char *const elided[] = {"sym_name", "sym_visibility",
                                       "function_type", "arg_attrs",
                                       "res_attrs", NULL};
  visitMergedAttrs(v, op, true, elided);
}

/* What an op visits before its regions (custom forms) or after them
 * (generic and short forms). */
static void visitOpOwn(Visitor *v, IpuOp *op, OpForm form, bool afterRegions) {
  static const char *const moduleElided[] = {"sym_name", NULL};
  static const char *const callElided[] = {"callee", NULL};
  switch (form) {
  case FORM_GENERIC:
    if (afterRegions) {
      visitValueTypes(v, op);
      visitMergedAttrs(v, op, ipuOpGetDef(op) != NULL, NULL);
    }
    return;
  case FORM_SHORT:
    if (afterRegions) {
      visitMergedAttrs(v, op, true, NULL);
      visitValueTypes(v, op);
    }
    return;
  case FORM_MODULE:
    if (!afterRegions)
      visitMergedAttrs(v, op, true, moduleElided);
    return;
  case FORM_FUNC:
    if (!afterRegions)
      visitFuncSignature(v, op);
    return;
  case FORM_RETURN:
    if (!afterRegions) {
      visitMergedAttrs(v, op, true, NULL);
      visitValueTypes(v, op);
    }
    return;
  case FORM_CALL:
    if (!afterRegions) {
      visitMergedAttrs(v, op, true, callElided);
      visitValueTypes(v, op);
    }
    return;
  }
}

typedef struct {
  IpuOp *op;
  OpForm form;
  intptr_t nextRegion, numRegions;
  IpuBlock *block;
  IpuOp *nextOp;
} WalkFrame;

static bool beginOp(Visitor *v, WalkFrame **frames, size_t *n, size_t *cap,
                    IpuOp *op) {
  AsmPrinter *p = v->p;
  OpForm form = ipuAsmChooseForm(p, op);
  if (p->opts.debugInfo)
    visitAttr(v, ipuOpGetLoc(op), true);
  visitOpOwn(v, op, form, false);
  if (!ipuAsmGrow(p, (void **)frames, cap, *n + 1, sizeof **frames))
    return false;
  intptr_t numRegions =
      p->opts.skipRegions ? 0 : ipuAsmNumPrintedRegions(op, form);
  (*frames)[(*n)++] = (WalkFrame){op, form, 0, numRegions, NULL, NULL};
  return true;
}

static void walk(Visitor *v, IpuOp *root) {
  AsmPrinter *p = v->p;
  WalkFrame *frames = NULL;
  size_t n = 0, cap = 0;
  if (!beginOp(v, &frames, &n, &cap, root))
    return;
  while (n && !p->oom) {
    WalkFrame *f = &frames[n - 1];
    if (f->nextOp) {
      IpuOp *op = f->nextOp;
      f->nextOp = ipuOpGetNext(op);
      if (!beginOp(v, &frames, &n, &cap, op))
        break;
      continue;
    }
    if (f->block) {
      f->block = ipuBlockGetNext(f->block);
      if (f->block) {
        visitBlockArgs(v, f->block);
        f->nextOp = ipuBlockGetFirstOp(f->block);
      }
      continue;
    }
    if (f->nextRegion < f->numRegions) {
      IpuRegion *r = ipuOpGetRegion(f->op, f->nextRegion++);
      f->block = ipuRegionGetFirstBlock(r);
      if (f->block) {
        if (ipuAsmRegionStyle(f->form).printEntryBlockArgs)
          visitBlockArgs(v, f->block);
        f->nextOp = ipuBlockGetFirstOp(f->block);
      }
      continue;
    }
    visitOpOwn(v, f->op, f->form, true);
    n--;
  }
  if (frames)
    ipuFree(p->ctx, frames);
}

typedef struct {
  uint32_t depth, entry;
} AliasKey;

static int compareAliasKeys(const void *pa, const void *pb) {
  const AliasKey *a = pa, *b = pb;
  if (a->depth != b->depth)
    return a->depth < b->depth ? -1 : 1;
  return a->entry < b->entry ? -1 : a->entry > b->entry;
}

AliasState *ipuAsmAliasesCreate(AsmPrinter *p, IpuOp *root) {
  /* Without debug info, locations print only from inside attributes and
   * types, and the context knows whether it ever made such a thing. */
  if (!p->opts.debugInfo && !p->ctx->locationsNested)
    return NULL;
  AliasState *as = ipuCalloc(p->ctx, 1, sizeof *as);
  if (!as) {
    ipuAsmPrinterOutOfMemory(p);
    return NULL;
  }
  Visitor v = {p, as, NULL, 0, 0, NULL, 0, 0};
  walk(&v, root);
  if (v.stack)
    ipuFree(p->ctx, v.stack);
  if (v.marks)
    ipuFree(p->ctx, v.marks);

  /* Number by depth, then by first use. */
  size_t count = 0;
  for (size_t i = 0; i < as->n; i++)
    count += as->entries[i].hasAlias;
  if (!count)
    return as;
  AliasKey *keys = ipuAlloc(p->ctx, count * sizeof *keys);
  as->order = ipuAlloc(p->ctx, count * sizeof *as->order);
  if (!keys || !as->order) {
    if (keys)
      ipuFree(p->ctx, keys);
    ipuAsmPrinterOutOfMemory(p);
    return as;
  }
  size_t k = 0;
  for (size_t i = 0; i < as->n; i++)
    if (as->entries[i].hasAlias)
      keys[k++] = (AliasKey){as->entries[i].depth, (uint32_t)i};
  qsort(keys, count, sizeof *keys, compareAliasKeys);
  for (k = 0; k < count; k++) {
    as->entries[keys[k].entry].aliasNum = (uint32_t)k;
    as->order[k] = keys[k].entry;
  }
  as->numAliases = count;
  ipuFree(p->ctx, keys);
  return as;
}

void ipuAsmAliasesDestroy(AsmPrinter *p, AliasState *as) {
  if (!as)
    return;
  if (as->entries)
    ipuFree(p->ctx, as->entries);
  if (as->order)
    ipuFree(p->ctx, as->order);
  ipuPrintMapDestroy(p->ctx, &as->index);
  ipuFree(p->ctx, as);
}

static void printAliasName(PrintStream *os, uint32_t num) {
  psWrite(os, "#loc", 4);
  if (num)
    psUInt(os, num);
}

bool ipuAsmPrintAlias(AsmPrinter *p, const void *attr) {
  AliasState *as = p->aliases;
  uint32_t idx;
  if (!as || !as->numAliases || !ipuPrintMapGet(&as->index, attr, &idx) ||
      !as->entries[idx].hasAlias)
    return false;
  printAliasName(p->os, as->entries[idx].aliasNum);
  return true;
}

void ipuAsmPrintAliasDefinitions(AsmPrinter *p, bool deferred) {
  AliasState *as = p->aliases;
  if (!as)
    return;
  for (size_t k = 0; k < as->numAliases; k++) {
    AliasEntry *e = &as->entries[as->order[k]];
    if (e->deferrable != deferred)
      continue;
    printAliasName(p->os, e->aliasNum);
    psWrite(p->os, " = ", 3);
    ipuAsmPrintLocation(p, e->ptr, false);
    psPutc(p->os, '\n');
  }
}
