/* Private layouts of operations, values, operands, blocks and regions, for
 * the ir/ files that need direct field access (verifier, printer, walkers). */
#ifndef IPU_IR_OP_IMPL_H
#define IPU_IR_OP_IMPL_H

#include <stddef.h>

#include "context_impl.h"
#include "ipu/opdef.h"

/* Memory layout of an op: ONE slab object (see slab.c) holds
 *   regions[numRegions] (pointers) | successors[numSuccessors]
 *   | results[numResults], last result first | struct IpuOp
 *   | inline operands[numOperands at creation]
 * as MLIR places results before the op: result i lies i + 1 values below
 * the op, and inline operands start right after it, so neither a result
 * nor an operand spends a field on its owner. Operands move to a heap
 * block (IpuIrHeapOperands) when ipuOpSetOperands changes their count; the
 * op then reaches it through its extension record (IpuIrOpExt), which also
 * holds properties: ops without either pay nothing for them. */

/* A value: op result or block argument. `bits` holds the result or
 * argument number shifted left once, the low bit set for block arguments.
 * `printId` belongs to the printer (print_names.c): the SSA number + 1,
 * valid only while its block is being printed. */
struct IpuValueImpl {
  IpuType type;       /* uniqued in the context */
  uintptr_t firstUse; /* IpuOpOperand *: head of the use list (not owned);
                         its low bits are always zero (see IpuOpOperand) */
  uint32_t bits;
  uint32_t printId;
};

/* A block argument: allocated on its own so that its handle stays valid
 * while the block's argument array grows. */
typedef struct {
  struct IpuValueImpl value; /* must be first: IpuValue points here */
  IpuBlock *owner;           /* block whose argument this is */
  uint64_t loc;              /* where it was declared: as IpuOp.loc */
} IpuBlockArgument;

/* One use of a value, 24 bytes: it lives in its owner's operand storage
 * and finds the owner from its position. For that, each operand carries a
 * 6-bit tag in the low three bits of `next` and of `prev` (the pointers
 * they hold are 8-byte aligned): min(index, 31) in bits 0-4 and, in bit 5,
 * whether the array is a heap block (owner pointer before it) or inline
 * (the op right before it). `prev` points at the link that points at this
 * use: the value's firstUse or the previous use's `next`; stores into a
 * link keep its low bits. */
struct IpuOpOperand {
  IpuValue value; /* the used value; NULL once dropped */
  uintptr_t next; /* IpuOpOperand * of the next use of `value` | tag low */
  uintptr_t prev; /* uintptr_t * link that points at us | tag high */
};

#define IPU_IR_TAG_BITS ((uintptr_t)7)
#define IPU_IR_TAG_ESCAPE 31u
#define IPU_IR_TAG_HEAP 32u

/* Operand storage after ipuOpSetOperands changed the count: `owner` sits
 * right before the operands. */
typedef struct {
  uint32_t capacity;       /* operands that fit */
  uint32_t inlineCapacity; /* operand slots still in the op's own object */
  IpuOp *owner;
  IpuOpOperand operands[];
} IpuIrHeapOperands;

/* One successor of a terminator: a use of a block (its predecessor list). */
typedef struct IpuBlockOperand {
  IpuBlock *block;                   /* the successor; NULL once dropped */
  struct IpuBlockOperand *nextUse;   /* next use of the same block */
  struct IpuBlockOperand **prevLink; /* the pointer that points at this use */
  IpuOp *owner;                      /* op whose successor this is */
} IpuBlockOperand;

struct IpuRegion {
  IpuContext *ctx;      /* allocator of the region and its blocks */
  IpuBlock *firstBlock; /* owned: blocks in a doubly linked list */
  IpuBlock *lastBlock;  /* last of that list */
  IpuOp *parentOp;      /* owner op; NULL while detached */
  int32_t numBlocks;    /* length of the block list */
  int32_t index;        /* position in parentOp's regions; -1 if detached */
  uint32_t walkLevel;   /* the verifier's scratch: nesting level + 1 */
};

struct IpuBlock {
  IpuContext *ctx;            /* allocator of the block and its arguments */
  IpuBlock *prev, *next;      /* siblings in the parent region */
  IpuRegion *parent;          /* owner region; NULL while detached */
  IpuOp *firstOp, *lastOp;    /* owned: ops in a doubly linked list */
  IpuBlockArgument **args;    /* owned array of owned arguments */
  int32_t numArgs, capArgs;   /* used and allocated entries of `args` */
  IpuBlockOperand *firstPred; /* head of the successor uses naming us */
  uint32_t printId;           /* the printer's scratch, as values' */
  bool opOrderValid;          /* the ops' orderIndex fields are increasing */
};

