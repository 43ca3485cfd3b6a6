/* The check of the fused activation that conv2d, conv_transpose, matmul and
 * gemm may carry (`activation`, `activation_params`), shared by their
 * verifiers and result type inference. */
#include "hl_check.h"

/* The names the attribute may hold, with the number of parameters each
 * takes; the order is the one error messages list. */
static const char *const kActivationNames[] = {
    "relu", "leaky_relu", "clip", "sigmoid", "tanh", "hard_sigmoid",
    "hard_swish", NULL};
static const int kActivationParams[] = {0, 1, 2, 0, 0, 2, 0};
enum { ACTIVATION_CLIP = 2 };

IpuLogicalResult hlCheckFusedActivation(const HlCheck *c, IpuType elem) {
  HlF32Array params;
  if (ipuFailed(hlAttrF32Array(c, "activation_params", &params)))
    return IPU_FAILURE;
  IpuAttr name = hlAttr(c, "activation");
  if (!name) {
    if (params.present)
      return hlError(c, "attribute 'activation_params' requires "
                        "'activation'");
    return IPU_SUCCESS;
  }
  int which;
  if (ipuFailed(hlAttrEnum(c, "activation", kActivationNames, 0, &which)))
    return IPU_FAILURE;
  if (!hlIsFloat(elem)) {
    DialectText text;
    return hlError(c, "fused activation requires a float result, got "
                      "element type '%s'",
                   dialectTypeText(elem, &text));
  }
  intptr_t want = kActivationParams[which];
  if (params.n != want)
    return hlError(c, "activation \"%s\" takes %jd parameter%s in "
                      "'activation_params', got %jd",
                   kActivationNames[which], (intmax_t)want,
                   want == 1 ? "" : "s", (intmax_t)params.n);
  /* NaN bounds fail the comparison too. */
  if (which == ACTIVATION_CLIP && !(params.v[0] <= params.v[1]))
    return hlError(c, "clip activation requires min <= max, got %g and %g",
                   (double)params.v[0], (double)params.v[1]);
  return IPU_SUCCESS;
}
