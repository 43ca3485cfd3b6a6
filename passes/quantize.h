/* The quantize pass's shared state and the interfaces between its parts:
 * calibration, parameter choice, rewriting and the error report. */
#ifndef IPU_PASSES_QUANTIZE_H
#define IPU_PASSES_QUANTIZE_H

#include "passes.h"

/* Observed values of one float tensor over the calibration samples. */
typedef struct {
  double absMax;
  /* Histogram of |x| over [0, absMax] (percentile calibration only). */
  int64_t *hist;
  int64_t count;
  double clipped; /* the chosen bound: absMax or the percentile */
  /* Non-zero elements, and those of them int8 would round to zero
   * (|x| < absMax / 254): a value mostly made of such elements (a power
   * spectrum) has no useful int8 form. */
  int64_t nonZero, tiny;
  /* With gptq, for the input of a gemm / matmul with constant weights:
   * sum of x x^T over its rows (k x k), else NULL. */
  double *gram;
  int64_t gramK;
} QRange;

/* A quantized layer whose output the report compares with the float
 * network: the float op (by position in the body) and the quantized
 * value standing for its result, an integer tensor at `scale` (or a float
 * tensor when `scale` is 0). */
typedef struct {
  intptr_t floatIndex;
  IpuOp *quantOp;
  intptr_t quantResult;
  float scale;
  IpuOp *anchor; /* where the remark goes (the requantize / last op) */
  /* Report accumulators. */
  double maxAbsError, dot, normFloat, normQuant;
  int64_t count;
} QLayer;

typedef struct {
  IpuContext *ctx;
  IpuOp *func;
  IpuBlock *body;
  double percentile; /* 100: min/max */
  bool mse;          /* clip each activation at its min-MSE bound */
  bool gptq;         /* error-compensating weight rounding (gemm / matmul) */
  bool floatOutputLayers; /* keep the layers making the outputs float */
  const char *weightBits4; /* comma-separated location names */
  /* Wide (16-bit) activations: wideLayers[i] for the op at position i of
   * the body (numBodyOps of them) asks for a 16-bit input; NULL: none. */
  bool *wideLayers;
  intptr_t numBodyOps;
  int64_t numWide; /* layers given a wide input by the last rewrite */
  /* Calibration samples: inputs[s * numArgs + a]. */
  IpuTensor *inputs;
  intptr_t numSamples, numArgs;
  /* Float value -> index + 1 into ranges. */
  IpuPtrMap rangeIndex;
  QRange *ranges;
  intptr_t numRanges, capRanges;
  /* The layers the report covers. */
  QLayer *layers;
  intptr_t numLayers, capLayers;
  int64_t numQuantized, numFloatOps, numWeights4;
  unsigned blobCounter;
  bool failed;
} QState;

/* ---- Calibration (quantize_calib.c). ---- */
/* Reads the samples named by the comma-separated `paths` for the
 * function's arguments; errors located at the function. */
bool qLoadCalibration(QState *st, const char *paths);
/* Runs the float function on every sample, recording each value's
 * range. */
bool qCalibrate(QState *st);
void qFreeCalibration(QState *st);
/* Whether `v` was observed and int8 represents it: at most half of its
 * non-zero elements round to zero. */
bool qIsInt8Friendly(QState *st, IpuValue v);
/* The calibrated range of float value `v`, NULL if never observed. */
QRange *qRangeOf(QState *st, IpuValue v);
/* Makes `to` share the range recorded for `from`. */
bool qAliasRange(QState *st, IpuValue from, IpuValue to);

/* ---- Parameters (quantize_params.c). ---- */
/* The scale of an activation stored within +-qmax (127: int8): bound /
 * qmax (1 when the bound is 0). */
float qActivationScale(const QRange *r, int qmax);
/* The fixed-point form of a real factor (multiplier 0 when the factor is
 * too small to matter, clamped when too large). */
void qMultiplier(double factor, int64_t *multiplier, int64_t *shift);
/* Quantizes the float weight `w` symmetric per channel: channel of element
 * i is channelOf(i); values in [-qmax, qmax]; scales[c] out. wq is an i8
 * tensor of w's shape. */
bool qQuantizeWeights(const IpuTensor *w, int64_t channels,
                      int64_t (*channelOf)(const IpuTensor *, int64_t,
                                           const void *),
                      const void *channelData, int qmax, IpuTensor *wq,
                      float *scales);

/* GPTQ rounding of the rows of w (n x k, row-major, modified in place)
 * on the per-row scales `scales` (computed here from max |w|, then fixed):
 * each column is rounded in turn and its error pushed onto the columns
 * not rounded yet, weighted by the inverse of the damped Gram matrix
 * `gram` (k x k) of the layer's inputs, so that the product with inputs
 * like the calibration ones changes least. Falls back to plain rounding
 * (false) when the matrix cannot be factorized. q gets the values. */
bool qGptqRound(IpuContext *ctx, double *w, int64_t n, int64_t k,
                const double *gram, int qmax, int8_t *q, float *scales);

/* ---- Wide activations (quantize_wide.c). ---- */
/* The most a wide activation holds: its values in [-16383, 16383] are two
 * slices of an 8-bit DAC (7 unsigned bits, then 8 signed). */
enum { Q_WIDE_QMAX = 16383 };
/* Fills `out` (float value -> qmax) with the values that feed the layers
 * st->wideLayers asks for, through scale-preserving ops: qmax is
 * Q_WIDE_QMAX or less, so that no i32 accumulator of a layer they feed
 * can overflow (K * qmax * 127 < 2^31). */
bool qWideValues(QState *st, IpuPtrMap *out);
/* Reads the wide-activations option (location names or "all") into
 * st->wideLayers. */
bool qParseWideLayers(QState *st, const char *names);
/* Widens layer inputs, most helpful first, until every output's cosine
 * similarity with the float function over the calibration samples
 * reaches `target`; each candidate is tried on a clone of the function.
 * Leaves the choice in st->wideLayers. */
bool qChooseWideLayers(QState *st, double target);
/* Whether a location (or a location inside it) has the name `name`. */
bool qLocHasName(IpuLocation loc, const char *name);

/* ---- Rewriting (quantize_rewrite.c). ---- */
/* Rewrites the body into integer arithmetic; records the layers. */
bool qRewrite(QState *st);
/* Ops that commute with a symmetric per-tensor quantization (reshapes,
 * maxpool, relu): their integer form keeps the operand's scale. */
bool qIsScalePreserving(const IpuOp *op);
/* Whether `op` is a multiplication or division of a float tensor by a
 * positive scalar constant (all elements equal, the result's shape that
 * of the other operand): *operand gets the other operand and *factor c
 * (mul) or 1 / c (div). Its integer form is the operand's at a scale
 * times the factor. */
bool qIsScalarScale(IpuContext *ctx, IpuOp *op, IpuValue *operand,
                    double *factor);

/* ---- Report (quantize_report.c). ---- */
/* The cosine similarity from the dot product and the squared norms (1 for
 * two zero vectors, 0 for one). */
double qCosine(double dot, double nf, double nq);
/* Compares the quantized function with `floatFunc` (the float original,
 * detached) on the calibration samples; emits the remarks, statistics and
 * the JSON file (when `jsonPath` is not empty). */
bool qReport(QState *st, IpuOp *floatFunc, IpuPassRun *run,
             const char *jsonPath);

#endif
