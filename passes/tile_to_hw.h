/* What the files of the tile-to-hw pass share: the places (tiles and the
 * host) with the hw ops being built for them, and the lowering's maps from
 * tile IR values to hw buffers. Private to passes/tile_to_hw*.c. */
#ifndef IPU_PASSES_TILE_TO_HW_H
#define IPU_PASSES_TILE_TO_HW_H

#include "passes.h"

/* A tile position, or the host (chip -1, x = y = 0). */
typedef struct {
  int64_t chip, x, y;
  IpuOp *array;     /* the tile.array placed here, or NULL */
  IpuOp *owner;     /* hw.tile / hw.host, once built */
  IpuBlock *body;   /* the owner's block */
  IpuOp *program;
  IpuBlock *code;   /* the program's block */
  IpuLocation firstLoc; /* of its first unit, for the hw.tile's loc */
  int64_t nextBuffer;
} T2hPlace;

enum { T2H_HOST = 0 }; /* index of the host among the places */

typedef struct {
  IpuContext *ctx;
  IpuPassRun *run;
  IpuOp *module;
  IpuOp *func;
  IpuBlock *entry;
  T2hPlace *places;
  intptr_t numPlaces, capPlaces;
  IpuPtrMap placeOf;    /* unit op / channel -> place index + 1 */
  IpuPtrMap opOrder;    /* op of the function -> position + 1 */
  IpuPtrMap bufferOf;   /* IpuValue -> hw.buffer */
  IpuPtrMap pendingRecv;/* IpuValue (a channel's result) -> detached hw.recv */
  IpuPtrMap fused;      /* tile.windows fused into its mvms -> non-NULL */
  IpuPtrMap epilogue;   /* mvm / accumulate -> the tile.simd after it */
  IpuPtrMap emitted;    /* tile.simd emitted as an epilogue -> non-NULL */
  IpuSymbolTable *moduleSymbols;
  IpuOp *routeAnchor;   /* routes are inserted before it */
  int64_t nextRoute;
  int64_t numBuffers, numInstructions, numRoutes, numFused, numStreamed;
  int64_t numJoinViews, numExecViews, numSliceViews;
} T2h;

/* The place index of (chip, x, y), added if new; -1 when out of memory. */
intptr_t t2hPlaceIndex(T2h *t, int64_t chip, int64_t x, int64_t y);
/* The place of a value: the host for function arguments, a channel's
 * destination for its result, else its producer's place. */
intptr_t t2hValuePlace(T2h *t, IpuValue v);
/* "(c, x, y)" / "the host". */
const char *t2hPlaceText(const T2h *t, intptr_t place, char *buf,
                         size_t size);

/* The instructions (tile_to_hw_emit.c): every op of the function, in
 * order, becomes its place's instructions, sends and receives. */
IpuLogicalResult t2hEmitPrograms(T2h *t);
/* In-place buffers (tile_to_hw_views.c), once the programs are built:
 * the pieces of contiguous joins become views of the join's result, and
 * position-wise code writes over a source nothing reads afterwards. */
IpuLogicalResult t2hMakeViews(T2h *t);
/* Ops whose every output position depends only on the same position of
 * the inputs (broadcasting aside): the ops of an ADC epilogue, and (without
 * hl.transpose) of SIMD code that may write over its input. */
bool t2hIsPositionWise(const IpuOp *op, bool allowTranspose);
/* A new hw.buffer holding `type` in the place's owner (before its
 * program), named b<N>; NULL after an error. */
IpuOp *t2hCreateBuffer(T2h *t, intptr_t place, IpuType type,
                       IpuLocation loc);

#endif
