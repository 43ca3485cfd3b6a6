/* ONNX Slice (negative steps, clamping) and Pad (constant, reflect, edge,
 * wrap; negative pads crop), for every element type. */
#include "kernel_util.h"

#include <stdlib.h>
#include <string.h>

bool ipuKernelSlice(const IpuTensor *x, int n, const int64_t *starts,
                    const int64_t *ends, const int64_t *axes,
                    const int64_t *steps, IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Slice";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  int r = x->rank;
  if (n < 0 || n > r || (n > 0 && (!starts || !ends)))
    return ipuKFail(err, op, "invalid number of slice entries %d for rank %d",
                    n, r);
  int64_t first[IPU_TENSOR_MAX_RANK], step[IPU_TENSOR_MAX_RANK];
  int64_t shape[IPU_TENSOR_MAX_RANK];
  bool seen[IPU_TENSOR_MAX_RANK] = {false};
  for (int a = 0; a < r; a++) {
    first[a] = 0;
    step[a] = 1;
    shape[a] = x->shape[a];
  }
  for (int i = 0; i < n; i++) {
    int64_t a;
    if (!ipuKAxis(axes ? axes[i] : i, r, &a))
      return ipuKFail(err, op, "axis %lld is out of range for rank %d",
                      (long long)(axes ? axes[i] : i), r);
    if (seen[a])
      return ipuKFail(err, op, "axis %lld is repeated", (long long)a);
    seen[a] = true;
    int64_t s = steps ? steps[i] : 1;
    if (s == 0)
      return ipuKFail(err, op, "step must not be 0");
    if (s == INT64_MIN)
      s = -INT64_MAX; /* same slice, and its negation exists */
    int64_t dim = x->shape[a], b = starts[i], e = ends[i];
    if (b < 0)
      b += dim;
    if (e < 0)
      e += dim;
    int64_t len;
    if (dim == 0) {
      len = 0; /* the negative-step clamps below assume a non-empty axis */
    } else if (s > 0) {
      b = b < 0 ? 0 : (b > dim ? dim : b);
      e = e < 0 ? 0 : (e > dim ? dim : e);
      len = e > b ? (e - b - 1) / s + 1 : 0;
    } else {
      b = b < 0 ? 0 : (b > dim - 1 ? dim - 1 : b);
      e = e < -1 ? -1 : (e > dim - 1 ? dim - 1 : e);
      len = b > e ? (b - e - 1) / (-s) + 1 : 0;
    }
    first[a] = len > 0 ? b : 0;
    step[a] = s;
    shape[a] = len;
  }
  if (!ipuKAlloc(y, x->dtype, r, shape, op, err))
    return false;
  int64_t total = ipuTensorNumElements(y);
  if (total == 0)
    return true;
  size_t es = ipuDTypeSize(x->dtype);
  int64_t inStrides[IPU_TENSOR_MAX_RANK];
  ipuKStrides(r, x->shape, inStrides);
  int64_t inner = r > 0 ? shape[r - 1] : 1;
  int64_t innerStep = r > 0 ? step[r - 1] * inStrides[r - 1] : 0;
  int64_t idx[IPU_TENSOR_MAX_RANK] = {0};
  const char *src = x->data;
  char *dst = y->data;
  for (int64_t o = 0; o < total; o += inner) {
    int64_t off = 0;
    for (int a = 0; a < r; a++)
      off += (first[a] + idx[a] * step[a]) * inStrides[a];
    char *d = dst + (size_t)o * es;
    if (innerStep == 1)
      memcpy(d, src + (size_t)off * es, (size_t)inner * es);
    else
      for (int64_t j = 0; j < inner; j++)
        memcpy(d + (size_t)j * es, src + (size_t)(off + j * innerStep) * es,
               es);
    for (int a = r - 2; a >= 0; a--) {
      if (++idx[a] < shape[a])
        break;
      idx[a] = 0;
    }
  }
  return true;
}

/* Input index of output position o on an axis with `pad` leading pads, or
 * -1 for the constant value. */
