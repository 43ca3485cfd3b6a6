/* The op printer: ipuOpPrint, MLIR's generic op form, regions and blocks
 * (labels, arguments, predecessor comments), printed with an explicit stack
 * of frames so that any nesting depth prints without deep C recursion. */
#include <stdlib.h>

#include "op_impl.h"
#include "print_internal.h"
#include "storage.h"

void ipuPrintOptionsInit(IpuPrintOptions *opts) {
  memset(opts, 0, sizeof *opts);
}

void ipuAsmPrinterInit(AsmPrinter *p, IpuContext *ctx, PrintStream *os,
                       const IpuPrintOptions *opts) {
  memset(p, 0, sizeof *p);
  p->ctx = ctx;
  p->os = os;
  if (opts)
    p->opts = *opts;
  else
    ipuPrintOptionsInit(&p->opts);
}

void ipuAsmPrinterDispose(AsmPrinter *p) {
  if (p->tasks)
    ipuFree(p->ctx, p->tasks);
  if (p->resources)
    ipuFree(p->ctx, p->resources);
  if (p->typeCache)
    ipuFree(p->ctx, p->typeCache);
  if (p->sigCache)
    ipuFree(p->ctx, p->sigCache);
  if (p->entryCache)
    ipuFree(p->ctx, p->entryCache);
  p->typeCache = NULL;
  p->sigCache = NULL;
  p->entryCache = NULL;
  ipuPrintMapDestroy(p->ctx, &p->resourceSet);
  ipuAsmNamesDestroy(p, p->names);
  ipuAsmAliasesDestroy(p, p->aliases);
  p->tasks = NULL;
  p->resources = NULL;
  p->names = NULL;
  p->aliases = NULL;
}

void ipuAsmPrinterOutOfMemory(AsmPrinter *p) {
  if (p->oom)
    return;
  p->oom = true;
  if (p->ctx)
    ipuEmitError(p->ctx, ipuLocUnknownGet(p->ctx),
                 "out of memory while printing IR");
}

/* ---- Attributes of an op. -------------------------------------------- */
int ipuAsmCompareNames(IpuStringRef a, IpuStringRef b) {
  size_t n = a.length < b.length ? a.length : b.length;
  int c = n ? memcmp(a.data, b.data, n) : 0;
  if (c)
    return c;
  return a.length < b.length ? -1 : a.length > b.length;
}

bool ipuAsmMergeAttrs(AsmPrinter *p, IpuOp *op, bool includeProps,
                      MergedAttrs *m) {
  m->entries = m->inlineEntries;
  m->n = 0;
  IpuAttr dict = ipuIrOpAttrs(op);
  IpuAttr props = includeProps ? ipuIrOpProps(op) : NULL;
  if (props && ipuAttrGetKind(props) != IPU_ATTR_DICTIONARY)
    return false;
  intptr_t nd = dict ? ipuDictionaryAttrGetNumEntries(dict) : 0;
  intptr_t np = props ? ipuDictionaryAttrGetNumEntries(props) : 0;
  if (nd + np > (intptr_t)(sizeof m->inlineEntries / sizeof *m->inlineEntries)) {
    m->entries = ipuAlloc(p->ctx, (size_t)(nd + np) * sizeof *m->entries);
    if (!m->entries) {
      m->entries = m->inlineEntries;
      ipuAsmPrinterOutOfMemory(p);
      return false;
    }
  }
  intptr_t i = 0, j = 0;
  while (i < nd || j < np) {
    IpuNamedAttr a = i < nd ? ipuDictionaryAttrGetEntry(dict, i) : (IpuNamedAttr){0};
    IpuNamedAttr b = j < np ? ipuDictionaryAttrGetEntry(props, j) : (IpuNamedAttr){0};
    int c;
    if (i >= nd)
      c = 1;
    else if (j >= np)
      c = -1;
    else
      c = ipuAsmCompareNames(ipuIdentStr(a.name), ipuIdentStr(b.name));
    if (c == 0)
      return false; /* a name in both: only the generic form shows that */
    if (c < 0) {
      m->entries[m->n++] = a;
      i++;
    } else {
      m->entries[m->n++] = b;
      j++;
    }
  }
  return true;
}

void ipuAsmMergedAttrsDispose(AsmPrinter *p, MergedAttrs *m) {
  if (m->entries != m->inlineEntries)
    ipuFree(p->ctx, m->entries);
  m->entries = m->inlineEntries;
  m->n = 0;
}

/* ---- Forms. ------------------------------------------------------------ */
static bool nameIs(const IpuOpDef *def, const char *name) {
  return def->name && !strcmp(def->name, name);
}

