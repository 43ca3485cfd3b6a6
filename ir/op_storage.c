/* The storage of ops: their slab objects, operand arrays that outgrow the
 * object, the attribute/property pair, and packed source positions that
 * become FileLineCol locations only when someone asks for them. */
#include <string.h>

#include "op_impl.h"

/* ---- Objects. --------------------------------------------------------- */

static uint32_t inlineOperandCount(const IpuOp *op) {
  IpuIrHeapOperands *heap = ipuIrOpHeapOperands(op);
  return heap ? heap->inlineCapacity : op->numOperands;
}

IpuOp *ipuIrOpAllocate(const IpuOpNameInfo *info, uint32_t numResults,
                       uint32_t numSuccessors, uint32_t numRegions,
                       uint32_t numOperands) {
  size_t size =
      ipuIrOpObjectSize(numRegions, numSuccessors, numResults, numOperands);
  void *object = ipuSlabAlloc(info->ctx, size);
  if (!object)
    return NULL;
  IpuOp *op = ipuIrOpFromObject(object, numRegions, numSuccessors, numResults);
  op->prev = op->next = NULL;
  op->block = NULL;
  op->info = info;
  op->loc = 0;
  op->attrs = 0;
  op->numResults = numResults;
  op->numOperands = numOperands;
  op->orderIndex = 0;
  op->numSuccessors = (uint16_t)numSuccessors;
  op->numRegions = (uint16_t)numRegions;
  if (numSuccessors)
    info->ctx->opsWithSuccessors++;
  for (uint32_t i = 0; i < numResults; ++i) {
    struct IpuValueImpl *r = ipuIrOpResult(op, i);
    r->type = NULL;
    r->firstUse = 0;
    r->bits = i << 1;
    r->printId = 0;
  }
  IpuBlockOperand *succs = ipuIrOpSuccessors(op);
  for (uint32_t i = 0; i < numSuccessors; ++i) {
    succs[i].owner = op;
    ipuIrBlockOperandLink(&succs[i], NULL);
  }
  IpuRegion **regions = ipuIrOpRegions(op);
  for (uint32_t i = 0; i < numRegions; ++i)
    regions[i] = NULL;
  IpuOpOperand *operands = ipuIrOpInlineOperands(op);
  for (uint32_t i = 0; i < numOperands; ++i)
    ipuIrOperandInit(&operands[i], i, false);
  return op;
}

/* Sets the extension's fields, making or dropping the record as needed;
 * false (op unchanged) when it cannot be made. */
static bool setExt(IpuOp *op, IpuAttr attrs, IpuAttr props,
                   IpuIrHeapOperands *heap) {
  IpuContext *ctx = ipuIrOpCtx(op);
  IpuIrOpExt *ext = ipuIrOpGetExt(op);
  if (!props && !heap) {
    if (ext)
      ipuSlabFree(ctx, ext, sizeof *ext);
    op->attrs = (uintptr_t)attrs;
    return true;
  }
  if (!ext) {
    ext = ipuSlabAlloc(ctx, sizeof *ext);
    if (!ext)
      return false;
    op->attrs = (uintptr_t)ext | 1u;
  }
  ext->attrs = attrs;
  ext->props = props;
  ext->heap = heap;
  return true;
}

void ipuIrOpFree(IpuOp *op) {
  IpuContext *ctx = ipuIrOpCtx(op);
  size_t size = ipuIrOpObjectSize(op->numRegions, op->numSuccessors,
                                  op->numResults, inlineOperandCount(op));
  void *object = ipuIrOpRegions(op);
  IpuIrOpExt *ext = ipuIrOpGetExt(op);
  if (ext) {
    ipuFree(ctx, ext->heap);
    ipuSlabFree(ctx, ext, sizeof *ext);
  }
  ipuSlabFree(ctx, object, size);
}

/* ---- Operands. -------------------------------------------------------- */

