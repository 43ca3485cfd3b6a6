/* Private layouts of operations, values, operands, blocks and regions, for
 * the ir/ files that need direct field access (verifier, printer, walkers). */
#ifndef IPU_IR_OP_IMPL_H
#define IPU_IR_OP_IMPL_H

#include <stddef.h>

#include "ipu/opdef.h"

/* Memory layout of an op: ONE allocation holds
 *   struct IpuOp | results[numResults] | successors[numSuccessors]
 *   | regions[numRegions] (pointers) | inline operands[capacity at create]
 * Operands move to a separate heap array only when ipuOpSetOperands grows
 * them past the inline capacity. A result finds its op by pointer
 * arithmetic from its index, so results carry no owner pointer. */

typedef enum { IPU_VALUE_RESULT = 0, IPU_VALUE_BLOCK_ARG = 1 } IpuValueKind;

struct IpuValueImpl {
  IpuType type;           /* uniqued in the context */
  IpuOpOperand *firstUse; /* head of the intrusive use list (uses not owned) */
  uint32_t index;         /* result number or argument number */
  uint32_t kind;          /* IpuValueKind */
};

/* A block argument: allocated on its own so that its handle stays valid
 * while the block's argument array grows. */
typedef struct {
  struct IpuValueImpl value; /* must be first: IpuValue points here */
  IpuBlock *owner;           /* block whose argument this is */
  IpuLocation loc;           /* where the argument was declared */
} IpuBlockArgument;

/* One use of a value: lives in its owner op's operand storage. */
struct IpuOpOperand {
  IpuValue value;          /* the used value; NULL once dropped */
  IpuOpOperand *nextUse;   /* next use of the same value */
  IpuOpOperand **prevLink; /* the pointer that points at this use */
  IpuOp *owner;            /* op whose operand this is */
};

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
  intptr_t numBlocks;   /* length of the block list */
  intptr_t index;       /* position in parentOp's regions; -1 if detached */
};

struct IpuBlock {
  IpuContext *ctx;            /* allocator of the block and its arguments */
  IpuBlock *prev, *next;      /* siblings in the parent region */
  IpuRegion *parent;          /* owner region; NULL while detached */
  IpuOp *firstOp, *lastOp;    /* owned: ops in a doubly linked list */
  IpuBlockArgument **args;    /* owned array of owned arguments */
  int32_t numArgs, capArgs;   /* used and allocated entries of `args` */
  IpuBlockOperand *firstPred; /* head of the successor uses naming us */
  bool opOrderValid;          /* the ops' orderIndex fields are increasing */
};

struct IpuOp {
  IpuOp *prev, *next;     /* siblings in the parent block */
  IpuBlock *block;        /* parent block; NULL while detached */
  const IpuOpDef *def;    /* registered definition; NULL if unregistered */
  IpuIdent name;          /* always set, registered or not */
  IpuLocation loc;        /* never NULL; its context is the op's */
  IpuAttr attrs;          /* discardable dictionary or NULL (empty) */
  IpuAttr props;          /* properties (any attribute) or NULL */
  IpuOpOperand *operands; /* inline storage or a heap array (owned) */
  uint32_t numOperands;   /* operands in use */
  uint32_t capOperands;   /* room at `operands` */
  uint32_t numResults;    /* entries of `results` */
  uint32_t numSuccessors; /* entries of ipuIrOpSuccessors(op) */
  uint32_t numRegions;    /* entries of ipuIrOpRegions(op) */
  uint32_t orderIndex;    /* meaningful only while block->opOrderValid */
  struct IpuValueImpl results[]; /* then successors, regions, operands */
};

/* Gap left between consecutive order indices, as MLIR's kOrderStride. */
#define IPU_OP_ORDER_STRIDE 5u

/* The context is the location's: ops do not spend a field on it. */
static inline IpuContext *ipuIrOpCtx(const IpuOp *op) {
  return ipuAttrGetContext(op->loc);
}
static inline IpuBlockOperand *ipuIrOpSuccessors(const IpuOp *op) {
  return (IpuBlockOperand *)(op->results + op->numResults);
}
static inline IpuRegion **ipuIrOpRegions(const IpuOp *op) {
  return (IpuRegion **)(ipuIrOpSuccessors(op) + op->numSuccessors);
}
static inline IpuOpOperand *ipuIrOpInlineOperands(const IpuOp *op) {
  return (IpuOpOperand *)(ipuIrOpRegions(op) + op->numRegions);
}
static inline IpuOp *ipuIrResultOwner(IpuValue v) {
  return (IpuOp *)((char *)(v - v->index) - offsetof(IpuOp, results));
}
static inline IpuBlockArgument *ipuIrAsBlockArg(IpuValue v) {
  return (IpuBlockArgument *)v;
}
static inline IpuOp *ipuIrBlockParentOp(const IpuBlock *b) {
  return b->parent ? b->parent->parentOp : NULL;
}

/* Use-list maintenance (O(1)). Linking NULL leaves the use unlinked. */
static inline void ipuIrOperandLink(IpuOpOperand *use, IpuValue v) {
  use->value = v;
  use->nextUse = NULL;
  use->prevLink = NULL;
  if (!v)
    return;
  use->nextUse = v->firstUse;
  if (use->nextUse)
    use->nextUse->prevLink = &use->nextUse;
  use->prevLink = &v->firstUse;
  v->firstUse = use;
}
static inline void ipuIrOperandUnlink(IpuOpOperand *use) {
  if (use->prevLink) {
    *use->prevLink = use->nextUse;
    if (use->nextUse)
      use->nextUse->prevLink = use->prevLink;
  }
  use->value = NULL;
  use->nextUse = NULL;
  use->prevLink = NULL;
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

/* Destruction of detached IR. Uses held inside are dropped first, so
 * definitions never die before their uses; uses that remain from outside
 * (a caller bug) are cut, leaving those operands NULL, never dangling. */
void ipuIrDestroyDetachedOp(IpuOp *op);
void ipuIrDestroyDetachedBlock(IpuBlock *b);
void ipuIrDestroyDetachedRegion(IpuRegion *r);
/* Drops the uses held by every op of `b` (and nested in them). */
void ipuIrDropBlockUses(IpuBlock *b);

/* Attaches a detached op before `before` (NULL: at the end) and keeps the
 * block's order indices valid when a gap allows. */
void ipuIrLinkOp(IpuBlock *b, IpuOp *before, IpuOp *op);
/* Unlinks an attached op; it keeps its uses. */
void ipuIrUnlinkOp(IpuOp *op);

/* Reports an allocation failure at `loc` (best effort). */
void ipuIrReportOutOfMemory(IpuContext *ctx, IpuLocation loc);

#endif
