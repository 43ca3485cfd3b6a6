/* Operations, values with use lists, blocks, regions, the builder, walkers
 * and symbol tables: the structural IR. */
#ifndef IPU_IR_H
#define IPU_IR_H

#include "ipu/diagnostics.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct IpuOp IpuOp;
typedef struct IpuBlock IpuBlock;
typedef struct IpuRegion IpuRegion;
typedef struct IpuValueImpl *IpuValue;   /* an op result or block argument */
typedef struct IpuOpOperand IpuOpOperand; /* one use of a value */
typedef struct IpuOpDef IpuOpDef;         /* see ipu/opdef.h */

/* ---- Operation state: everything needed to create an op. -------------
 * Initialise with ipuOpStateInit, fill with the Add functions, then pass to
 * ipuOpCreate, which consumes it (its arrays are freed; owned regions move
 * into the op). ipuOpStateDispose releases a state that was not used. */
typedef struct {
  IpuContext *ctx;
  IpuStringRef name;      /* "dialect.op" */
  IpuLocation loc;
  intptr_t numOperands, capOperands;
  IpuValue *operands;
  intptr_t numResults, capResults;
  IpuType *resultTypes;
  intptr_t numSuccessors, capSuccessors;
  IpuBlock **successors;
  intptr_t numRegions, capRegions;
  IpuRegion **regions;    /* owned; NULL entries become empty regions */
  IpuAttr attributes;     /* dictionary or NULL */
  IpuAttr properties;     /* any attribute or NULL: MLIR's <{...}> */
  bool inferResultTypes;  /* ask the op definition for the result types */
  /* A source position standing in for `loc` (see ipuOpStateSetFileLineCol):
   * used when `loc` is NULL and `locFile` is set. */
  IpuIdent locFile;
  unsigned locLine, locColumn;
  /* Room for the arrays of small ops, so most states allocate nothing. */
  IpuValue inlineOperands[6];
  IpuType inlineResultTypes[4];
} IpuOpState;

void ipuOpStateInit(IpuOpState *st, IpuContext *ctx, IpuStringRef name,
                    IpuLocation loc);
/* Sets the op's location to `file`:`line`:`column` (replacing st->loc)
 * without making the location yet: ops keep such a position packed and
 * create the FileLineCol location when it is first asked for, which saves
 * one uniqued location per op of a parsed file. ipuOpGetLoc returns the
 * same handle as ipuLocFileGet(ctx, file, line, column). */
void ipuOpStateSetFileLineCol(IpuOpState *st, IpuIdent file, unsigned line,
                              unsigned column);
void ipuOpStateAddOperands(IpuOpState *st, intptr_t n, const IpuValue *vals);
void ipuOpStateAddResults(IpuOpState *st, intptr_t n, const IpuType *types);
void ipuOpStateAddSuccessors(IpuOpState *st, intptr_t n, IpuBlock *const *bs);
/* Adds `n` regions; each non-NULL entry's ownership moves to the state. */
void ipuOpStateAddOwnedRegions(IpuOpState *st, intptr_t n,
                               IpuRegion *const *regions);
void ipuOpStateAddEmptyRegions(IpuOpState *st, intptr_t n);
/* Sets (or with NULL, removes) one discardable attribute. */
void ipuOpStateAddAttr(IpuOpState *st, const char *name, IpuAttr value);
void ipuOpStateDispose(IpuOpState *st);

/* ---- Operations. ------------------------------------------------------ */
/* Creates a detached op. NULL plus a diagnostic when the name is not
 * registered and unregistered dialects are not allowed, or when result
 * types were to be inferred and could not be. */
IpuOp *ipuOpCreate(IpuOpState *st);
/* Destroys a detached op (or removes and destroys an attached one) with its
 * regions. Its results must have no uses left. */
void ipuOpDestroy(IpuOp *op);
/* Deep copy, detached; operands defined inside `op` are remapped to the
 * copies, others are kept. */
IpuOp *ipuOpClone(IpuOp *op);

IpuContext *ipuOpGetContext(const IpuOp *op);
IpuIdent ipuOpGetName(const IpuOp *op);
/* The registered definition, or NULL for an unregistered op. */
const IpuOpDef *ipuOpGetDef(const IpuOp *op);
bool ipuOpIsA(const IpuOp *op, const char *name);
IpuLocation ipuOpGetLoc(const IpuOp *op);
void ipuOpSetLoc(IpuOp *op, IpuLocation loc);

intptr_t ipuOpGetNumOperands(const IpuOp *op);
IpuValue ipuOpGetOperand(const IpuOp *op, intptr_t i);
void ipuOpSetOperand(IpuOp *op, intptr_t i, IpuValue v);
/* Replaces the whole operand list. */
void ipuOpSetOperands(IpuOp *op, intptr_t n, const IpuValue *vals);
IpuOpOperand *ipuOpGetOpOperand(IpuOp *op, intptr_t i);

