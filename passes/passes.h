/* Definitions of the passes in passes/ (one file each) and small helpers
 * they share; private to the passes library. */
#ifndef IPU_PASSES_PASSES_H
#define IPU_PASSES_PASSES_H

#include "ipu/ipu.h"
#include "ipu/ptr_map.h"
#include "ipu/interp.h"

extern const IpuPassDef ipuCanonicalizePass;   /* canonicalize.c */
extern const IpuPassDef ipuCSEPass;            /* cse.c */
extern const IpuPassDef ipuDCEPass;            /* dce.c */
extern const IpuPassDef ipuSymbolDCEPass;      /* symbol_dce.c */
extern const IpuPassDef ipuStripDebugInfoPass; /* strip_debuginfo.c */
extern const IpuPassDef ipuHlFuseActivationsPass; /* hl_fuse_activations.c */
extern const IpuPassDef ipuHlFoldBatchNormPass;   /* hl_fold_batchnorm.c */
extern const IpuPassDef ipuHlFoldConstantsPass;   /* hl_fold_constants.c */
extern const IpuPassDef ipuHlDropIdentitiesPass;  /* hl_drop_identities.c */
extern const IpuPassDef ipuHlInferShapesPass;     /* hl_infer_shapes.c */
extern const IpuPassDef ipuQuantizePass;          /* quantize*.c */
extern const IpuPassDef ipuHlToTilePass;          /* hl_to_tile*.c */
extern const IpuPassDef ipuHlDecomposeLstmPass;   /* decompose_lstm.c */
extern const IpuPassDef ipuPlacePass;             /* place*.c */
extern const IpuPassDef ipuTileToHwPass;          /* tile_to_hw*.c */
extern const IpuPassDef ipuPlanMemoryPass;        /* plan_memory*.c */
extern const IpuPassDef ipuRouteNocPass;          /* route_noc*.c */

/* ---- Region utilities (region_utils.c). ---- */
/* True if the regions of `op` are SSACFG regions (dominance applies):
 * every op that does not declare graph regions, including unregistered
 * ones, as in MLIR. */
bool ipuPassRegionsHaveDominance(const IpuOp *op);
/* Erases the blocks of every SSACFG region nested in `root` (not root's own
 * op, but its regions and all below) that cannot be reached from their
 * region's entry block. Adds the number of erased blocks to *numErased.
 * Returns false only when out of memory (the IR is then unchanged for the
 * region being processed). */
bool ipuPassEraseUnreachableBlocks(IpuOp *root, int64_t *numErased);

/* ---- hl graph pass helpers (hl_pass_utils.c). ---- */
/* New constants above this many bytes become dense_resource blobs, as the
 * ONNX importer keeps large initializers, so that printed IR stays
 * readable. */
enum { IPU_PASS_RESOURCE_THRESHOLD = 64 * 1024 };
/* Whether a dense or dense_resource attribute can be read as an
 * interpreter tensor: a static tensor type of at most
 * IPU_TENSOR_MAX_RANK dimensions and a known element type, and for a
 * resource, a blob holding exactly its bytes. */
bool ipuPassConstantIsReadable(IpuAttr value);
/* The hl.constant defining `v` when its value is a readable dense or
 * dense_resource elements attribute (stored in *value when not NULL),
 * else NULL. */
IpuOp *ipuPassMatchHlConstant(IpuValue v, IpuAttr *value);
/* Destroys `op` if it is an hl.constant left without uses. */
void ipuPassEraseIfDeadConstant(IpuOp *op);
/* Erases the hl.constant ops among the keys of `constants` (what rewritten
 * ops used to read) that are left without uses, then destroys the map. */
void ipuPassEraseDeadConstantsIn(IpuPtrMap *constants);
/* How an hl graph pass that made `changed` rewrites ends: the count as
 * the statistic `statistic`, failure when `failed`, else success with
 * every analysis preserved when nothing changed. */
IpuLogicalResult ipuPassFinishRewrites(IpuPassRun *run, const char *statistic,
                                       int64_t changed, bool failed);
/* Builds an hl.constant of `type` (a static ranked tensor) from `size`
 * bytes of raw element storage, inserted by `b`: dense<...> up to the
 * threshold, above it a dense_resource blob named after `nameHint`
 * (suffixed with *blobCounter, incremented, when taken). NULL after an
 * error at `loc`. */
IpuOp *ipuPassCreateHlConstant(IpuBuilder *b, IpuType type, const void *data,
                               size_t size, const char *nameHint,
                               unsigned *blobCounter, IpuLocation loc);
/* A blob name hint for a constant derived from `value`:
 * "<blob>_<suffix>" when `value` is a dense_resource, else `fallback`. */
void ipuPassBlobNameHint(IpuAttr value, const char *suffix,
                         const char *fallback, char *buf, size_t size);
/* The ops an ADC epilogue may hold (the issue 5 contract): each output
 * element depends on the same element of its operands, or (transpose,
 * reshape, flatten) it moves elements without computing. hl-to-tile ends
 * an epilogue region before any other op; tile-to-hw streams a region of
 * these on its product. NULL-terminated. */
extern const char *const ipuPassPositionWiseOps[];

/* Whether `op` is named one of `names` (a NULL-terminated list of full op
 * names, e.g. {"hl.add", "hl.sub", NULL}). */
bool ipuPassOpIsOneOf(const IpuOp *op, const char *const *names);

/* Float elements (f16, bf16, f32, f64) of interpreter tensors as double;
 * setting rounds to the tensor's type. */
bool ipuPassTensorIsFloat(const IpuTensor *t);
double ipuPassTensorGetF(const IpuTensor *t, int64_t i);
void ipuPassTensorSetF(IpuTensor *t, int64_t i, double v);

#endif
