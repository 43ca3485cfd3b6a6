/* Helpers shared by the hl folders: which dense constants can be computed
 * on, building new dense attributes element by element, and moving raw
 * elements of any type between constants (for shape folds). */
#ifndef IPU_HL_FOLD_SUPPORT_H
#define IPU_HL_FOLD_SUPPORT_H

#include "hl_hooks.h"

/* Constants above this many elements are not copied by shape folds. */
enum { HL_FOLD_MAX_ELEMENTS = 1 << 20 };

/* How the elements of a dense attribute are computed on: integers of the
 * widths whose storage is exactly their width (wrap-around arithmetic),
 * f32 and f64. Other element types are not folded arithmetically. */
typedef enum { ELEM_NONE, ELEM_INT, ELEM_F32, ELEM_F64 } HlElemKind;

HlElemKind hlElemKindOf(IpuType shaped);
/* A dense elements attribute (not a resource) of a computable kind. */
bool hlIsFoldable(IpuAttr a);
bool hlIsUnsignedElement(IpuType shaped);
bool hlIsIntElement(IpuAttr a);

/* Element storage of a new dense attribute of `type`: one element for a
 * splat, all of them otherwise. */
typedef struct {
  IpuContext *ctx;
  IpuType type;
  HlElemKind kind;
  size_t elemBytes;
  int64_t count;
  bool splat;
  uint8_t *data;
} HlDenseBuilder;

/* Only for computable kinds (hlElemKindOf(type) != ELEM_NONE). */
bool hlDenseBuilderInit(HlDenseBuilder *db, IpuContext *ctx, IpuType type,
                        bool splat);
void hlDenseBuilderSetInt(HlDenseBuilder *db, int64_t i, uint64_t v);
void hlDenseBuilderSetFloat(HlDenseBuilder *db, int64_t i, double v);
/* Hands the data to a new (or existing, equal) attribute. */
IpuAttr hlDenseBuilderFinish(HlDenseBuilder *db);
/* Frees the data of a builder that is not finished. */
void hlDenseBuilderDiscard(HlDenseBuilder *db);

/* True if every element of the dense attribute `a` satisfies `pred`;
 * stops at the first that does not. */
typedef bool (*HlElementPredicate)(IpuAttr a, int64_t i);
bool hlAllElements(IpuAttr a, HlElementPredicate pred);

/* The result type of an op with exactly `numOperands` operands and one
 * result, or NULL. */
IpuType hlSingleResultType(IpuOp *op, intptr_t numOperands);
/* Folds a one-operand op whose result has its operand's very type to
 * that operand (an identity transpose, a cast to the same type, ...).
 * Ops whose dynamic extents could still change (reshape, expand) must
 * first check that the type is static. */
bool hlFoldToInput(IpuOp *op, IpuFoldResult *results);

/* Raw elements of a dense attribute: `count` elements of `elemBytes`
 * each; a splat repeats its one stored element. */
typedef struct {
  const uint8_t *data;
  size_t elemBytes;
  bool splat;
} HlRawElements;

/* Raw view of a dense (not resource) attribute of a static shape with at
 * most HL_FOLD_MAX_ELEMENTS elements. */
bool hlRawElements(IpuAttr a, HlRawElements *raw);
static inline const uint8_t *hlRawElement(const HlRawElements *raw,
                                          int64_t i) {
  return raw->splat ? raw->data : raw->data + (size_t)i * raw->elemBytes;
}

/* Output elements of `resultType` gathered from `src` (of the shape
 * `srcDims`, of the result's rank): output axis d walks input axis `axis[d]` from `base[d]` in
 * steps of `step[d]` (transpose and slice are both such gathers). */
IpuAttr hlGatherElements(IpuContext *ctx, IpuType resultType,
                         const HlRawElements *src, const int64_t *srcDims,
                         const int64_t *axis, const int64_t *base,
                         const int64_t *step);

#endif
