/* The .ipub binary in memory: what the hw dialect maps onto one to one, what
 * the loader validates and the simulator runs. backends/ipu/ builds it from
 * hw IR, encodes and decodes the file (docs/binary-format.md) and prints it. */
#ifndef IPU_IPUB_H
#define IPU_IPUB_H

#include "ipu/ir.h"
#include "ipu/target.h"
#include "ipu/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IPUB_VERSION 2
#define IPUB_NO_INDEX UINT32_MAX
/* The chip number of the host in an IpubEndpoint. */
#define IPUB_HOST_CHIP (-1)

/* One instruction of a tile's (or the host's) control program. */
typedef enum {
  IPUB_OP_RECV = 1,       /* wait for route's data of this inference in dst */
  IPUB_OP_SEND = 2,       /* send src over route */
  IPUB_OP_MVM = 3,        /* dst = ADC(src (or its windows) x block) */
  IPUB_OP_WINDOWS = 4,    /* dst = windows of src */
  IPUB_OP_ACCUMULATE = 5, /* dst = sum of srcs (wrapping i32) */
  IPUB_OP_EXEC = 6,       /* dsts = kernel(srcs), on the SIMD unit / host */
  IPUB_OP_INPUT = 7,      /* host: dst = the inference's input `index` */
  IPUB_OP_OUTPUT = 8,     /* host: output `index` = src */
} IpubOpcode;

/* tile.windows geometry (see docs/dialects/tile.md). */
typedef struct {
  int64_t kernel[2], strides[2], pads[4], dilations[2];
  int64_t channelBegin, channelCount; /* channelCount -1: to the end */
} IpubWindow;

typedef struct {
  IpubOpcode opcode;
  uint32_t numSrcs, numDsts;
  uint32_t *srcs, *dsts;  /* buffer indices of the program's owner */
  uint32_t route;         /* SEND/RECV: index into IpubModule.routes */
  uint32_t block;         /* MVM: index into the tile's blocks */
  uint32_t kernel;        /* EXEC: index of the kernel (function @k<i>) */
  uint32_t index;         /* INPUT/OUTPUT: position in the signature */
  uint32_t adcBits, adcShift, inputBits, inputSlices; /* MVM */
  bool hasWindow;         /* MVM with fused windows, and always for WINDOWS */
  bool inPlace;           /* EXEC on a tile whose data already sits where
                             its result goes (views): a join of pieces
                             written in place, a slice that is a box of
                             its source; the SIMD unit moves nothing */
  IpubWindow window;
  uint32_t debugLoc;      /* index into IpubModule.debugLocs or IPUB_NO_INDEX */
} IpubInstr;

typedef struct {
  IpuDType dtype;
  int rank;
  int64_t shape[IPU_TENSOR_MAX_RANK];
  uint64_t offset;     /* SRAM byte offset (0 on the host) */
  uint64_t bytes;      /* of one slot (stream_rows rows if streamed) */
  uint32_t slots;      /* 1, or 2 for a double-buffered receive buffer */
  uint32_t streamRows; /* 0: whole tensor resident; else rows resident */
  char *name;          /* the hw.buffer's symbol */
  /* A box view (hw.buffer `base_index`): the tensor is a sub-box of a
   * larger one, so its element (i0, i1, ...) is at byte offset +
   * sum(ik x strides[k]) rather than row-major from offset. */
  bool strided;
  int64_t strides[IPU_TENSOR_MAX_RANK];
} IpubBuffer;

/* A weight block in the tile's array: rows [row, row + k), columns
 * [col, col + n), weights k x n row-major. */
/* The SRAM bytes a buffer's slot reaches from its offset: bytes for a
 * contiguous buffer, from its first element to the end of its last for a
 * strided one (0 for an empty tensor). */
uint64_t ipubBufferSpan(const IpubBuffer *b);

typedef struct {
  uint32_t row, col, k, n;
  int8_t *weights;
  char *name;          /* the tile.block's symbol */
} IpubBlock;

/* A tile (chip >= 0) or the host (chip == IPUB_HOST_CHIP, no array). */
typedef struct {
  int32_t chip, x, y;
  bool hasArray;
  uint32_t arrayRows, arrayCols, weightBits;
  uint32_t numBlocks;
  IpubBlock *blocks;
  uint32_t numBuffers;
  IpubBuffer *buffers;
  uint32_t numInstrs;
  IpubInstr *instrs;
} IpubTile;

typedef struct {
  int32_t chip, x, y; /* chip IPUB_HOST_CHIP: the host (x = y = 0) */
} IpubEndpoint;

/* A route: routers visited from the source to the destination inclusive. */
typedef struct {
  uint64_t bytes;
  uint32_t numHops; /* entries of path, >= 2 */
  IpubEndpoint *path;
} IpubRoute;

typedef struct {
  char *name;          /* ONNX name, may be "" */
  IpuDType dtype;
  int rank;
  int64_t shape[IPU_TENSOR_MAX_RANK];
} IpubTensorDesc;

/* Every pointer below is allocated with the context's allocator and freed
 * by ipubModuleFree. */
typedef struct {
  IpuContext *ctx;
  IpuTarget target;
  uint32_t numTiles;
  IpubTile *tiles;     /* sorted by (chip, y, x), positions unique */
  IpubTile host;
  uint32_t numRoutes;
  IpubRoute *routes;
  /* The kernels of EXEC instructions as one module in the textual format
   * (generic form) holding func.func @k0 .. @k<numKernels-1>, each taking
   * the srcs and returning the dsts of its instructions; NUL-terminated. */
  uint32_t numKernels;
  char *kernelText;
  uint32_t numInputs, numOutputs;
  IpubTensorDesc *inputs, *outputs;
  uint32_t numDebugLocs;
  char **debugLocs;    /* printed locations, e.g. loc("conv1") */
} IpubModule;

/* An empty module owned by ctx. */
IpubModule *ipubModuleCreate(IpuContext *ctx);
void ipubModuleFree(IpubModule *m);

/* The hw IR module `module` (after tile-to-hw and plan-memory) as an
 * IpubModule. Every check the file format needs is made here; a failure is
 * an error located at the offending op. */
IpuLogicalResult ipubFromHw(IpuOp *module, IpubModule **out);

/* The file image of `m` (docs/binary-format.md); *data is freed with
 * ipuFree. */
IpuLogicalResult ipubEncode(const IpubModule *m, uint8_t **data,
                            size_t *size);

/* Reads and validates a file image. Every field is checked (sizes, counts,
 * indices, offsets within SRAM, routes within the grid, checksums of every
 * section); a damaged or truncated file is an error located at `filename`
 * naming the byte offset and the field, never a crash. */
IpuLogicalResult ipubDecode(IpuContext *ctx, const char *filename,
                            const uint8_t *data, size_t size,
                            IpubModule **out);

/* Semantic checks shared by ipubFromHw and ipubDecode (indices in range,
 * buffer sizes, routes' sends and receives paired, offsets within SRAM);
 * errors are located at `loc`. */
IpuLogicalResult ipubVerify(const IpubModule *m, IpuLocation loc);

/* A readable listing of the whole binary (ipu-translate --disasm), NUL-
 * terminated, freed with ipuFree. */
char *ipubDisassemble(const IpubModule *m);

#ifdef __cplusplus
}
#endif
#endif
