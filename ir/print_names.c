/* SSA value and block names, numbered once per print as MLIR's SSANameState:
 * %0, %1... and %argN for entry-block arguments, ^bbN per region. Regions
 * start from their parent region's counters (custom form) or share one
 * running counter in MLIR's stack order (generic form: unique IDs). */
#include "print_internal.h"

/* Map values: block ordering for blocks; for values the number, with this
 * bit set for entry-block arguments (%argN). */
#define ARG_NAME_BIT 0x80000000u

struct NameState {
  PrintPtrMap ids;
};

typedef struct {
  IpuRegion *region;
  uint32_t nextValue, nextArg;
} PendingRegion;

typedef struct {
  AsmPrinter *p;
  NameState *ns;
  PendingRegion *stack;
  size_t n, cap;
  uint32_t nextValue, nextArg;
  bool ok;
} Numbering;

static void put(Numbering *nb, const void *key, uint32_t value) {
  if (nb->ok && !ipuPrintMapPut(nb->p->ctx, &nb->ns->ids, key, value)) {
    nb->ok = false;
    ipuAsmPrinterOutOfMemory(nb->p);
  }
}

static void numberOp(Numbering *nb, IpuOp *op) {
  if (ipuOpGetNumResults(op) > 0)
    put(nb, ipuOpGetResult(op, 0), nb->nextValue++);
}

static void pushRegionsOf(Numbering *nb, IpuOp *op) {
  intptr_t n = ipuOpGetNumRegions(op);
  for (intptr_t i = 0; i < n && nb->ok; i++) {
    if (!ipuAsmGrow(nb->p, (void **)&nb->stack, &nb->cap, nb->n + 1,
                    sizeof *nb->stack)) {
      nb->ok = false;
      return;
    }
    nb->stack[nb->n++] =
        (PendingRegion){ipuOpGetRegion(op, i), nb->nextValue, nb->nextArg};
  }
}

static void numberRegion(Numbering *nb, IpuRegion *r) {
  uint32_t ordering = 0;
  for (IpuBlock *b = ipuRegionGetFirstBlock(r); b && nb->ok;
       b = ipuBlockGetNext(b)) {
    put(nb, b, ordering);
    bool entry = ordering == 0;
    ordering++;
    intptr_t numArgs = ipuBlockGetNumArguments(b);
    for (intptr_t i = 0; i < numArgs; i++) {
      if (entry)
        put(nb, ipuBlockGetArgument(b, i), ARG_NAME_BIT | nb->nextArg++);
      else
        put(nb, ipuBlockGetArgument(b, i), nb->nextValue++);
    }
    for (IpuOp *op = ipuBlockGetFirstOp(b); op; op = ipuOpGetNext(op))
      numberOp(nb, op);
  }
}

NameState *ipuAsmNamesCreate(AsmPrinter *p, IpuOp *root, bool unique) {
  NameState *ns = ipuCalloc(p->ctx, 1, sizeof *ns);
  if (!ns) {
    ipuAsmPrinterOutOfMemory(p);
    return NULL;
  }
  Numbering nb = {p, ns, NULL, 0, 0, 0, 0, true};
  pushRegionsOf(&nb, root);
  numberOp(&nb, root);
  while (nb.n && nb.ok) {
    PendingRegion pending = nb.stack[--nb.n];
    if (!unique) {
      nb.nextValue = pending.nextValue;
      nb.nextArg = pending.nextArg;
    }
    numberRegion(&nb, pending.region);
    for (IpuBlock *b = ipuRegionGetFirstBlock(pending.region); b && nb.ok;
         b = ipuBlockGetNext(b))
      for (IpuOp *op = ipuBlockGetFirstOp(b); op; op = ipuOpGetNext(op))
        if (ipuOpGetNumRegions(op))
          pushRegionsOf(&nb, op);
  }
  if (nb.stack)
    ipuFree(p->ctx, nb.stack);
  return ns;
}

void ipuAsmNamesDestroy(AsmPrinter *p, NameState *ns) {
  if (!ns)
    return;
  ipuPrintMapDestroy(p->ctx, &ns->ids);
  ipuFree(p->ctx, ns);
}

void ipuAsmPrintValue(AsmPrinter *p, IpuValue v, bool printResultNo) {
  PrintStream *os = p->os;
  if (!v) {
    psPuts(os, "<<NULL VALUE>>");
    return;
  }
  IpuValue key = v;
  intptr_t resultNo = -1;
  if (ipuValueIsOpResult(v)) {
    IpuOp *owner = ipuValueGetDefiningOp(v);
    if (owner && ipuOpGetNumResults(owner) > 1) {
      resultNo = ipuValueGetIndex(v);
      key = ipuOpGetResult(owner, 0);
    }
  }
  uint32_t id;
  if (!p->names || !ipuPrintMapGet(&p->names->ids, key, &id)) {
    psPuts(os, "<<UNKNOWN SSA VALUE>>");
    return;
  }
  psPutc(os, '%');
  if (id & ARG_NAME_BIT) {
    psWrite(os, "arg", 3);
    id &= ~ARG_NAME_BIT;
  }
  psUInt(os, id);
  if (resultNo >= 0 && printResultNo) {
    psPutc(os, '#');
    psUInt(os, (uint64_t)resultNo);
  }
}

int64_t ipuAsmBlockOrdering(AsmPrinter *p, IpuBlock *b) {
  uint32_t ordering;
  if (!b || !p->names || !ipuPrintMapGet(&p->names->ids, b, &ordering))
    return -1;
  return ordering;
}

void ipuAsmPrintBlockName(AsmPrinter *p, IpuBlock *b) {
  int64_t ordering = ipuAsmBlockOrdering(p, b);
  if (ordering < 0) {
    psPuts(p->os, "INVALIDBLOCK");
    return;
  }
  psWrite(p->os, "^bb", 3);
  psUInt(p->os, (uint64_t)ordering);
}
