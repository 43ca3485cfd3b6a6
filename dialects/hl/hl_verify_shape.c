/* Verifiers and result type inference of the hl shape ops: reshape,
 * flatten, transpose, concat and slice (ONNX's clamping rules). */
#include "hl_check.h"
#include "hl_hooks.h"

static bool staticDim(int64_t d) { return d != IPU_DYNAMIC; }

/* Product of dims[begin, end); dynamic if any is; false on overflow. */
static bool product(const int64_t *dims, intptr_t begin, intptr_t end,
                    int64_t *out) {
  int64_t p = 1;
  bool dynamic = false;
  for (intptr_t i = begin; i < end; ++i) {
    if (!staticDim(dims[i]))
      dynamic = true;
    else if (!hlMulOk(p, dims[i], &p))
      return false;
  }
  *out = dynamic ? IPU_DYNAMIC : p;
  return true;
}

/* ---- Reshape and flatten. --------------------------------------------- */

static IpuLogicalResult reshapeShape(HlCheck *c, IpuType *results) {
  HlTensor input;
  HlI64Array shape;
  if (ipuFailed(hlRankedWithArray(c, "shape", &input, &shape)) ||
      ipuFailed(hlExpectNonNegative(c, "shape", &shape,
                                    " (-1 and 0 are resolved at import)")))
    return IPU_FAILURE;
  int64_t have, want;
  if (!product(input.dims, 0, input.rank, &have) ||
      !product(shape.v, 0, shape.n, &want))
    return hlError(c, "number of elements overflows");
  if (staticDim(have) && have != want)
    return hlError(c, "requires the same number of elements: the input has "
                      "%lld, the shape %lld",
                   (long long)have, (long long)want);
  results[0] = hlRankedType(c, shape.n, shape.v, input.elem);
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

static IpuLogicalResult flattenShape(HlCheck *c, IpuType *results) {
  HlTensor input;
  int64_t axis;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlRankedOperand(c, 0, &input)) ||
      ipuFailed(hlAttrI64(c, "axis", 1, &axis)))
    return IPU_FAILURE;
  /* Unlike most axes, rank itself is valid (everything in the rows). */
  if (axis < -(int64_t)input.rank || axis > (int64_t)input.rank)
    return hlError(c, "axis %lld is out of range for rank %jd",
                   (long long)axis, (intmax_t)input.rank);
  if (axis < 0)
    axis += input.rank;
  int64_t dims[2];
  if (!product(input.dims, 0, axis, &dims[0]) ||
      !product(input.dims, axis, input.rank, &dims[1]))
    return hlError(c, "number of elements overflows");
  results[0] = hlRankedType(c, 2, dims, input.elem);
  return results[0] ? IPU_SUCCESS : IPU_FAILURE;
}

HL_DEFINE_HOOKS(Reshape, "hl.reshape", reshapeShape, 1)
HL_DEFINE_HOOKS(Flatten, "hl.flatten", flattenShape, 1)

/* ---- Transpose. ------------------------------------------------------- */

static IpuLogicalResult transposeShape(HlCheck *c, IpuType *results) {
  HlTensor input;
  HlI64Array perm;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlRankedOperand(c, 0, &input)) ||
      ipuFailed(hlAttrI64Array(c, "perm", &perm)))
    return IPU_FAILURE;
  if (perm.present &&
      ipuFailed(hlExpectCount(c, "perm", perm.n, input.rank)))
    return IPU_FAILURE;
  HlDims dims, seen;
  if (ipuFailed(hlDimsInit(c, &dims, input.rank)))
    return IPU_FAILURE;
  if (ipuFailed(hlDimsInit(c, &seen, input.rank))) {
    hlDimsFree(&dims);
    return IPU_FAILURE;
  }
  for (intptr_t i = 0; i < input.rank; ++i)
    seen.v[i] = 0;
  IpuLogicalResult ok = IPU_SUCCESS;
  for (intptr_t i = 0; i < input.rank && ipuSucceeded(ok); ++i) {
    int64_t from = perm.present ? perm.v[i] : input.rank - 1 - i;
    if (from < 0 || from >= input.rank || seen.v[from]++)
      ok = hlError(c, "perm must be a permutation of [0, %jd)",
                   (intmax_t)input.rank);
    else
      dims.v[i] = input.dims[from];
  }
  hlDimsFree(&seen);
  return hlDimsResult(c, ok, &dims, input.elem, results);
}

HL_DEFINE_HOOKS(Transpose, "hl.transpose", transposeShape, 1)

/* ---- Concat. ---------------------------------------------------------- */

static IpuLogicalResult concatShape(HlCheck *c, IpuType *results) {
  HlTensor first;
  int64_t axis;
  if (ipuFailed(hlCheckOperandCount(c, 1, -1)) ||
      ipuFailed(hlRankedOperand(c, 0, &first)) ||
      !hlRequiredAttr(c, "axis") ||
      ipuFailed(hlAttrI64(c, "axis", 0, &axis)) ||
      ipuFailed(hlNormalizeAxis(c, "axis", axis, first.rank, &axis)))
    return IPU_FAILURE;
  HlDims dims;
  if (ipuFailed(hlDimsInit(c, &dims, first.rank)))
    return IPU_FAILURE;
  for (intptr_t d = 0; d < first.rank; ++d)
    dims.v[d] = first.dims[d];
  IpuLogicalResult ok = IPU_SUCCESS;
  for (intptr_t i = 1; i < c->numOperands && ipuSucceeded(ok); ++i) {
    HlTensor t;
    if (ipuFailed(ok = hlRankedOperand(c, i, &t)))
      break;
    if (t.elem != first.elem) {
      ok = hlError(c, "requires the same element type for all operands");
      break;
    }
    if (t.rank != first.rank) {
      ok = hlError(c, "operand #%jd has rank %jd, expected %jd", (intmax_t)i,
                   (intmax_t)t.rank, (intmax_t)first.rank);
      break;
    }
    for (intptr_t d = 0; d < t.rank; ++d) {
      int64_t size = t.dims[d];
      if (d == axis) {
        if (!staticDim(size) || !staticDim(dims.v[d]))
          dims.v[d] = IPU_DYNAMIC;
        else if (!hlAddOk(dims.v[d], size, &dims.v[d])) {
          ok = hlError(c, "concatenated dimension overflows");
          break;
        }
      } else if (!staticDim(dims.v[d])) {
        dims.v[d] = size;
      } else if (staticDim(size) && size != dims.v[d]) {
        ok = hlError(c, "operand #%jd has size %lld in dimension %jd, "
                        "expected %lld",
                     (intmax_t)i, (long long)size, (intmax_t)d,
                     (long long)dims.v[d]);
        break;
      }
    }
  }
  return hlDimsResult(c, ok, &dims, first.elem, results);
}