/* Per-context record of one op name, as MLIR's OperationName: an op spends
 * one field on its name, definition, dialect and context. Registered names
 * get one at registration, others with their first op; they live as long
 * as the context (arena). */
typedef struct IpuOpNameInfo {
  IpuStringRef name; /* the ident's text; first, for string-keyed tables */
  IpuIdent ident;
  IpuContext *ctx;
  const IpuOpDef *def;          /* NULL: not registered */
  const IpuDialectDef *dialect; /* the dialect that registered `def` */
  intptr_t dialectsSeen; /* ctx->numDialects when `inDialect` was computed */
  const IpuDialectDef *inDialect; /* unregistered: the registered dialect
                                     its prefix names, or NULL */
  bool plainName; /* prints quoted without escapes (printable ASCII) */
} IpuOpNameInfo;

/* What only some ops need: properties and operands out of the object. */
typedef struct {
  IpuAttr attrs;              /* the discardable dictionary, or NULL */
  IpuAttr props;              /* properties, or NULL */
  IpuIrHeapOperands *heap;    /* operands moved out, or NULL */
} IpuIrOpExt;

struct IpuOp {
  IpuOp *prev, *next;         /* siblings in the parent block */
  IpuBlock *block;            /* parent block; NULL while detached */
  const IpuOpNameInfo *info;  /* name, definition and context */
  uint64_t loc;      /* IpuLocation, or (bit 0 set) a packed file:line:col
                        made into a location when asked: ipuIrOpLoc */
  uintptr_t attrs;   /* discardable dictionary or 0 (empty); bit 0 set: an
                        IpuIrOpExt * */
  uint32_t numResults;
  uint32_t numOperands;
  uint32_t orderIndex;        /* meaningful only while block->opOrderValid */
  uint16_t numSuccessors;
  uint16_t numRegions;
};

/* Limits checked by ipuOpCreate. */
#define IPU_IR_MAX_VALUES (UINT32_MAX / 64)
#define IPU_IR_MAX_SUCCESSORS_OR_REGIONS UINT16_MAX

/* Gap left between consecutive order indices, as MLIR's kOrderStride. */
#define IPU_OP_ORDER_STRIDE 5u

static inline IpuContext *ipuIrOpCtx(const IpuOp *op) { return op->info->ctx; }
static inline const IpuOpDef *ipuIrOpDef(const IpuOp *op) {
  return op->info->def;
}
static inline IpuIdent ipuIrOpName(const IpuOp *op) { return op->info->ident; }

/* ---- Values. ---------------------------------------------------------- */
static inline uint32_t ipuIrValueIndex(const struct IpuValueImpl *v) {
  return v->bits >> 1;
}
static inline bool ipuIrValueIsArg(const struct IpuValueImpl *v) {
  return v->bits & 1u;
}
static inline IpuOpOperand *ipuIrFirstUse(const struct IpuValueImpl *v) {
  return (IpuOpOperand *)v->firstUse;
}
static inline IpuOpOperand *ipuIrNextUse(const IpuOpOperand *use) {
  return (IpuOpOperand *)(use->next & ~IPU_IR_TAG_BITS);
}
static inline struct IpuValueImpl *ipuIrOpResult(const IpuOp *op, uint32_t i) {
  return (struct IpuValueImpl *)op - 1 - i;
}
static inline IpuOp *ipuIrResultOwner(IpuValue v) {
  return (IpuOp *)(v + ipuIrValueIndex(v) + 1);
}
static inline IpuBlockArgument *ipuIrAsBlockArg(IpuValue v) {
  return (IpuBlockArgument *)v;
}

/* ---- The parts of an op's object. ------------------------------------- */
static inline IpuBlockOperand *ipuIrOpSuccessors(const IpuOp *op) {
  return (IpuBlockOperand *)(ipuIrOpResult(op, 0) + 1 - op->numResults) -
         op->numSuccessors;
}
static inline IpuRegion **ipuIrOpRegions(const IpuOp *op) {
  return (IpuRegion **)ipuIrOpSuccessors(op) - op->numRegions;
}
static inline IpuOpOperand *ipuIrOpInlineOperands(const IpuOp *op) {
  return (IpuOpOperand *)(op + 1);
}
static inline IpuIrOpExt *ipuIrOpGetExt(const IpuOp *op) {
  return op->attrs & 1u ? (IpuIrOpExt *)(op->attrs - 1) : NULL;
}
static inline IpuIrHeapOperands *ipuIrOpHeapOperands(const IpuOp *op) {
  IpuIrOpExt *ext = ipuIrOpGetExt(op);
  return ext ? ext->heap : NULL;
}
/* The op's operands, wherever they are. */
static inline IpuOpOperand *ipuIrOpOperands(const IpuOp *op) {
  IpuIrHeapOperands *heap = ipuIrOpHeapOperands(op);
  return heap ? heap->operands : ipuIrOpInlineOperands(op);
}
static inline IpuRegion *ipuIrOpRegion(const IpuOp *op, uint32_t i) {
  return ipuIrOpRegions(op)[i];
}
static inline IpuOp *ipuIrBlockParentOp(const IpuBlock *b) {
  return b->parent ? b->parent->parentOp : NULL;
}