void ipuOpSetOperands(IpuOp *op, intptr_t n, const IpuValue *vals) {
  IpuContext *ctx = ipuIrOpCtx(op);
  if (n < 0 || n > (intptr_t)IPU_IR_MAX_VALUES)
    return;
  /* Inline storage keeps exactly its original count, so that the op's
   * object size stays known; any other count lives in a heap block. */
  IpuIrHeapOperands *heap = ipuIrOpHeapOperands(op);
  bool inPlace = heap ? (uint32_t)n <= heap->capacity
                      : (uint32_t)n == op->numOperands;
  IpuOpOperand *operands = ipuIrOpOperands(op);
  IpuIrHeapOperands *grown = NULL;
  if (!inPlace) {
    grown = ipuAlloc(ctx, sizeof *grown + (size_t)n * sizeof(IpuOpOperand));
    if (grown) {
      grown->capacity = (uint32_t)n;
      grown->inlineCapacity = inlineOperandCount(op);
      grown->owner = op;
      for (intptr_t i = 0; i < n; ++i)
        ipuIrOperandInit(&grown->operands[i], (uint32_t)i, true);
    }
    if (!grown || !setExt(op, ipuIrOpAttrs(op), ipuIrOpProps(op), grown)) {
      ipuFree(ctx, grown);
      ipuIrReportOutOfMemory(ctx, ipuIrOpLoc(op)); /* op left unchanged */
      return;
    }
  }
  for (uint32_t i = 0; i < op->numOperands; ++i)
    ipuIrOperandUnlink(&operands[i]);
  if (grown) {
    ipuFree(ctx, heap);
    operands = grown->operands;
  }
  for (intptr_t i = 0; i < n; ++i)
    ipuIrOperandLink(&operands[i], vals[i]);
  op->numOperands = (uint32_t)n;
}

/* ---- Attributes and properties. --------------------------------------- */

bool ipuIrOpSetAttrsAndProps(IpuOp *op, IpuAttr attrs, IpuAttr props) {
  if (!setExt(op, attrs, props, ipuIrOpHeapOperands(op)))
    return false;
  if (props && ipuAttrIsLocation(props))
    ipuIrOpCtx(op)->locationsNested = true; /* the printer needs its alias */
  return true;
}

/* ---- Packed locations. ------------------------------------------------ *
 * bit 0: 1 | bits 1-7: file slot (1..127) | bits 8-39: line
 * | bits 40-63: column (below 2^24). */

enum { LINE_SHIFT = 8, COLUMN_SHIFT = 40, COLUMN_LIMIT = 1 << 24 };

static int fileSlot(IpuContext *ctx, IpuIdent file) {
  for (int i = ctx->numLocFiles; i-- > 0;)
    if (ctx->locFiles[i] == file)
      return i + 1;
  if (ctx->numLocFiles == IPU_LOC_FILE_SLOTS)
    return 0;
  ctx->locFiles[ctx->numLocFiles++] = file;
  return ctx->numLocFiles;
}

uint64_t ipuIrPackFileLineCol(IpuContext *ctx, IpuIdent file, unsigned line,
                              unsigned column) {
  if (!file || column >= COLUMN_LIMIT)
    return 0;
  int slot = fileSlot(ctx, file);
  if (!slot)
    return 0;
  return 1u | (uint64_t)slot << 1 | (uint64_t)line << LINE_SHIFT |
         (uint64_t)column << COLUMN_SHIFT;
}

IpuLocation ipuIrUnpackFileLineCol(IpuContext *ctx, uint64_t packed) {
  int slot = (int)((packed >> 1) & 127u);
  unsigned line = (unsigned)((packed >> LINE_SHIFT) & UINT32_MAX);
  unsigned column = (unsigned)(packed >> COLUMN_SHIFT);
  return ipuLocFileGet(ctx, ctx->locFiles[slot - 1], line, column);
}

/* Makes the location of a packed field once: the owner keeps it, as if it
 * had been given. */
static IpuLocation materialize(IpuContext *ctx, uint64_t *field) {
  if (!(*field & 1u))
    return (IpuLocation)(uintptr_t)*field;
  IpuLocation loc = ipuIrUnpackFileLineCol(ctx, *field);
  if (!loc)
    return ipuLocUnknownGet(ctx);
  *field = (uint64_t)(uintptr_t)loc;
  return loc;
}

IpuLocation ipuIrOpLoc(const IpuOp *op) {
  return materialize(ipuIrOpCtx(op), &((IpuOp *)op)->loc);
}

IpuLocation ipuIrBlockArgLoc(const IpuBlockArgument *arg) {
  return materialize(arg->owner->ctx, &((IpuBlockArgument *)arg)->loc);
}
