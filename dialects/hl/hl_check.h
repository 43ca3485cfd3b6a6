/* Shared machinery of the hl verifiers and result type inference: one
 * shape function per op serves both, so what the verifier accepts is
 * exactly what inference can type. */
#ifndef IPU_HL_CHECK_H
#define IPU_HL_CHECK_H

#include "dialect_support.h"

/* Most results any hl op has (hl.lstm: Y, Y_h, Y_c). */
enum { HL_MAX_RESULTS = 3 };

/* What a shape function looks at: the operands and inherent attributes of
 * an existing op (verifier) or of one about to be built (inference). */
typedef struct {
  IpuContext *ctx;
  IpuLocation loc;
  const char *opName; /* "hl.conv2d", for messages */
  IpuOp *op;          /* the op being verified, or NULL */
  intptr_t numOperands;
  const IpuValue *operands; /* inference only */
  IpuAttr attributes, properties; /* inference only */
} HlCheck;

/* Fills `results` (HL_MAX_RESULTS slots) with the result types or reports
 * why it cannot, as "'hl.name' op ..." at the op's location. */
typedef IpuLogicalResult (*HlShapeFn)(HlCheck *c, IpuType *results);

IpuLogicalResult hlRunVerify(IpuOp *op, HlShapeFn fn);
IpuLogicalResult hlRunInfer(IpuContext *ctx, IpuLocation loc,
                            const char *opName, HlShapeFn fn,
                            intptr_t expectedResults, intptr_t numOperands,
                            const IpuValue *operands, IpuAttr attributes,
                            IpuAttr properties, intptr_t numResults,
                            IpuType *resultTypes);

/* The verifier and inference hooks of an op whose shape function is `fn`
 * and which has `nres` results. */
#define HL_DEFINE_HOOKS(Name, opName, fn, nres)                               \
  IpuLogicalResult hlVerify##Name(IpuOp *op) { return hlRunVerify(op, fn); }  \
  IpuLogicalResult hlInfer##Name(                                             \
      IpuContext *ctx, IpuLocation loc, intptr_t numOperands,                 \
      const IpuValue *operands, IpuAttr attributes, IpuAttr properties,       \
      intptr_t numResults, IpuType *resultTypes) {                            \
    return hlRunInfer(ctx, loc, opName, fn, nres, numOperands, operands,      \
                      attributes, properties, numResults, resultTypes);       \
  }