HL_DEFINE_HOOKS(Concat, "hl.concat", concatShape, 1)

/* ---- Slice. ----------------------------------------------------------- */

/* Length of a slice of a static dimension, ONNX's way. */
static int64_t sliceLength(int64_t dim, int64_t start, int64_t end,
                           int64_t step) {
  if (start < 0)
    start += dim;
  if (end < 0)
    end += dim;
  if (step > 0) {
    start = start < 0 ? 0 : start > dim ? dim : start;
    end = end < 0 ? 0 : end > dim ? dim : end;
    return end > start ? (end - start - 1) / step + 1 : 0;
  }
  start = start < 0 ? 0 : start > dim - 1 ? dim - 1 : start;
  end = end < -1 ? -1 : end > dim - 1 ? dim - 1 : end;
  /* step < 0: count the indices start, start + step, ... above end. */
  return start > end ? (start - end - 1) / -step + 1 : 0;
}

/* Reads the slice attributes: `n` sliced axes (normalised, distinct). */
IpuLogicalResult hlReadSlice(const HlCheck *c, intptr_t rank,
                             HlI64Array *starts, HlI64Array *ends,
                             HlDims *axes, HlI64Array *steps) {
  HlI64Array axesAttr;
  if (!hlRequiredAttr(c, "starts") || !hlRequiredAttr(c, "ends") ||
      ipuFailed(hlAttrI64Array(c, "starts", starts)) ||
      ipuFailed(hlAttrI64Array(c, "ends", ends)) ||
      ipuFailed(hlAttrI64Array(c, "axes", &axesAttr)) ||
      ipuFailed(hlAttrI64Array(c, "steps", steps)) ||
      ipuFailed(hlExpectCount(c, "ends", ends->n, starts->n)) ||
      (axesAttr.present &&
       ipuFailed(hlExpectCount(c, "axes", axesAttr.n, starts->n))) ||
      (steps->present &&
       ipuFailed(hlExpectCount(c, "steps", steps->n, starts->n))))
    return IPU_FAILURE;
  if (!axesAttr.present && starts->n > rank)
    return hlError(c, "slices %jd axes of a rank-%jd input",
                   (intmax_t)starts->n, (intmax_t)rank);
  if (ipuFailed(hlDimsInit(c, axes, starts->n)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < starts->n; ++i) {
    int64_t axis = axesAttr.present ? axesAttr.v[i] : i;
    if (ipuFailed(hlNormalizeAxis(c, "axis", axis, rank, &axes->v[i])))
      goto fail;
    for (intptr_t j = 0; j < i; ++j) {
      if (axes->v[j] == axes->v[i]) {
        hlError(c, "axes must be distinct, axis %lld repeats",
                (long long)axes->v[i]);
        goto fail;
      }
    }
    if (steps->present && steps->v[i] == 0) {
      hlError(c, "steps must be non-zero");
      goto fail;
    }
  }
  return IPU_SUCCESS;
fail:
  hlDimsFree(axes);
  return IPU_FAILURE;
}

/* Output dims of a slice; `sliceLength` per sliced static axis. */
void hlSliceDims(const HlTensor *input, const HlI64Array *starts,
                 const HlI64Array *ends, const HlDims *axes,
                 const HlI64Array *steps, int64_t *dims) {
  for (intptr_t d = 0; d < input->rank; ++d)
    dims[d] = input->dims[d];
  for (intptr_t i = 0; i < starts->n; ++i) {
    int64_t axis = axes->v[i], dim = input->dims[axis];
    int64_t step = steps->present ? steps->v[i] : 1;
    dims[axis] = staticDim(dim)
                     ? sliceLength(dim, starts->v[i], ends->v[i], step)
                     : IPU_DYNAMIC;
  }
}

static IpuLogicalResult sliceShape(HlCheck *c, IpuType *results) {
  HlTensor input;
  HlI64Array starts, ends, steps;
  HlDims axes, dims;
  if (ipuFailed(hlCheckOperandCount(c, 1, 1)) ||
      ipuFailed(hlRankedOperand(c, 0, &input)) ||
      ipuFailed(hlReadSlice(c, input.rank, &starts, &ends, &axes, &steps)))
    return IPU_FAILURE;
  if (ipuFailed(hlDimsInit(c, &dims, input.rank))) {
    hlDimsFree(&axes);
    return IPU_FAILURE;
  }
  hlSliceDims(&input, &starts, &ends, &axes, &steps, dims.v);
  hlDimsFree(&axes);
  return hlDimsResult(c, IPU_SUCCESS, &dims, input.elem, results);
}

HL_DEFINE_HOOKS(Slice, "hl.slice", sliceShape, 1)
