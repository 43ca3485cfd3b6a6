/* Builtin types. Types are uniqued in the context: two types are equal
 * exactly when their handles are the same pointer. */
#ifndef IPU_TYPES_H
#define IPU_TYPES_H

#include "ipu/context.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef const struct IpuTypeStorage *IpuType;   /* NULL is "no type" */
typedef const struct IpuAttrStorage *IpuAttr;   /* NULL is "no attribute" */

typedef enum {
  IPU_TYPE_INTEGER,          /* i32, si8, ui16 */
  IPU_TYPE_INDEX,            /* index */
  IPU_TYPE_FLOAT,            /* f16, bf16, f32, f64 */
  IPU_TYPE_NONE,             /* none */
  IPU_TYPE_RANKED_TENSOR,    /* tensor<4x?xf32> */
  IPU_TYPE_UNRANKED_TENSOR,  /* tensor<*xf32> */
  IPU_TYPE_MEMREF,           /* memref<4x?xf32, layout, space> */
  IPU_TYPE_UNRANKED_MEMREF,  /* memref<*xf32, space> */
  IPU_TYPE_VECTOR,           /* vector<[4]x8xf32> */
  IPU_TYPE_COMPLEX,          /* complex<f32> */
  IPU_TYPE_TUPLE,            /* tuple<i32, f32> */
  IPU_TYPE_FUNCTION,         /* (i32) -> f32 */
  IPU_TYPE_OPAQUE,           /* !dialect.body or !dialect<"body"> */
} IpuTypeKind;

typedef enum { IPU_SIGNLESS, IPU_SIGNED, IPU_UNSIGNED } IpuSignedness;
typedef enum { IPU_F16, IPU_BF16, IPU_F32, IPU_F64 } IpuFloatKind;

/* The size of a dynamic dimension ('?'), as MLIR's ShapedType::kDynamic. */
#define IPU_DYNAMIC INT64_MIN
/* Widest integer type accepted (as MLIR's IntegerType::kMaxWidth). */
#define IPU_MAX_INTEGER_WIDTH 16777215u

IpuTypeKind ipuTypeGetKind(IpuType t);
IpuContext *ipuTypeGetContext(IpuType t);

IpuType ipuIntegerTypeGet(IpuContext *ctx, unsigned width, IpuSignedness s);
IpuType ipuIndexTypeGet(IpuContext *ctx);
IpuType ipuFloatTypeGet(IpuContext *ctx, IpuFloatKind kind);
IpuType ipuNoneTypeGet(IpuContext *ctx);
/* `encoding` may be NULL. Dimensions are >= 0 or IPU_DYNAMIC. */
IpuType ipuRankedTensorTypeGet(IpuContext *ctx, intptr_t rank,
                               const int64_t *shape, IpuType element,
                               IpuAttr encoding);
IpuType ipuUnrankedTensorTypeGet(IpuContext *ctx, IpuType element);
/* `layout` and `memorySpace` may be NULL. */
IpuType ipuMemRefTypeGet(IpuContext *ctx, intptr_t rank, const int64_t *shape,
                         IpuType element, IpuAttr layout, IpuAttr memorySpace);
IpuType ipuUnrankedMemRefTypeGet(IpuContext *ctx, IpuType element,
                                 IpuAttr memorySpace);
/* `scalable` may be NULL (no scalable dimensions). */
IpuType ipuVectorTypeGet(IpuContext *ctx, intptr_t rank, const int64_t *shape,
                         const bool *scalable, IpuType element);
IpuType ipuComplexTypeGet(IpuContext *ctx, IpuType element);
IpuType ipuTupleTypeGet(IpuContext *ctx, intptr_t n, const IpuType *types);
IpuType ipuFunctionTypeGet(IpuContext *ctx, intptr_t numInputs,
                           const IpuType *inputs, intptr_t numResults,
                           const IpuType *results);
/* A type of a dialect this context does not know: `!dialect.body` keeps
 * `body` (e.g. "tile<4>") verbatim. */
IpuType ipuOpaqueTypeGet(IpuContext *ctx, IpuIdent dialect, IpuStringRef body);
/* The constructors above return NULL, without a diagnostic, for arguments
 * MLIR rejects (bad dimensions, invalid element types); the parser words the
 * error. These are MLIR's element type rules, for that purpose. Memory space
 * integer 0 is dropped (the default space), as MLIR does. */
bool ipuTensorTypeIsValidElementType(IpuType t);
bool ipuMemRefTypeIsValidElementType(IpuType t);
bool ipuVectorTypeIsValidElementType(IpuType t);  /* vector dims are > 0 */
bool ipuComplexTypeIsValidElementType(IpuType t);

bool ipuTypeIsInteger(IpuType t);
bool ipuTypeIsSignlessInteger(IpuType t, unsigned width); /* width 0: any */
bool ipuTypeIsFloat(IpuType t);
bool ipuTypeIsIndex(IpuType t);
bool ipuTypeIsIntOrIndexOrFloat(IpuType t);
bool ipuTypeIsShaped(IpuType t); /* tensors, memrefs, vectors */
bool ipuTypeIsTensor(IpuType t); /* ranked or unranked */

unsigned ipuIntegerTypeGetWidth(IpuType t);
IpuSignedness ipuIntegerTypeGetSignedness(IpuType t);
IpuFloatKind ipuFloatTypeGetKind(IpuType t);
unsigned ipuFloatTypeGetWidth(IpuType t);
/* Bit width of an integer, index (64) or float type; 0 for others. */
unsigned ipuTypeGetIntOrFloatBitWidth(IpuType t);

/* Shaped types (tensor, memref, vector). Unranked types have rank -1. */
IpuType ipuShapedTypeGetElementType(IpuType t);
bool ipuShapedTypeHasRank(IpuType t);
intptr_t ipuShapedTypeGetRank(IpuType t);
const int64_t *ipuShapedTypeGetShape(IpuType t);
int64_t ipuShapedTypeGetDimSize(IpuType t, intptr_t dim);
bool ipuShapedTypeHasStaticShape(IpuType t);
/* Product of the dimensions; -1 when not static. */
int64_t ipuShapedTypeGetNumElements(IpuType t);
IpuAttr ipuRankedTensorTypeGetEncoding(IpuType t);
IpuAttr ipuMemRefTypeGetLayout(IpuType t);
IpuAttr ipuMemRefTypeGetMemorySpace(IpuType t);
/* NULL when no dimension is scalable. */
const bool *ipuVectorTypeGetScalableDims(IpuType t);

IpuType ipuComplexTypeGetElementType(IpuType t);
intptr_t ipuTupleTypeGetNumTypes(IpuType t);
IpuType ipuTupleTypeGetType(IpuType t, intptr_t i);
intptr_t ipuFunctionTypeGetNumInputs(IpuType t);
IpuType ipuFunctionTypeGetInput(IpuType t, intptr_t i);
intptr_t ipuFunctionTypeGetNumResults(IpuType t);
IpuType ipuFunctionTypeGetResult(IpuType t, intptr_t i);
IpuIdent ipuOpaqueTypeGetDialect(IpuType t);
IpuStringRef ipuOpaqueTypeGetBody(IpuType t);

#ifdef __cplusplus
}
#endif
#endif