static bool attrsMergeable(AsmPrinter *p, IpuOp *op) {
  MergedAttrs m;
  bool ok = ipuAsmMergeAttrs(p, op, true, &m);
  ipuAsmMergedAttrsDispose(p, &m);
  return ok;
}

static bool isFlatSymbolRef(IpuAttr a) {
  return a && ipuAttrGetKind(a) == IPU_ATTR_SYMBOL_REF &&
         ipuSymbolRefAttrGetNumNested(a) == 0;
}

OpForm ipuAsmChooseForm(AsmPrinter *p, IpuOp *op) {
  if (p->opts.generic)
    return FORM_GENERIC;
  const IpuOpDef *def = ipuIrOpDef(op);
  if (!def)
    return FORM_GENERIC;
  bool plain = op->numSuccessors == 0;
  if (def->name && def->name[0] == 'b' && nameIs(def, "builtin.module")) {
    IpuAttr name = ipuOpGetAttr(op, "sym_name");
    if (plain && ipuOpGetNumOperands(op) == 0 && ipuOpGetNumResults(op) == 0 &&
        op->numRegions == 1 &&
        (!name || ipuAttrGetKind(name) == IPU_ATTR_STRING) &&
        attrsMergeable(p, op))
      return FORM_MODULE;
    return FORM_GENERIC;
  }
  if (def->name && def->name[0] == 'f' && !strncmp(def->name, "func.", 5)) {
    if (nameIs(def, "func.func"))
      return plain && ipuAsmFuncIsValid(op) && attrsMergeable(p, op)
                 ? FORM_FUNC
                 : FORM_GENERIC;
    if (nameIs(def, "func.return"))
      return plain && ipuOpGetNumResults(op) == 0 &&
                     op->numRegions == 0 && attrsMergeable(p, op)
                 ? FORM_RETURN
                 : FORM_GENERIC;
    if (nameIs(def, "func.call"))
      return plain && op->numRegions == 0 &&
                     isFlatSymbolRef(ipuOpGetAttr(op, "callee")) &&
                     attrsMergeable(p, op)
                 ? FORM_CALL
                 : FORM_GENERIC;
  }
  return ipuAsmShortFormIsValid(p, op) ? FORM_SHORT : FORM_GENERIC;
}

RegionStyle ipuAsmRegionStyle(OpForm form) {
  switch (form) {
  case FORM_MODULE:
    return (RegionStyle){true, false, "builtin"};
  case FORM_FUNC:
    return (RegionStyle){false, false, "func"};
  default:
    return (RegionStyle){true, true, ""};
  }
}

intptr_t ipuAsmNumPrintedRegions(IpuOp *op, OpForm form) {
  if (form == FORM_FUNC)
    return ipuRegionIsEmpty(ipuOpGetRegion(op, 0)) ? 0 : 1;
  return (intptr_t)op->numRegions;
}

void ipuAsmPrintOpName(AsmPrinter *p, IpuOp *op, const char *defaultDialect) {
  IpuStringRef name = ipuIdentStr(ipuOpGetName(op));
  size_t dl = strlen(defaultDialect);
  if (dl && name.length > dl + 1 && !memcmp(name.data, defaultDialect, dl) &&
      name.data[dl] == '.' && !memchr(name.data + dl + 1, '.', name.length - dl - 1)) {
    name.data += dl + 1;
    name.length -= dl + 1;
  }
  psStr(p->os, name);
}

/* ---- Generic form pieces. ------------------------------------------- */
void ipuAsmPrintOperandList(AsmPrinter *p, IpuOp *op) {
  IpuOpOperand *operands = ipuIrOpOperands(op);
  for (uint32_t i = 0; i < op->numOperands; i++) {
    if (i)
      psWrite(p->os, ", ", 2);
    ipuAsmPrintValue(p, operands[i].value, true);
  }
}

static void printSuccessors(AsmPrinter *p, IpuOp *op) {
  intptr_t n = (intptr_t)op->numSuccessors;
  if (!n)
    return;
  psPutc(p->os, '[');
  for (intptr_t i = 0; i < n; i++) {
    if (i)
      psWrite(p->os, ", ", 2);
    ipuAsmPrintBlockName(p, ipuOpGetSuccessor(op, i));
  }
  psPutc(p->os, ']');
}