/* Bytes of an op's object (and where it starts) for these counts. */
static inline size_t ipuIrOpObjectSize(size_t numRegions, size_t numSuccessors,
                                       size_t numResults,
                                       size_t numInlineOperands) {
  return numRegions * sizeof(IpuRegion *) +
         numSuccessors * sizeof(IpuBlockOperand) +
         numResults * sizeof(struct IpuValueImpl) + sizeof(IpuOp) +
         numInlineOperands * sizeof(IpuOpOperand);
}
static inline IpuOp *ipuIrOpFromObject(void *object, size_t numRegions,
                                       size_t numSuccessors,
                                       size_t numResults) {
  return (IpuOp *)((char *)object +
                   ipuIrOpObjectSize(numRegions, numSuccessors, numResults, 0) -
                   sizeof(IpuOp));
}

/* ---- Attributes, properties and the location. ------------------------- */
static inline IpuAttr ipuIrOpAttrs(const IpuOp *op) {
  return op->attrs & 1u ? ((const IpuIrOpExt *)(op->attrs - 1))->attrs
                        : (IpuAttr)op->attrs;
}
static inline IpuAttr ipuIrOpProps(const IpuOp *op) {
  return op->attrs & 1u ? ((const IpuIrOpExt *)(op->attrs - 1))->props
                        : NULL;
}
/* Stores both; false (op unchanged) when an extension cannot be made. */
bool ipuIrOpSetAttrsAndProps(IpuOp *op, IpuAttr attrs, IpuAttr props);
/* The op's location, made from its packed position on first request
 * (unknown if that fails). */
IpuLocation ipuIrOpLoc(const IpuOp *op);
/* Likewise for a block argument. */
IpuLocation ipuIrBlockArgLoc(const IpuBlockArgument *arg);
/* Adds an argument whose location field is `loc` (as IpuBlockArgument). */
IpuValue ipuIrBlockAddArgumentRaw(IpuBlock *b, IpuType t, uint64_t loc);
/* A packed position for IpuOp.loc, or 0 when it does not fit (too many
 * files, a column of 2^24 or more). */
uint64_t ipuIrPackFileLineCol(IpuContext *ctx, IpuIdent file, unsigned line,
                              unsigned column);
IpuLocation ipuIrUnpackFileLineCol(IpuContext *ctx, uint64_t packed);

/* ---- Operands and use lists. ------------------------------------------ */

/* Gives `use` the tag of operand number `index` of an inline or a heap
 * array (unlinked, value NULL). */
static inline void ipuIrOperandInit(IpuOpOperand *use, uint32_t index,
                                    bool heap) {
  uint32_t tag = index < IPU_IR_TAG_ESCAPE ? index : IPU_IR_TAG_ESCAPE;
  tag |= heap ? IPU_IR_TAG_HEAP : 0u;
  use->value = NULL;
  use->next = tag & 7u;
  use->prev = tag >> 3;
}
static inline uint32_t ipuIrOperandTag(const IpuOpOperand *use) {
  return (uint32_t)((use->next & 7u) | (use->prev & 7u) << 3);
}
/* The first operand of the array that holds `use`. */
static inline IpuOpOperand *ipuIrOperandArray(const IpuOpOperand *use) {
  for (;;) {
    uint32_t index = ipuIrOperandTag(use) & (IPU_IR_TAG_HEAP - 1u);
    if (index < IPU_IR_TAG_ESCAPE)
      return (IpuOpOperand *)(use - index);
    use -= IPU_IR_TAG_ESCAPE;
  }
}
static inline IpuOp *ipuIrOperandOwner(const IpuOpOperand *use) {
  IpuOpOperand *first = ipuIrOperandArray(use);
  if (ipuIrOperandTag(use) & IPU_IR_TAG_HEAP)
    return *((IpuOp *const *)first - 1); /* IpuIrHeapOperands.owner */
  return (IpuOp *)first - 1;
}