intptr_t ipuOpGetNumResults(const IpuOp *op);
IpuValue ipuOpGetResult(const IpuOp *op, intptr_t i);

intptr_t ipuOpGetNumSuccessors(const IpuOp *op);
IpuBlock *ipuOpGetSuccessor(const IpuOp *op, intptr_t i);
void ipuOpSetSuccessor(IpuOp *op, intptr_t i, IpuBlock *b);

intptr_t ipuOpGetNumRegions(const IpuOp *op);
IpuRegion *ipuOpGetRegion(const IpuOp *op, intptr_t i);

/* Discardable attributes (the `{...}` dictionary; never NULL once read:
 * an empty dictionary when there are none). */
IpuAttr ipuOpGetAttrDict(const IpuOp *op);
void ipuOpSetAttrDict(IpuOp *op, IpuAttr dict);
/* Properties (`<{...}>`), NULL when the op has none. */
IpuAttr ipuOpGetProperties(const IpuOp *op);
void ipuOpSetProperties(IpuOp *op, IpuAttr props);
/* Looks `name` up in the properties (when a dictionary) and then in the
 * discardable attributes, like MLIR's Operation::getAttr. */
IpuAttr ipuOpGetAttr(const IpuOp *op, const char *name);
/* Sets an attribute: where the properties dictionary holds `name`, or the
 * op definition lists it as inherent, in the properties; otherwise in the
 * discardable dictionary. NULL removes it. */
void ipuOpSetAttr(IpuOp *op, const char *name, IpuAttr value);

/* Position. */
IpuBlock *ipuOpGetBlock(const IpuOp *op);
IpuOp *ipuOpGetParentOp(const IpuOp *op);
IpuRegion *ipuOpGetParentRegion(const IpuOp *op);
IpuOp *ipuOpGetNext(const IpuOp *op);
IpuOp *ipuOpGetPrev(const IpuOp *op);
/* Detaches the op from its block (it keeps its operands and uses). */
void ipuOpRemoveFromBlock(IpuOp *op);
void ipuOpMoveBefore(IpuOp *op, IpuOp *before);
void ipuOpMoveAfter(IpuOp *op, IpuOp *after);
/* True if `op` is `ancestor` or nested somewhere inside it. */
bool ipuOpIsProperAncestor(const IpuOp *ancestor, const IpuOp *op);
bool ipuOpIsAncestor(const IpuOp *ancestor, const IpuOp *op);
/* True if `a` comes before `b` in the same block (O(1) amortised: ops carry
 * order indices, recomputed lazily after insertions). */
bool ipuOpIsBeforeInBlock(const IpuOp *a, const IpuOp *b);
/* Every result is unused. */
bool ipuOpUseEmpty(const IpuOp *op);

/* ---- Values and uses. ------------------------------------------------- */
IpuType ipuValueGetType(IpuValue v);
void ipuValueSetType(IpuValue v, IpuType t);
bool ipuValueIsBlockArgument(IpuValue v);
bool ipuValueIsOpResult(IpuValue v);
IpuOp *ipuValueGetDefiningOp(IpuValue v);     /* NULL for block arguments */
IpuBlock *ipuValueGetOwnerBlock(IpuValue v);  /* NULL for op results */
/* Result number or argument number. */
intptr_t ipuValueGetIndex(IpuValue v);
/* The block the value is defined in (the defining op's block, or the
 * argument's block); NULL for results of detached ops. */
IpuBlock *ipuValueGetParentBlock(IpuValue v);
IpuLocation ipuValueGetLoc(IpuValue v);
/* Block arguments only (op results take their op's location). */
void ipuBlockArgumentSetLoc(IpuValue arg, IpuLocation loc);
IpuOpOperand *ipuValueGetFirstUse(IpuValue v);
bool ipuValueHasUses(IpuValue v);
bool ipuValueHasOneUse(IpuValue v);
/* O(number of uses). */
void ipuValueReplaceAllUsesWith(IpuValue from, IpuValue to);
IpuOpOperand *ipuOpOperandGetNextUse(IpuOpOperand *use);
IpuOp *ipuOpOperandGetOwner(IpuOpOperand *use);
intptr_t ipuOpOperandGetIndex(IpuOpOperand *use);
IpuValue ipuOpOperandGetValue(IpuOpOperand *use);
void ipuOpOperandSet(IpuOpOperand *use, IpuValue v);

/* ---- Blocks. ---------------------------------------------------------- */
IpuBlock *ipuBlockCreate(IpuContext *ctx, intptr_t numArgs,
                         const IpuType *argTypes, const IpuLocation *argLocs);