static void genericHead(AsmPrinter *p, IpuOp *op) {
  PrintStream *os = p->os;
  if (op->info->plainName) {
    psPutc(os, '"');
    psStr(os, op->info->name);
    psPutc(os, '"');
  } else {
    psQuoted(os, op->info->name);
  }
  psPutc(os, '(');
  ipuAsmPrintOperandList(p, op);
  psPutc(os, ')');
  printSuccessors(p, op);
  IpuAttr props = ipuIrOpProps(op);
  if (props && ipuIrOpDef(op) && ipuAttrGetKind(props) == IPU_ATTR_DICTIONARY &&
      ipuDictionaryAttrGetNumEntries(props) == 0)
    props = NULL; /* registered ops with no inherent attributes set */
  if (props) {
    psWrite(os, " <", 2);
    ipuAsmPrintAttr(p, props, ELIDE_NEVER);
    psPutc(os, '>');
  }
  if (op->numRegions)
    psWrite(os, " (", 2);
}

static void genericTail(AsmPrinter *p, IpuOp *op) {
  if (op->numRegions)
    psPutc(p->os, ')');
  IpuAttr dict = ipuIrOpAttrs(op);
  intptr_t n = ipuAttrIsKind(dict, IPU_ATTR_DICTIONARY) ? dict->u.dict.n : 0;
  if (n) {
    const IpuNamedAttr *entries = dict->u.dict.entries;
    psWrite(p->os, " {", 2);
    for (intptr_t i = 0; i < n; i++) {
      if (i)
        psWrite(p->os, ", ", 2);
      ipuAsmPrintNamedAttr(p, entries[i]);
    }
    psPutc(p->os, '}');
  }
  psWrite(p->os, " : ", 3);
  ipuAsmPrintFunctionalType(p, op);
}

static void printResultNames(AsmPrinter *p, IpuOp *op) {
  uint32_t n = op->numResults;
  if (!n)
    return;
  ipuAsmPrintValue(p, ipuIrOpResult(op, 0), false);
  if (n > 1) {
    psPutc(p->os, ':');
    psUInt(p->os, (uint64_t)n);
  }
  psWrite(p->os, " = ", 3);
}

static void printHead(AsmPrinter *p, IpuOp *op, OpForm form,
                      const char *defaultDialect) {
  switch (form) {
  case FORM_GENERIC:
    genericHead(p, op);
    return;
  case FORM_MODULE:
    ipuAsmPrintOpName(p, op, defaultDialect);
    ipuAsmModuleHead(p, op);
    return;
  case FORM_FUNC:
    ipuAsmPrintOpName(p, op, defaultDialect);
    ipuAsmFuncHead(p, op);
    return;
  case FORM_RETURN:
    ipuAsmPrintOpName(p, op, defaultDialect);
    ipuAsmReturnPrint(p, op);
    return;
  case FORM_CALL:
    ipuAsmPrintOpName(p, op, defaultDialect);
    ipuAsmCallPrint(p, op);
    return;
  case FORM_SHORT:
    ipuAsmShortHead(p, op, defaultDialect);
    return;
  }
}

static void printTail(AsmPrinter *p, IpuOp *op, OpForm form) {
  if (form == FORM_GENERIC)
    genericTail(p, op);
  else if (form == FORM_SHORT)
    ipuAsmShortTail(p, op);
  if (p->opts.debugInfo) /* asking makes a packed location: only if needed */
    ipuAsmPrintTrailingLocation(p, ipuOpGetLoc(op), true);
}

/* ---- Blocks: labels with arguments and predecessor comments. --------- */
typedef struct {
  uint32_t succ, pred; /* block orderings */
} Edge;

static int compareEdges(const void *pa, const void *pb) {
  const Edge *a = pa, *b = pb;
  if (a->succ != b->succ)
    return a->succ < b->succ ? -1 : 1;
  return a->pred < b->pred ? -1 : a->pred > b->pred;
}

typedef struct {
  IpuOp *op;
  OpForm form;
  RegionStyle style;
  intptr_t regionIdx, numRegions;
  IpuRegion *region;
  IpuBlock *block;
  IpuOp *nextOp;
  Edge *edges; /* control-flow edges of the current region, sorted */
  size_t numEdges, edgeCursor;
  bool edgesScanned;
} OpFrame;