IpuLogicalResult hlError(const HlCheck *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- Operands. -------------------------------------------------------- */

/* Operand counts in the core verifier's words; `max` < 0: no limit. */
IpuLogicalResult hlCheckOperandCount(const HlCheck *c, intptr_t min,
                                     intptr_t max);
IpuType hlOperandType(const HlCheck *c, intptr_t i);

/* A tensor operand: rank -1 when unranked; dims NULL then. */
typedef struct {
  IpuType type;
  IpuType elem;
  intptr_t rank;
  const int64_t *dims;
} HlTensor;

/* Operand `i` as a tensor (any tensor, or a ranked one), or the ODS
 * constraint error "operand #i must be ..., but got 'T'". */
IpuLogicalResult hlTensorOperand(const HlCheck *c, intptr_t i, HlTensor *t);
IpuLogicalResult hlRankedOperand(const HlCheck *c, intptr_t i, HlTensor *t);
/* "expects 4-D input, got 3-D". */
IpuLogicalResult hlExpectRank(const HlCheck *c, const HlTensor *t,
                              const char *what, intptr_t rank);
IpuLogicalResult hlExpectMinRank(const HlCheck *c, const HlTensor *t,
                                 const char *what, intptr_t minRank);
/* "operand #i must be tensor of floating-point values, but got 'T'". */
IpuLogicalResult hlExpectFloat(const HlCheck *c, intptr_t i,
                               const HlTensor *t);

bool hlIsFloat(IpuType elem);
bool hlIsInt(IpuType elem);
bool hlIsInt8(IpuType elem);
bool hlIsInt16(IpuType elem);
/* Element type of the product of two tensors (conv, matmul, gemm): the
 * operands' own for floats and 32/64-bit integers; i32 for 8-bit or
 * 16-bit integers (activations) times 8-bit integers (weights), where a
 * 16-bit second operand is an error; NULL after an error. */
IpuType hlProductElementType(const HlCheck *c, const HlTensor *a,
                             const char *aName, const HlTensor *b,
                             const char *bName);

/* ---- Attributes (properties first, then the discardable dictionary). - */

IpuAttr hlAttr(const HlCheck *c, const char *name);
/* The attribute, or NULL after "requires attribute 'name'". */
IpuAttr hlRequiredAttr(const HlCheck *c, const char *name);
/* Each getter leaves `*out` at the default when the attribute is absent
 * and reports a constraint error when it has the wrong kind. */
IpuLogicalResult hlAttrI64(const HlCheck *c, const char *name, int64_t dflt,
                           int64_t *out);
IpuLogicalResult hlAttrBool(const HlCheck *c, const char *name, bool dflt,
                            bool *out);
/* An f32 float attribute ("32-bit float attribute" as ODS's F32Attr). */
IpuLogicalResult hlAttrF32(const HlCheck *c, const char *name, double dflt,
                           double *out, bool *present);
IpuLogicalResult hlAttrString(const HlCheck *c, const char *name,
                              const char *dflt, IpuStringRef *out);
/* The value must be one of `choices` (NULL-terminated); writes its index. */
IpuLogicalResult hlAttrEnum(const HlCheck *c, const char *name,
                            const char *const *choices, int dflt, int *out);

typedef struct {
  bool present;
  intptr_t n;
  const int64_t *v;
} HlI64Array;
typedef struct {
  bool present;
  intptr_t n;
  const float *v;
} HlF32Array;

IpuLogicalResult hlAttrI64Array(const HlCheck *c, const char *name,
                                HlI64Array *out);
IpuLogicalResult hlAttrF32Array(const HlCheck *c, const char *name,
                                HlF32Array *out);
/* "attribute 'strides' expects 2 elements, got 3". */
IpuLogicalResult hlExpectCount(const HlCheck *c, const char *name,
                               intptr_t have, intptr_t want);
/* "shape must be non-negative, got -1 at index 0" followed by `note`
 * (may be "") unless every value is. */
IpuLogicalResult hlExpectNonNegative(const HlCheck *c, const char *name,
                                     const HlI64Array *a, const char *note);
/* The single ranked operand of a shape op and its required integer array
 * attribute `name` (reshape's shape, tile's repeats, pad's pads). */
IpuLogicalResult hlRankedWithArray(const HlCheck *c, const char *name,
                                   HlTensor *input, HlI64Array *values);

/* ---- Dimensions. ------------------------------------------------------ */

/* Dimension lists of any rank: inline up to 16, on the heap above. */
typedef struct {
  IpuContext *ctx;
  intptr_t n;
  int64_t *v;
  int64_t small[16];
} HlDims;

IpuLogicalResult hlDimsInit(const HlCheck *c, HlDims *d, intptr_t n);
void hlDimsFree(HlDims *d);
IpuType hlRankedType(const HlCheck *c, intptr_t rank, const int64_t *dims,
                     IpuType elem);
/* The end of a shape function that computed `dims`: unless `ok` is a
 * failure already, results[0] becomes the ranked tensor type of those
 * dimensions and `elem`. Frees `dims` either way. */
IpuLogicalResult hlDimsResult(const HlCheck *c, IpuLogicalResult ok,
                              HlDims *dims, IpuType elem, IpuType *results);

/* "4", or "?" for a dynamic size; `buf` holds at least 24 bytes. */
const char *hlDimText(int64_t d, char *buf);
/* "'W' has shape 1x32x4, expected 1x32x5" unless `t` (ranked, of
 * `rank` dimensions) matches `want` where both are static. */
IpuLogicalResult hlExpectDims(const HlCheck *c, const char *what,
                              const HlTensor *t, intptr_t rank,
                              const int64_t *want);

/* Checked arithmetic on non-negative sizes; false on overflow. */
bool hlAddOk(int64_t a, int64_t b, int64_t *out);
bool hlMulOk(int64_t a, int64_t b, int64_t *out);

/* Normalises an axis in [-rank, rank) to [0, rank) ("axis 3 is out of
 * range for rank 2" otherwise). */
IpuLogicalResult hlNormalizeAxis(const HlCheck *c, const char *what,
                                 int64_t axis, intptr_t rank, int64_t *out);

/* The numpy broadcast of two shapes; "operands don't have
 * broadcast-compatible shapes" when they have none. */
IpuLogicalResult hlBroadcastShapes(const HlCheck *c, const HlTensor *a,
                                   const HlTensor *b, HlDims *out);

/* ---- One-operand ops (hl_verify_elementwise.c). ---------------------- */

/* One tensor operand whose very type the result has (the uniform short
 * form prints a single type for both); `floatOnly` wants float elements.
 * The optional f32 attributes `attrA` and `attrB` (NULL: none) must have
 * that kind; their values are the kernels' business. */
IpuLogicalResult hlUnaryShape(HlCheck *c, IpuType *results, bool floatOnly,
                              const char *attrA, const char *attrB);
/* The shape function of softmax, log_softmax and hardmax: a float unary op
 * with an `axis` in [-rank, rank). */
IpuLogicalResult hlAxisUnaryShape(HlCheck *c, IpuType *results);

/* The hooks of a one-operand op that hlUnaryShape checks entirely, for
 * elements of any type or float elements only (attrA / attrB as there). */
#define HL_DEFINE_UNARY_HOOKS(Name, opName, attrA, attrB)                     \
  HL_DEFINE_UNARY_HOOKS_(Name, opName, false, attrA, attrB)
#define HL_DEFINE_FLOAT_UNARY_HOOKS(Name, opName, attrA, attrB)               \
  HL_DEFINE_UNARY_HOOKS_(Name, opName, true, attrA, attrB)
#define HL_DEFINE_UNARY_HOOKS_(Name, opName, floatOnly, attrA, attrB)         \
  static IpuLogicalResult unaryShape##Name(HlCheck *c, IpuType *results) {    \
    return hlUnaryShape(c, results, floatOnly, attrA, attrB);                 \
  }                                                                           \
  HL_DEFINE_HOOKS(Name, opName, unaryShape##Name, 1)

/* ---- Fused activations (hl_verify_activation.c). --------------------- */

/* Checks `activation` / `activation_params` of a conv2d, conv_transpose,
 * matmul or gemm whose result element type is `elem`. */
IpuLogicalResult hlCheckFusedActivation(const HlCheck *c, IpuType elem);

/* ---- Slices (hl_verify_shape.c; the fold shares them). --------------- */

/* Reads and checks starts/ends/axes/steps of a slice of a rank-`rank`
 * input; `axes` gets one normalised axis per start (free it). */
IpuLogicalResult hlReadSlice(const HlCheck *c, intptr_t rank,
                             HlI64Array *starts, HlI64Array *ends,
                             HlDims *axes, HlI64Array *steps);
/* The result dimensions (input->rank of them) of that slice. */
void hlSliceDims(const HlTensor *input, const HlI64Array *starts,
                 const HlI64Array *ends, const HlDims *axes,
                 const HlI64Array *steps, int64_t *dims);

#endif
