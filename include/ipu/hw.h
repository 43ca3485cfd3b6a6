/* What the hw dialect's ops mean in numbers, shared by its verifiers, the
 * passes on hw IR (plan-memory) and the .ipub emitter: buffer sizes, the
 * buffers each instruction reads and writes, and buffer lifetimes. */
#ifndef IPU_HW_H
#define IPU_HW_H

#include "ipu/ir.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The alignment of SRAM offsets every hw.buffer keeps (plan-memory's
 * default; its `alignment` option may only raise it to a multiple). */
#define IPU_HW_BUFFER_ALIGNMENT 16

/* Bytes per element of a buffer's element type as the tiles store it (i1
 * takes a byte; f16, bf16, f32, f64, and integers of 1, 8, 16, 32 or 64
 * bits); 0 for a type a buffer cannot hold. */
int64_t ipuHwElementBytes(IpuType elementType);

/* The bytes of one slot of a hw.buffer: the tensor's, or `stream_rows` x
 * (bytes / dim 0) when streamed. False (no diagnostic) when its type is not
 * a static ranked tensor of a storable element type, or a count overflows. */
bool ipuHwBufferSlotBytes(const IpuOp *buffer, int64_t *bytes);
/* Slots (1 unless `slots` says otherwise) x the bytes of one slot. */
bool ipuHwBufferBytes(const IpuOp *buffer, int64_t *bytes);

/* The buffer symbols an instruction of a hw.program reads and writes
 * (attributes src/srcs and dst/dsts); `fn` is called once per reference in
 * attribute order, reads first. Symbols that are not flat references are
 * skipped (the op's verifier reports them). */
typedef void (*IpuHwBufferUseFn)(IpuOp *inst, IpuAttr symbolRef, bool writes,
                                 void *userData);
void ipuHwInstrForEachBuffer(IpuOp *inst, IpuHwBufferUseFn fn,
                             void *userData);

/* The lifetime of one buffer of a hw.tile or hw.host in its program's
 * instruction order: live from the first instruction that writes it (or
 * reads it, if none writes it first) to the last that reads or writes it;
 * a buffer written by hw.recv is live for the whole program (the router
 * writes it whenever data arrives). first == -1: never used. */
typedef struct {
  IpuOp *buffer;
  intptr_t first, last;
  bool received;  /* written by a hw.recv */
} IpuHwLiveRange;

/* The hw.buffers of `owner` (a hw.tile or hw.host), in body order, with
 * their lifetimes from its hw.program: *ranges (freed with ipuFree) holds
 * *count entries. References to unknown symbols are ignored. Fails only
 * when out of memory (with a located error at `owner`). */
IpuLogicalResult ipuHwComputeLiveRanges(IpuOp *owner, IpuHwLiveRange **ranges,
                                        intptr_t *count);

/* True when two lifetimes share an instruction. */
static inline bool ipuHwLiveRangesOverlap(const IpuHwLiveRange *a,
                                          const IpuHwLiveRange *b) {
  return a->first >= 0 && b->first >= 0 && a->first <= b->last &&
         b->first <= a->last;
}

/* Views: a hw.buffer with `base = @b` holds bytes [base_offset,
 * base_offset + its bytes) of buffer b of the same tile or host; b may be a
 * view itself. ipuHwBufferResolveView follows the chain to its root (a
 * buffer without `base`) and sums the base_offsets into *offset (a buffer
 * that is no view is its own root at 0). `symbols` is the owner's symbol
 * table, or NULL to look names up in the owner. The walk is bounded by the
 * owner's number of ops, so a cycle ends it. */
typedef enum {
  IPU_HW_VIEW_OK,
  IPU_HW_VIEW_BAD_BASE, /* `base` or `base_offset` malformed, or `base`
                           names no hw.buffer of the owner */
  IPU_HW_VIEW_CYCLE,    /* the chain of bases comes back on itself */
} IpuHwViewResult;
IpuHwViewResult ipuHwBufferResolveView(IpuOp *buffer,
                                       const IpuSymbolTable *symbols,
                                       IpuOp **root, int64_t *offset);

/* The hw.program of a hw.tile or hw.host, or NULL. */
IpuOp *ipuHwOwnerGetProgram(IpuOp *owner);

#ifdef __cplusplus
}
#endif
#endif