static int64_t padSource(IpuPadMode mode, int64_t o, int64_t pad,
                         int64_t in) {
  int64_t i = o - pad;
  if (i >= 0 && i < in)
    return i;
  switch (mode) {
  case IPU_PAD_EDGE:
    return i < 0 ? 0 : in - 1;
  case IPU_PAD_REFLECT: {
    if (in == 1)
      return 0;
    int64_t period = 2 * (in - 1);
    i = i < 0 ? -i : i;
    i %= period;
    return i >= in ? period - i : i;
  }
  case IPU_PAD_WRAP:
    i %= in;
    return i < 0 ? i + in : i;
  default:
    return -1;
  }
}

bool ipuKernelPad(const IpuTensor *x, IpuPadMode mode, const int64_t *pads,
                  double value, IpuTensor *y, IpuKernelError *err) {
  static const char op[] = "Pad";
  memset(y, 0, sizeof *y);
  if (!ipuKCheck(x, op, "input", err))
    return false;
  if ((unsigned)mode > IPU_PAD_WRAP)
    return ipuKFail(err, op, "unknown mode %d", (int)mode);
  int r = x->rank;
  if (r > 0 && !pads)
    return ipuKFail(err, op, "missing pads");
  int64_t shape[IPU_TENSOR_MAX_RANK];
  for (int a = 0; a < r; a++) {
    int64_t pb = pads[a], pe = pads[r + a];
    if (pb <= -((int64_t)1 << 40) || pb >= ((int64_t)1 << 40) ||
        pe <= -((int64_t)1 << 40) || pe >= ((int64_t)1 << 40))
      return ipuKFail(err, op, "pads on axis %d are out of range", a);
    shape[a] = x->shape[a] + pb + pe;
    if (shape[a] < 0)
      return ipuKFail(err, op, "pads %lld, %lld remove more than the extent "
                      "%lld of axis %d", (long long)pb, (long long)pe,
                      (long long)x->shape[a], a);
    if (mode != IPU_PAD_CONSTANT && x->shape[a] == 0 && shape[a] > 0)
      return ipuKFail(err, op, "cannot pad the empty axis %d in this mode",
                      a);
  }
  if (!ipuKAlloc(y, x->dtype, r, shape, op, err))
    return false;
  int64_t total = ipuTensorNumElements(y);
  if (total == 0)
    return true;
  /* Source index of every output position, axis by axis. */
  int64_t sumOut = 0;
  for (int a = 0; a < r; a++)
    sumOut += shape[a];
  int64_t *maps = ipuKScratch(sumOut, sizeof(int64_t));
  if (!maps) {
    ipuTensorFree(y);
    return ipuKFail(err, op, "out of memory");
  }
  int64_t *map[IPU_TENSOR_MAX_RANK];
  int64_t k = 0;
  for (int a = 0; a < r; a++) {
    map[a] = maps + k;
    for (int64_t o = 0; o < shape[a]; o++)
      map[a][o] = padSource(mode, o, pads[a], x->shape[a]);
    k += shape[a];
  }
  size_t es = ipuDTypeSize(x->dtype);
  unsigned char fill[16];
  memset(fill, 0, sizeof fill);
  ipuKStoreF64(fill, x->dtype, 0, value);
  int64_t inStrides[IPU_TENSOR_MAX_RANK];
  ipuKStrides(r, x->shape, inStrides);
  int64_t inner = r > 0 ? shape[r - 1] : 1;
  int64_t idx[IPU_TENSOR_MAX_RANK] = {0};
  const char *src = x->data;
  char *dst = y->data;
  for (int64_t o = 0; o < total; o += inner) {
    int64_t off = 0;
    bool constant = false;
    for (int a = 0; a < r - 1; a++) {
      int64_t s = map[a][idx[a]];
      constant = constant || s < 0;
      off += s * inStrides[a];
    }
    char *d = dst + (size_t)o * es;
    for (int64_t j = 0; j < inner; j++) {
      int64_t s = r > 0 ? map[r - 1][j] : 0;
      if (constant || s < 0)
        memcpy(d + (size_t)j * es, fill, es);
      else
        memcpy(d + (size_t)j * es, src + (size_t)(off + s) * es, es);
    }
    for (int a = r - 2; a >= 0; a--) {
      if (++idx[a] < shape[a])
        break;
      idx[a] = 0;
    }
  }
  free(maps);
  return true;
}