static void scanEdges(AsmPrinter *p, OpFrame *f) {
  f->edgesScanned = true;
  size_t cap = 0;
  for (IpuBlock *b = ipuRegionGetFirstBlock(f->region); b; b = ipuBlockGetNext(b)) {
    int64_t predOrd = ipuAsmBlockOrdering(p, b);
    for (IpuOp *op = ipuBlockGetFirstOp(b); op; op = op->next) {
      intptr_t ns = (intptr_t)op->numSuccessors;
      for (intptr_t i = 0; i < ns; i++) {
        IpuBlock *s = ipuOpGetSuccessor(op, i);
        int64_t succOrd = ipuAsmBlockOrdering(p, s);
        if (!s || succOrd < 0 || predOrd < 0 ||
            ipuBlockGetParentRegion(s) != f->region)
          continue;
        if (!ipuAsmGrow(p, (void **)&f->edges, &cap, f->numEdges + 1,
                        sizeof *f->edges))
          return;
        f->edges[f->numEdges++] = (Edge){(uint32_t)succOrd, (uint32_t)predOrd};
      }
    }
  }
  if (f->numEdges > 1)
    qsort(f->edges, f->numEdges, sizeof *f->edges, compareEdges);
}

static void printPredComment(AsmPrinter *p, OpFrame *f, IpuBlock *b) {
  PrintStream *os = p->os;
  bool entry = ipuBlockIsEntryBlock(b);
  if (!ipuBlockHasPredecessors(b)) {
    if (!entry)
      psPuts(os, "  // no predecessors");
    return;
  }
  if (!f->edgesScanned)
    scanEdges(p, f);
  int64_t ord = ipuAsmBlockOrdering(p, b);
  while (f->edgeCursor < f->numEdges && f->edges[f->edgeCursor].succ < ord)
    f->edgeCursor++;
  size_t first = f->edgeCursor, count = 0;
  while (first + count < f->numEdges && f->edges[first + count].succ == ord)
    count++;
  if (count == 0) {
    if (!entry)
      psPuts(os, "  // no predecessors");
    return;
  }
  if (count == 1) {
    psPuts(os, "  // pred: ^bb");
    psUInt(os, f->edges[first].pred);
    return;
  }
  psWrite(os, "  // ", 5);
  psUInt(os, count);
  psWrite(os, " preds: ", 8);
  for (size_t i = 0; i < count; i++) {
    if (i)
      psWrite(os, ", ", 2);
    psWrite(os, "^bb", 3);
    psUInt(os, f->edges[first + i].pred);
  }
}

static void printBlockHeader(AsmPrinter *p, OpFrame *f, IpuBlock *b) {
  PrintStream *os = p->os;
  psIndent(os, p->indent);
  ipuAsmPrintBlockName(p, b);
  intptr_t n = ipuBlockGetNumArguments(b);
  if (n) {
    psPutc(os, '(');
    for (intptr_t i = 0; i < n; i++) {
      IpuValue arg = ipuBlockGetArgument(b, i);
      if (i)
        psWrite(os, ", ", 2);
      ipuAsmPrintValue(p, arg, true);
      psWrite(os, ": ", 2);
      ipuAsmPrintType(p, ipuValueGetType(arg));
      if (p->opts.debugInfo)
        ipuAsmPrintTrailingLocation(p, ipuValueGetLoc(arg), false);
    }
    psPutc(os, ')');
  }
  psPutc(os, ':');
  printPredComment(p, f, b);
  psPutc(os, '\n');
}

/* Enters `b`: its label when needed, then its ops one indent deeper. */
static void enterBlock(AsmPrinter *p, OpFrame *f, IpuBlock *b, bool header) {
  f->block = b;
  if (header)
    printBlockHeader(p, f, b);
  p->indent += 2;
  f->nextOp = ipuBlockGetFirstOp(b);
}

static void startRegion(AsmPrinter *p, OpFrame *f) {
  f->region = ipuOpGetRegion(f->op, f->regionIdx);
  f->block = NULL;
  f->nextOp = NULL;
  f->edges = NULL;
  f->numEdges = f->edgeCursor = 0;
  f->edgesScanned = false;
  psWrite(p->os, "{\n", 2);
  IpuBlock *entry = ipuRegionGetFirstBlock(f->region);
  if (!entry)
    return;
  bool header =
      (f->style.printEmptyBlock && ipuBlockIsEmpty(entry)) ||
      (f->style.printEntryBlockArgs && ipuBlockGetNumArguments(entry) != 0);
  enterBlock(p, f, entry, header);
}

static void skippedRegions(AsmPrinter *p, intptr_t n) {
  for (intptr_t i = 0; i < n; i++) {
    if (i)
      psWrite(p->os, ", ", 2);
    psWrite(p->os, "{...}", 5);
  }
}

/* Prints the op whose indentation is already out; returns true when it
 * pushed a frame to print its regions. */