/* Use-list maintenance (O(1)). Linking NULL leaves the use unlinked. */
static inline void ipuIrStoreLink(uintptr_t *link, uintptr_t ptr) {
  *link = (*link & IPU_IR_TAG_BITS) | ptr;
}
static inline void ipuIrOperandLink(IpuOpOperand *use, IpuValue v) {
  use->value = v;
  use->next &= IPU_IR_TAG_BITS;
  use->prev &= IPU_IR_TAG_BITS;
  if (!v)
    return;
  IpuOpOperand *head = ipuIrFirstUse(v);
  use->next |= (uintptr_t)head;
  if (head)
    ipuIrStoreLink(&head->prev, (uintptr_t)&use->next);
  use->prev |= (uintptr_t)&v->firstUse;
  v->firstUse = (uintptr_t)use;
}
static inline void ipuIrOperandUnlink(IpuOpOperand *use) {
  uintptr_t *link = (uintptr_t *)(use->prev & ~IPU_IR_TAG_BITS);
  if (link) {
    IpuOpOperand *next = ipuIrNextUse(use);
    ipuIrStoreLink(link, (uintptr_t)next);
    if (next)
      ipuIrStoreLink(&next->prev, (uintptr_t)link);
  }
  use->value = NULL;
  use->next &= IPU_IR_TAG_BITS;
  use->prev &= IPU_IR_TAG_BITS;
}
static inline void ipuIrBlockOperandLink(IpuBlockOperand *use, IpuBlock *b) {
  use->block = b;
  use->nextUse = NULL;
  use->prevLink = NULL;
  if (!b)
    return;
  use->nextUse = b->firstPred;
  if (use->nextUse)
    use->nextUse->prevLink = &use->nextUse;
  use->prevLink = &b->firstPred;
  b->firstPred = use;
}
static inline void ipuIrBlockOperandUnlink(IpuBlockOperand *use) {
  if (use->prevLink) {
    *use->prevLink = use->nextUse;
    if (use->nextUse)
      use->nextUse->prevLink = use->prevLink;
  }
  use->block = NULL;
  use->nextUse = NULL;
  use->prevLink = NULL;
}

/* ---- Creation and destruction. ---------------------------------------- */

/* A detached op object for these counts from the context's slabs, with its
 * header, results (untyped), successors (unlinked), regions (NULL) and
 * inline operands (unlinked) initialised. NULL when the hook fails. */
IpuOp *ipuIrOpAllocate(const IpuOpNameInfo *info, uint32_t numResults,
                       uint32_t numSuccessors, uint32_t numRegions,
                       uint32_t numOperands);
/* Frees the object of an op whose uses and regions are gone. */
void ipuIrOpFree(IpuOp *op);
/* The name record for `name`, made on first request; NULL when the hook
 * fails. */
const IpuOpNameInfo *ipuIrOpNameInfoGet(IpuContext *ctx, IpuStringRef name);
/* The registered dialect that the part of the name before its first dot
 * names, or NULL (cached until another dialect registers). */
const IpuDialectDef *ipuIrOpNamePrefixDialect(const IpuOpNameInfo *info);

/* Stackless traversal of the ops nested in `root` (root included), using
 * the parent links, so any nesting depth costs no memory. In pre-order,
 * `skipChildren` steps over `op`'s regions. In post-order the successor of
 * `op` depends only on its siblings and ancestors: compute it before
 * erasing `op`. */
IpuOp *ipuIrNextPreOrder(const IpuOp *op, const IpuOp *root, bool skipChildren);
IpuOp *ipuIrFirstPostOrder(IpuOp *root);
IpuOp *ipuIrNextPostOrder(const IpuOp *op, const IpuOp *root);
/* The first op of `op`'s regions from region `regionIndex` on, or NULL. */
IpuOp *ipuIrFirstNestedOp(const IpuOp *op, uint32_t regionIndex);

/* Destruction of detached IR in one pass. Uses of a dying value are cut
 * before it is freed (uses that remain from outside, a caller bug, are left
 * NULL, never dangling) and dying ops unlink their operands. */
void ipuIrDestroyDetachedOp(IpuOp *op);
void ipuIrDestroyDetachedBlock(IpuBlock *b);
void ipuIrDestroyDetachedRegion(IpuRegion *r);

/* Attaches a detached op before `before` (NULL: at the end) and keeps the
 * block's order indices valid when a gap allows. */
void ipuIrLinkOp(IpuBlock *b, IpuOp *before, IpuOp *op);
/* Unlinks an attached op; it keeps its uses. */
void ipuIrUnlinkOp(IpuOp *op);

/* Reports an allocation failure at `loc` (best effort). */
void ipuIrReportOutOfMemory(IpuContext *ctx, IpuLocation loc);

#endif