/* Destroys a detached block (or removes and destroys an attached one) with
 * its ops. Its arguments must have no uses outside the block. */
void ipuBlockDestroy(IpuBlock *b);
IpuContext *ipuBlockGetContext(const IpuBlock *b);
IpuValue ipuBlockAddArgument(IpuBlock *b, IpuType t, IpuLocation loc);
/* Adds an argument declared at `file`:`line`:`column`; as with
 * ipuOpStateSetFileLineCol, the location is made when first asked for. */
IpuValue ipuBlockAddArgumentAt(IpuBlock *b, IpuType t, IpuIdent file,
                               unsigned line, unsigned column);
/* The argument must be unused. */
void ipuBlockEraseArgument(IpuBlock *b, intptr_t i);
intptr_t ipuBlockGetNumArguments(const IpuBlock *b);
IpuValue ipuBlockGetArgument(const IpuBlock *b, intptr_t i);
IpuOp *ipuBlockGetFirstOp(const IpuBlock *b);
IpuOp *ipuBlockGetLastOp(const IpuBlock *b);
/* The last op if it is a registered terminator, else NULL. */
IpuOp *ipuBlockGetTerminator(const IpuBlock *b);
bool ipuBlockIsEmpty(const IpuBlock *b);
void ipuBlockAppendOp(IpuBlock *b, IpuOp *op);
/* Inserts a detached op before `before` (NULL: at the end). */
void ipuBlockInsertOpBefore(IpuBlock *b, IpuOp *before, IpuOp *op);
IpuRegion *ipuBlockGetParentRegion(const IpuBlock *b);
IpuOp *ipuBlockGetParentOp(const IpuBlock *b);
IpuBlock *ipuBlockGetNext(const IpuBlock *b);
IpuBlock *ipuBlockGetPrev(const IpuBlock *b);
bool ipuBlockIsEntryBlock(const IpuBlock *b);
void ipuBlockRemoveFromRegion(IpuBlock *b);
/* Predecessors: the ops whose successor lists name this block. */
bool ipuBlockHasPredecessors(const IpuBlock *b);

/* ---- Regions. --------------------------------------------------------- */
IpuRegion *ipuRegionCreate(IpuContext *ctx);
/* Destroys a region that no op owns. */
void ipuRegionDestroy(IpuRegion *r);
IpuContext *ipuRegionGetContext(const IpuRegion *r);
IpuBlock *ipuRegionGetFirstBlock(const IpuRegion *r);
IpuBlock *ipuRegionGetLastBlock(const IpuRegion *r);
intptr_t ipuRegionGetNumBlocks(const IpuRegion *r);
bool ipuRegionIsEmpty(const IpuRegion *r);
void ipuRegionAppendBlock(IpuRegion *r, IpuBlock *b);
/* Inserts a detached block after `after` (NULL: at the front). */
void ipuRegionInsertBlockAfter(IpuRegion *r, IpuBlock *after, IpuBlock *b);
IpuOp *ipuRegionGetParentOp(const IpuRegion *r);
/* Index of this region in its parent op. */
intptr_t ipuRegionGetIndex(const IpuRegion *r);
/* Moves every block of `from` to the end of `to`. */
void ipuRegionTakeBody(IpuRegion *to, IpuRegion *from);

/* ---- Builder: creates ops at an insertion point. ---------------------- */
typedef struct {
  IpuContext *ctx;
  IpuBlock *block; /* NULL: ops are created detached */
  IpuOp *before;   /* insert before this op; NULL: at the end of block */
} IpuBuilder;

void ipuBuilderInit(IpuBuilder *b, IpuContext *ctx);
void ipuBuilderSetInsertionPointToEnd(IpuBuilder *b, IpuBlock *block);
void ipuBuilderSetInsertionPointToStart(IpuBuilder *b, IpuBlock *block);
void ipuBuilderSetInsertionPointBefore(IpuBuilder *b, IpuOp *op);
void ipuBuilderSetInsertionPointAfter(IpuBuilder *b, IpuOp *op);
void ipuBuilderInsert(IpuBuilder *b, IpuOp *op);
/* ipuOpCreate + insert; NULL on failure. */
IpuOp *ipuBuilderCreate(IpuBuilder *b, IpuOpState *st);

/* ---- Walking. --------------------------------------------------------- */
typedef enum { IPU_WALK_PRE_ORDER, IPU_WALK_POST_ORDER } IpuWalkOrder;
typedef enum {
  IPU_WALK_ADVANCE,   /* go on */
  IPU_WALK_SKIP,      /* pre-order only: do not visit this op's regions */
  IPU_WALK_INTERRUPT, /* stop the walk */
} IpuWalkResult;
typedef IpuWalkResult (*IpuOpWalkFn)(IpuOp *op, void *userData);
/* Visits `op` and every op nested in it. The callback may erase the op it
 * is given in post-order walks. Returns IPU_WALK_INTERRUPT if interrupted. */
