/* Private pieces of the verifier shared by verifier.c (the walk, blocks,
 * regions, dominance) and verify_op.c (each registered op's invariants). */
#ifndef IPU_IR_VERIFIER_IMPL_H
#define IPU_IR_VERIFIER_IMPL_H

#include "ipu/asm.h"
#include "ipu/opdef.h"
#include "ipu/verifier.h"

/* A growable NUL-terminated string for building messages. On allocation
 * failure it keeps what fit; `data` is never NULL after init. */
typedef struct {
  IpuContext *ctx;
  char *data;       /* owned, or `empty` */
  size_t length, capacity;
  char empty[1];
} IpuIrStrBuf;

void ipuIrStrBufInit(IpuIrStrBuf *sb, IpuContext *ctx);
void ipuIrStrBufDispose(IpuIrStrBuf *sb);
void ipuIrStrBufAppend(IpuIrStrBuf *sb, const char *data, size_t length);
void ipuIrStrBufAppendC(IpuIrStrBuf *sb, const char *s);
/* `'type'`, quoted as MLIR's diagnostics quote types. */
void ipuIrStrBufAppendQuotedType(IpuIrStrBuf *sb, IpuType t);
/* An IpuStringCallback that appends to the IpuIrStrBuf in `userData`. */
void ipuIrStrBufCallback(IpuStringRef piece, void *userData);

/* The invariants of a registered op that need nothing but the op and its
 * position: operand, result, region and successor counts, inherent
 * attributes, type constraints, traits, the verify hook and inferred result
 * types, in ODS's order. Reports the first problem and returns false. */
bool ipuIrVerifyRegisteredOp(IpuOp *op);

/* getElementTypeOrSelf: the element type of shaped types, else `t`. */
IpuType ipuIrElementTypeOrSelf(IpuType t);

#endif
