/* SSA value and block names, numbered once per print as MLIR's SSANameState:
 * %0, %1... and %argN for entry-block arguments, ^bbN per region. Regions
 * start from their parent region's counters (custom form) or share one
 * running counter in MLIR's stack order (generic form: unique IDs).
 *
 * The numbers live in the values' and blocks' printId fields (number + 1),
 * so naming costs no memory and no hashing. Only the blocks' fields are
 * cleared after the print (from a list): a value's number counts while its
 * block (or, for the root's results, the root) is numbered, so stale value
 * fields from earlier prints are never read. A printer started while another
 * one holds those fields (from a diagnostic handler, say) keeps its numbers
 * in a hash map. */
#include "op_impl.h"
#include "print_internal.h"

/* Values of the map (fallback): block ordering for blocks; for values the
 * number, with this bit set for entry-block arguments (%argN). The same bit
 * marks them in printId fields. */
#define ARG_NAME_BIT 0x80000000u

struct NameState {
  IpuOp *root;
  bool inFields; /* numbers are in printId fields (else in `ids`) */
  PrintPtrMap ids;
  IpuBlock **blocks; /* blocks whose printId is set, to clear */
  size_t numBlocks, capBlocks;
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

static void putInMap(Numbering *nb, const void *key, uint32_t value) {
  if (nb->ok && !ipuPrintMapPut(nb->p->ctx, &nb->ns->ids, key, value)) {
    nb->ok = false;
    ipuAsmPrinterOutOfMemory(nb->p);
  }
}

static void putValue(Numbering *nb, struct IpuValueImpl *v, uint32_t id) {
  if (nb->ns->inFields)
    v->printId = id + 1;
  else
    putInMap(nb, v, id);
}

static void putBlock(Numbering *nb, IpuBlock *b, uint32_t ordering) {
  NameState *ns = nb->ns;
  if (!ns->inFields) {
    putInMap(nb, b, ordering);
    return;
  }
  if (!ipuAsmGrow(nb->p, (void **)&ns->blocks, &ns->capBlocks,
                  ns->numBlocks + 1, sizeof *ns->blocks)) {
    nb->ok = false;
    return;
  }
  ns->blocks[ns->numBlocks++] = b;
  b->printId = ordering + 1;
}

/* Only result 0 is numbered: the others print as %N#i. */
static void numberOp(Numbering *nb, IpuOp *op) {
  if (op->numResults > 0)
    putValue(nb, ipuIrOpResult(op, 0), nb->nextValue++);
}

static void pushRegionsOf(Numbering *nb, IpuOp *op) {
  for (uint32_t i = 0; i < op->numRegions && nb->ok; i++) {
    if (!ipuAsmGrow(nb->p, (void **)&nb->stack, &nb->cap, nb->n + 1,
                    sizeof *nb->stack)) {
      nb->ok = false;
      return;
    }
    nb->stack[nb->n++] =
        (PendingRegion){ipuIrOpRegion(op, i), nb->nextValue, nb->nextArg};
  }
}

static void numberRegion(Numbering *nb, IpuRegion *r) {
  uint32_t ordering = 0;
  for (IpuBlock *b = r->firstBlock; b && nb->ok; b = b->next) {
    putBlock(nb, b, ordering);
    bool entry = ordering == 0;
    ordering++;
    for (int32_t i = 0; i < b->numArgs; i++) {
      if (entry)
        putValue(nb, &b->args[i]->value, ARG_NAME_BIT | nb->nextArg++);
      else
        putValue(nb, &b->args[i]->value, nb->nextValue++);
    }
    for (IpuOp *op = b->firstOp; op; op = op->next)
      numberOp(nb, op);
  }
}

NameState *ipuAsmNamesCreate(AsmPrinter *p, IpuOp *root, bool unique) {
  NameState *ns = ipuCalloc(p->ctx, 1, sizeof *ns);
  if (!ns) {
    ipuAsmPrinterOutOfMemory(p);
    return NULL;
  }
  ns->root = root;
  ns->inFields = !p->ctx->printingNames;
  if (ns->inFields)
    p->ctx->printingNames = true;
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
    for (IpuBlock *b = pending.region->firstBlock; b && nb.ok; b = b->next)
      for (IpuOp *op = b->firstOp; op; op = op->next)
        if (op->numRegions)
          pushRegionsOf(&nb, op);
  }
  if (nb.stack)
    ipuFree(p->ctx, nb.stack);
  return ns;
}

void ipuAsmNamesDestroy(AsmPrinter *p, NameState *ns) {
  if (!ns)
    return;
  if (ns->inFields) {
    for (size_t i = 0; i < ns->numBlocks; i++)
      ns->blocks[i]->printId = 0;
    p->ctx->printingNames = false;
  }
  if (ns->blocks)
    ipuFree(p->ctx, ns->blocks);
  ipuPrintMapDestroy(p->ctx, &ns->ids);
  ipuFree(p->ctx, ns);
}

/* Whether the printId of `v` is from this print: its block is numbered. */
static bool numberedHere(const NameState *ns, IpuValue v) {
  if (ipuIrValueIsArg(v))
    return ipuIrAsBlockArg(v)->owner->printId != 0;
  IpuOp *owner = ipuIrResultOwner(v);
  return owner == ns->root || (owner->block && owner->block->printId != 0);
}

/* The number of `v` (with ARG_NAME_BIT), or false when it has none. */
static bool valueId(const NameState *ns, IpuValue v, uint32_t *id) {
  if (!ns)
    return false;
  if (!ns->inFields)
    return ipuPrintMapGet(&ns->ids, v, id);
  if (!v->printId || !numberedHere(ns, v))
    return false;
  *id = v->printId - 1;
  return true;
}

void ipuAsmPrintValue(AsmPrinter *p, IpuValue v, bool printResultNo) {
  PrintStream *os = p->os;
  if (!v) {
    psPuts(os, "<<NULL VALUE>>");
    return;
  }
  IpuValue key = v;
  intptr_t resultNo = -1;
  if (!ipuIrValueIsArg(v)) {
    IpuOp *owner = ipuIrResultOwner(v);
    if (owner->numResults > 1) {
      resultNo = ipuIrValueIndex(v);
      key = ipuIrOpResult(owner, 0);
    }
  }
  uint32_t id;
  if (!valueId(p->names, key, &id)) {
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
  const NameState *ns = p->names;
  if (!b || !ns)
    return -1;
  if (ns->inFields)
    return b->printId ? (int64_t)b->printId - 1 : -1;
  uint32_t ordering;
  if (!ipuPrintMapGet(&ns->ids, b, &ordering))
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