IpuWalkResult ipuOpWalk(IpuOp *op, IpuWalkOrder order, IpuOpWalkFn fn,
                        void *userData);

/* ---- Symbols. --------------------------------------------------------- */
/* The `sym_name` of a symbol op, or NULL. */
IpuAttr ipuOpGetSymbolName(const IpuOp *op);
/* "public" unless `sym_visibility` says "private" or "nested". */
const char *ipuOpGetSymbolVisibility(const IpuOp *op);
/* An op that defines a symbol table (builtin.module, or any op with the
 * SymbolTable trait). */
bool ipuOpIsSymbolTable(const IpuOp *op);

typedef struct IpuSymbolTable IpuSymbolTable;
/* Indexes the symbols directly inside `tableOp`'s single-block region. */
IpuSymbolTable *ipuSymbolTableCreate(IpuOp *tableOp);
void ipuSymbolTableDestroy(IpuSymbolTable *st);
IpuOp *ipuSymbolTableLookup(const IpuSymbolTable *st, IpuStringRef name);
/* Resolves a (nested) symbol reference from the nearest symbol table
 * enclosing `from`, as MLIR's lookupNearestSymbolFrom. */
IpuOp *ipuSymbolLookupNearest(IpuOp *from, IpuAttr symbolRef);
/* Every use of symbol references inside `within` is visited; returns true if
 * `symbol` is referenced from inside `within`. */
bool ipuSymbolIsUsedWithin(IpuOp *symbol, IpuOp *within);

/* A table is a snapshot: keep it in step when adding or erasing symbols.
 * Insert indexes a symbol op the caller has placed in the table's block;
 * it returns false if the op has no `sym_name`, the name is taken (the
 * first definition wins) or memory runs out. */
bool ipuSymbolTableInsert(IpuSymbolTable *st, IpuOp *symbol);
void ipuSymbolTableRemove(IpuSymbolTable *st, IpuOp *symbol);
IpuOp *ipuSymbolTableGetOp(const IpuSymbolTable *st);
/* MLIR's getNearestSymbolTable: `from` itself if it is a symbol table,
 * else its nearest ancestor that is; NULL when there is none or an
 * unregistered op with one region (possibly an unknown table) intervenes. */
IpuOp *ipuSymbolGetNearestSymbolTable(IpuOp *from);
/* MLIR's lookupSymbolIn: resolves a (nested) reference inside `tableOp`. */
IpuOp *ipuSymbolLookupIn(IpuOp *tableOp, IpuAttr symbolRef);

/* Cached symbol tables, one per table op, built on first use (MLIR's
 * SymbolTableCollection): many lookups cost O(1) each instead of a scan.
 * Invalidate a table op's entry after changing its symbols. */
typedef struct IpuSymbolTableCollection IpuSymbolTableCollection;
IpuSymbolTableCollection *ipuSymbolTableCollectionCreate(IpuContext *ctx);
void ipuSymbolTableCollectionDestroy(IpuSymbolTableCollection *c);
IpuSymbolTable *ipuSymbolTableCollectionGet(IpuSymbolTableCollection *c,
                                            IpuOp *tableOp);
void ipuSymbolTableCollectionInvalidate(IpuSymbolTableCollection *c,
                                        IpuOp *tableOp);
IpuOp *ipuSymbolTableCollectionLookupNearest(IpuSymbolTableCollection *c,
                                             IpuOp *from, IpuAttr symbolRef);

/* Calls `fn` for every symbol reference held in the attributes and
 * properties (searched through arrays and dictionaries) of `within` and
 * every op nested in it, in pre-order. `fn` must not change the IR.
 * Returns IPU_WALK_INTERRUPT if `fn` interrupted (or memory ran out). */
typedef IpuWalkResult (*IpuSymbolUseFn)(IpuOp *user, IpuAttr symbolRef,
                                        void *userData);
IpuWalkResult ipuOpWalkSymbolUses(IpuOp *within, IpuSymbolUseFn fn,
                                  void *userData);

/* ---- Diagnostics about ops: prefix "'name' op " as MLIR does. --------- */
IpuLogicalResult ipuOpEmitError(const IpuOp *op, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
IpuLogicalResult ipuOpEmitWarning(const IpuOp *op, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
IpuLogicalResult ipuOpEmitRemark(const IpuOp *op, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* For notes: the caller adds notes and reports. */
IpuDiagnostic *ipuOpCreateError(const IpuOp *op, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif
#endif
