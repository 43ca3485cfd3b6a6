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
 * view itself. ipuHwBufferResolveLayout (below) follows the chain to its
 * root (a buffer without `base`); the walk is bounded by
 * IPU_HW_MAX_VIEW_CHAIN, so a cycle ends it. */
typedef enum {
  IPU_HW_VIEW_OK,
  IPU_HW_VIEW_BAD_BASE, /* `base` or `base_offset` malformed, or `base`
                           names no hw.buffer of the owner */
  IPU_HW_VIEW_CYCLE,    /* the chain of bases comes back on itself */
  IPU_HW_VIEW_BAD_BOX,  /* a box is not inside its base, differs from it in
                           rank or element type, has both `base_index` and
                           `base_offset`, or a contiguous view (`base_offset`)
                           has a strided base */
  IPU_HW_VIEW_TOO_DEEP, /* more than IPU_HW_MAX_VIEW_CHAIN bases */
} IpuHwViewResult;
/* Views of views nest at most this deep (tile-to-hw makes short chains). */
#define IPU_HW_MAX_VIEW_CHAIN 256

/* Box views: a hw.buffer with `base = @b` and `base_index = array<i64:
 * ...>` (instead of `base_offset`) holds the sub-box of b whose first
 * element is at that index of b (one entry per dim; same rank and element
 * type; the view's type gives the box's sizes). Its bytes are strided in
 * SRAM. ipuHwBufferResolveLayout composes the chain of views (contiguous
 * and box, in any order; a contiguous view's base must itself be
 * contiguous) down to its root and says where the buffer's elements are
 * within the root's bytes: element (i0, i1, ...) is at byte
 * offset + sum(ik * strides[k]). tile-to-hw makes box views for row bands
 * sliced out of a map and for the pieces of a join on an inner axis;
 * plan-memory, the verifiers and the .ipub emitter read them here. */
#define IPU_HW_MAX_RANK 8
typedef struct {
  IpuOp *root;
  int64_t offset;   /* byte of the buffer's first element in the root */
  int64_t span;     /* bytes from there to the end of its last element */
  bool strided;     /* not one contiguous row-major range (a real box) */
  bool boxed;       /* a box view is on the chain: the offset need not be
                       aligned */
  int rank;
  int64_t strides[IPU_HW_MAX_RANK]; /* bytes between neighbours per dim */
} IpuHwBufferLayout;
/* A buffer that is no view is its own root: offset 0, row-major strides,
 * span = its slot's bytes. `symbols` is the owner's symbol table, or NULL
 * to look names up in the owner. Fails
 * (IPU_HW_VIEW_BAD_BASE) also when out of memory for a chain longer than
 * 16 links. */
IpuHwViewResult ipuHwBufferResolveLayout(IpuOp *buffer,
                                         const IpuSymbolTable *symbols,
                                         IpuHwBufferLayout *layout);

/* The hw.program of a hw.tile or hw.host, or NULL. */
IpuOp *ipuHwOwnerGetProgram(IpuOp *owner);

#ifdef __cplusplus
}
#endif
#endif