static bool beginOp(AsmPrinter *p, OpFrame **frames, size_t *n, size_t *cap,
                    IpuOp *op, const char *defaultDialect) {
  OpForm form = ipuAsmChooseForm(p, op);
  printResultNames(p, op);
  printHead(p, op, form, defaultDialect);
  intptr_t numRegions = ipuAsmNumPrintedRegions(op, form);
  if (numRegions && p->opts.skipRegions) {
    skippedRegions(p, numRegions);
    numRegions = 0;
  }
  if (!numRegions) {
    printTail(p, op, form);
    return false;
  }
  if (!ipuAsmGrow(p, (void **)frames, cap, *n + 1, sizeof **frames))
    return false;
  OpFrame *f = &(*frames)[(*n)++];
  memset(f, 0, sizeof *f);
  f->op = op;
  f->form = form;
  f->style = ipuAsmRegionStyle(form);
  f->numRegions = numRegions;
  startRegion(p, f);
  return true;
}

static void printOpTree(AsmPrinter *p, IpuOp *root, const char *defaultDialect) {
  OpFrame *frames = NULL;
  size_t n = 0, cap = 0;
  psIndent(p->os, p->indent);
  if (!beginOp(p, &frames, &n, &cap, root, defaultDialect)) {
    if (frames)
      ipuFree(p->ctx, frames);
    return;
  }
  while (n && !p->oom) {
    OpFrame *f = &frames[n - 1];
    if (f->nextOp) {
      IpuOp *op = f->nextOp;
      f->nextOp = op->next;
      psIndent(p->os, p->indent);
      if (!beginOp(p, &frames, &n, &cap, op, f->style.defaultDialect))
        psPutc(p->os, '\n');
      continue;
    }
    if (f->block) {
      p->indent -= 2;
      IpuBlock *next = ipuBlockGetNext(f->block);
      f->block = NULL;
      if (next)
        enterBlock(p, f, next, true);
      continue;
    }
    /* The region is done. */
    if (f->edges)
      ipuFree(p->ctx, f->edges);
    f->edges = NULL;
    psIndent(p->os, p->indent);
    psPutc(p->os, '}');
    if (++f->regionIdx < f->numRegions) {
      psWrite(p->os, ", ", 2);
      startRegion(p, f);
      continue;
    }
    printTail(p, f->op, f->form);
    n--;
    if (n)
      psPutc(p->os, '\n'); /* ends the op's line in its parent block */
  }
  for (size_t i = 0; i < n; i++)
    if (frames[i].edges)
      ipuFree(p->ctx, frames[i].edges);
  if (frames)
    ipuFree(p->ctx, frames);
}

void ipuOpPrint(IpuOp *op, const IpuPrintOptions *opts, IpuStringCallback cb,
                void *userData) {
  if (!op) {
    if (cb)
      cb(ipuStringRefFromCString("<<NULL OPERATION>>"), userData);
    return;
  }
  IpuContext *ctx = ipuOpGetContext(op);
  PrintStream os;
  ipuPrintStreamInit(&os, ctx, cb, userData);
  AsmPrinter p;
  ipuAsmPrinterInit(&p, ctx, &os, opts);

  /* Names are numbered from the top-level ancestor, as MLIR does. */
  IpuOp *root = op;
  for (IpuOp *parent = ipuOpGetParentOp(root); parent;
       parent = ipuOpGetParentOp(parent))
    root = parent;
  bool topLevel = ipuOpGetBlock(op) == NULL;
  p.typeCache = ipuCalloc(ctx, TYPE_CACHE_SIZE, sizeof *p.typeCache);
  p.sigCache = ipuCalloc(ctx, SIG_CACHE_SIZE, sizeof *p.sigCache);
  p.entryCache = ipuCalloc(ctx, ENTRY_CACHE_SIZE, sizeof *p.entryCache);
  p.names = ipuAsmNamesCreate(&p, root, p.opts.generic);
  if (topLevel) {
    /* prettyDebugInfo prints every location inline, as MLIR's local scope
     * does; otherwise locations get #loc aliases. */
    if (!p.opts.prettyDebugInfo)
      p.aliases = ipuAsmAliasesCreate(&p, op);
    p.recordResources = !p.opts.noResources;
    ipuAsmPrintAliasDefinitions(&p, false);
  }
  printOpTree(&p, op, "builtin");
  if (topLevel) {
    psPutc(&os, '\n');
    ipuAsmPrintAliasDefinitions(&p, true);
    if (p.recordResources)
      ipuAsmPrintResourceSection(&p);
  }
  ipuAsmPrinterDispose(&p);
  ipuPrintStreamFinish(&os);
}
