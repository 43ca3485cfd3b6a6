/* Loading an ONNX model: file reading and wire checks through the context,
 * protobuf-c unpacking, and the model-level views (opsets, graph inputs and
 * outputs, initializers, op-type histogram). Nodes are in onnx_node.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "onnx_model_impl.h"
#include "pb_check.h"
#include "tensor_pb.h"

/* ---- protobuf-c through the context ------------------------------------------ */

/* Unpacking allocates a struct for every message, so a damaged file of
 * tiny empty messages could ask for far more memory than its size; real
 * models need about their own size. */
enum { kUnpackBudgetFactor = 16, kUnpackBudgetBase = 64 << 20 };

static void *pbAlloc(void *userData, size_t size) {
  IpuOnnxModel *m = userData;
  if (size > m->unpackBudget) {
    m->overBudget = true;
    return NULL;
  }
  m->unpackBudget -= size;
  return ipuAlloc(m->ctx, size);
}

static void pbFree(void *userData, void *ptr) {
  IpuOnnxModel *m = userData;
  ipuFree(m->ctx, ptr);
}

/* ---- Reading the file --------------------------------------------------------- */

static bool readFile(IpuContext *ctx, IpuLocation loc, const char *path,
                     uint8_t **data, size_t *size) {
  *data = NULL;
  *size = 0;
  FILE *f = fopen(path, "rb");
  if (!f) {
    ipuEmitError(ctx, loc, "cannot open: %s", strerror(errno));
    return false;
  }
  struct stat st;
  size_t cap = 4096, len = 0;
  /* One spare byte for the read that finds the end of the file. */
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
      (uint64_t)st.st_size < SIZE_MAX - 1)
    cap = (size_t)st.st_size + 1;
  uint8_t *buf = ipuAlloc(ctx, cap);
  while (buf) {
    if (len == cap) {
      uint8_t *grown = cap * 2 > cap ? ipuRealloc(ctx, buf, cap * 2) : NULL;
      if (!grown) {
        ipuFree(ctx, buf);
        buf = NULL;
        break;
      }
      buf = grown;
      cap *= 2;
    }
    size_t got = fread(buf + len, 1, cap - len, f);
    len += got;
    if (got == 0)
      break;
  }
  int readErrno = ferror(f) ? errno : 0;
  fclose(f);
  if (!buf) {
    ipuEmitError(ctx, loc, "out of memory reading the file");
    return false;
  }
  if (readErrno) {
    ipuFree(ctx, buf);
    ipuEmitError(ctx, loc, "cannot read: %s", strerror(readErrno));
    return false;
  }
  *data = buf;
  *size = len;
  return true;
}

/* ---- Value infos ------------------------------------------------------------------ */

const char *ipuOnnxValueKindName(IpuOnnxValueKind k) {
  switch (k) {
  case IPU_ONNX_VALUE_TENSOR: return "tensor";
  case IPU_ONNX_VALUE_SEQUENCE: return "sequence";
  case IPU_ONNX_VALUE_MAP: return "map";
  case IPU_ONNX_VALUE_OPTIONAL: return "optional";
  case IPU_ONNX_VALUE_SPARSE_TENSOR: return "sparse tensor";
  default: return "unknown";
  }
}

static void freeValueInfo(IpuContext *ctx, IpuOnnxValueInfo *v) {
  ipuFree(ctx, (void *)v->dims);
  ipuFree(ctx, (void *)v->dimParams);
}

static bool fillValueInfo(IpuContext *ctx, const Onnx__ValueInfoProto *proto,
                          IpuOnnxValueInfo *v) {
  memset(v, 0, sizeof *v);
  v->name = orEmpty(proto->name);
  const Onnx__TypeProto *type = proto->type;
  if (!type)
    return true;
  const Onnx__TensorShapeProto *shape = NULL;
  switch (type->value_case) {
  case ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE:
    v->kind = IPU_ONNX_VALUE_TENSOR;
    if (type->tensor_type) {
      v->elemType = type->tensor_type->has_elem_type
                        ? type->tensor_type->elem_type : 0;
      shape = type->tensor_type->shape;
    }
    break;
  case ONNX__TYPE_PROTO__VALUE_SPARSE_TENSOR_TYPE:
    v->kind = IPU_ONNX_VALUE_SPARSE_TENSOR;
    if (type->sparse_tensor_type) {
      v->elemType = type->sparse_tensor_type->has_elem_type
                        ? type->sparse_tensor_type->elem_type : 0;
      shape = type->sparse_tensor_type->shape;
    }
    break;
  case ONNX__TYPE_PROTO__VALUE_SEQUENCE_TYPE:
    v->kind = IPU_ONNX_VALUE_SEQUENCE;
    break;
  case ONNX__TYPE_PROTO__VALUE_MAP_TYPE:
    v->kind = IPU_ONNX_VALUE_MAP;
    break;
  case ONNX__TYPE_PROTO__VALUE_OPTIONAL_TYPE:
    v->kind = IPU_ONNX_VALUE_OPTIONAL;
    break;
  default:
    break;
  }
  if (!shape)
    return true;
  v->hasShape = true;
  v->rank = shape->n_dim;
  int64_t *dims = ipuCalloc(ctx, v->rank ? v->rank : 1, sizeof *dims);
  const char **params = ipuCalloc(ctx, v->rank ? v->rank : 1,
                                  sizeof *params);
  v->dims = dims;
  v->dimParams = params;
  if (!dims || !params)
    return false;
  for (size_t i = 0; i < v->rank; ++i) {
    const Onnx__TensorShapeProto__Dimension *d = shape->dim[i];
    dims[i] = -1;
    if (d->value_case == ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE &&
        d->dim_value >= 0)
      dims[i] = d->dim_value;
    else if (d->value_case ==
                 ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_PARAM &&
             d->dim_param && d->dim_param[0])
      params[i] = d->dim_param;
  }
  return true;
}

static bool hasInitializerNamed(const Onnx__GraphProto *g, const char *name) {
  for (size_t i = 0; i < g->n_initializer; ++i)
    if (!strcmp(orEmpty(g->initializer[i]->name), name))
      return true;
  return false;
}

/* ---- Op-type histogram --------------------------------------------------------- */

static const char *normalDomain(const char *domain) {
  if (!domain || !strcmp(domain, "ai.onnx"))
    return "";
  return domain;
}

static int compareNodes(const void *a, const void *b) {
  const Onnx__NodeProto *x = *(const Onnx__NodeProto *const *)a;
  const Onnx__NodeProto *y = *(const Onnx__NodeProto *const *)b;
  int c = strcmp(normalDomain(x->domain), normalDomain(y->domain));
  return c ? c : strcmp(x->op_type, y->op_type);
}

static bool buildOpTypes(IpuOnnxModel *m) {
  size_t n = m->graph->n_node;
  if (!n)
    return true;
  Onnx__NodeProto **sorted = ipuAlloc(m->ctx, n * sizeof *sorted);
  m->opTypes = ipuAlloc(m->ctx, n * sizeof *m->opTypes);
  if (!sorted || !m->opTypes) {
    ipuFree(m->ctx, sorted);
    return false;
  }
  memcpy(sorted, m->graph->node, n * sizeof *sorted);
  qsort(sorted, n, sizeof *sorted, compareNodes);
  for (size_t i = 0; i < n; ++i) {
    if (i && !compareNodes(&sorted[i - 1], &sorted[i])) {
      m->opTypes[m->numOpTypes - 1].count++;
      continue;
    }
    m->opTypes[m->numOpTypes++] = (IpuOnnxOpTypeCount){
        normalDomain(sorted[i]->domain), sorted[i]->op_type, 1};
  }
  ipuFree(m->ctx, sorted);
  return true;
}

/* ---- Loading ---------------------------------------------------------------------- */

/* What the accessors rely on beyond protobuf-c's own guarantees. */
static bool checkModel(IpuOnnxModel *m) {
  if (!m->graph) {
    ipuEmitError(m->ctx, m->loc, "not an ONNX model: it has no graph");
    return false;
  }
  for (size_t i = 0; i < m->graph->n_node; ++i) {
    const Onnx__NodeProto *n = m->graph->node[i];
    if (!n->op_type || !n->op_type[0]) {
      ipuEmitError(m->ctx, m->loc, "node %zu ('%s') has no op_type", i,
                   orEmpty(n->name));
      return false;
    }
  }
  return true;
}

static bool buildViews(IpuOnnxModel *m) {
  IpuContext *ctx = m->ctx;
  const Onnx__GraphProto *g = m->graph;
  size_t numIn = g->n_input, numOut = g->n_output;
  m->allInputs = ipuCalloc(ctx, numIn ? numIn : 1, sizeof *m->allInputs);
  m->inputIndex = ipuCalloc(ctx, numIn ? numIn : 1, sizeof *m->inputIndex);
  m->outputs = ipuCalloc(ctx, numOut ? numOut : 1, sizeof *m->outputs);
  if (!m->allInputs || !m->inputIndex || !m->outputs)
    return false;
  for (size_t i = 0; i < numIn; ++i) {
    IpuOnnxValueInfo *v = &m->allInputs[i];
    ++m->numAllInputs;
    if (!fillValueInfo(ctx, g->input[i], v))
      return false;
    v->hasInitializer = hasInitializerNamed(g, v->name);
    if (!v->hasInitializer)
      m->inputIndex[m->numInputs++] = i;
  }
  for (size_t i = 0; i < numOut; ++i) {
    ++m->numOutputs;
    if (!fillValueInfo(ctx, g->output[i], &m->outputs[i]))
      return false;
  }
  return buildOpTypes(m);
}

IpuOnnxModel *ipuOnnxModelLoadFromBuffer(IpuContext *ctx, const void *data,
                                         size_t size, const char *name) {
  IpuOnnxModel *m = ipuCalloc(ctx, 1, sizeof *m);
  if (!m)
    return NULL;
  m->ctx = ctx;
  m->fileName = ipuStrDup(ctx, ipuStringRefFromCString(name ? name : ""));
  m->loc = ipuLocFileGet(ctx, ipuIdentGetC(ctx, name ? name : ""), 0, 0);
  m->allocator = (ProtobufCAllocator){pbAlloc, pbFree, m};
  m->unpackBudget = size > (SIZE_MAX - kUnpackBudgetBase) / kUnpackBudgetFactor
                        ? SIZE_MAX
                        : size * kUnpackBudgetFactor + kUnpackBudgetBase;
  if (!m->fileName) {
    ipuOnnxModelDestroy(m);
    return NULL;
  }
  char why[256];
  if (!ipuPbCheck(data, size, &onnx__model_proto__descriptor,
                  IPU_ONNX_MAX_NESTING, why, sizeof why)) {
    ipuEmitError(ctx, m->loc, "damaged or not an ONNX model: %s", why);
    ipuOnnxModelDestroy(m);
    return NULL;
  }
  m->proto = onnx__model_proto__unpack(&m->allocator, size, data);
  if (!m->proto) {
    if (m->overBudget)
      ipuEmitError(ctx, m->loc,
                   "damaged ONNX model: decoding it would take more than "
                   "%zu bytes of memory",
                   size * kUnpackBudgetFactor + kUnpackBudgetBase);
    else
      ipuEmitError(ctx, m->loc,
                   "cannot decode the ONNX model (invalid data or out of "
                   "memory)");
    ipuOnnxModelDestroy(m);
    return NULL;
  }
  m->graph = m->proto->graph;
  if (!checkModel(m)) {
    ipuOnnxModelDestroy(m);
    return NULL;
  }
  if (!buildViews(m)) {
    ipuEmitError(ctx, m->loc, "out of memory loading the model");
    ipuOnnxModelDestroy(m);
    return NULL;
  }
  return m;
}

IpuOnnxModel *ipuOnnxModelLoad(IpuContext *ctx, const char *path) {
  IpuLocation loc = ipuLocFileGet(ctx, ipuIdentGetC(ctx, path), 0, 0);
  uint8_t *data;
  size_t size;
  if (!readFile(ctx, loc, path, &data, &size))
    return NULL;
  IpuOnnxModel *m = ipuOnnxModelLoadFromBuffer(ctx, data, size, path);
  ipuFree(ctx, data);
  return m;
}

void ipuOnnxModelDestroy(IpuOnnxModel *m) {
  if (!m)
    return;
  IpuContext *ctx = m->ctx;
  for (size_t i = 0; i < m->numAllInputs; ++i)
    freeValueInfo(ctx, &m->allInputs[i]);
  for (size_t i = 0; i < m->numOutputs; ++i)
    freeValueInfo(ctx, &m->outputs[i]);
  ipuFree(ctx, m->allInputs);
  ipuFree(ctx, m->inputIndex);
  ipuFree(ctx, m->outputs);
  ipuFree(ctx, m->opTypes);
  if (m->proto)
    onnx__model_proto__free_unpacked(m->proto, &m->allocator);
  ipuFree(ctx, m->fileName);
  ipuFree(ctx, m);
}

/* ---- Model-level accessors --------------------------------------------------------- */

const char *ipuOnnxModelGetFileName(const IpuOnnxModel *m) {
  return m->fileName;
}
IpuLocation ipuOnnxModelGetLoc(const IpuOnnxModel *m) { return m->loc; }
int64_t ipuOnnxModelGetIrVersion(const IpuOnnxModel *m) {
  return m->proto->has_ir_version ? m->proto->ir_version : 0;
}
const char *ipuOnnxModelGetProducerName(const IpuOnnxModel *m) {
  return orEmpty(m->proto->producer_name);
}
const char *ipuOnnxModelGetProducerVersion(const IpuOnnxModel *m) {
  return orEmpty(m->proto->producer_version);
}
const char *ipuOnnxModelGetGraphName(const IpuOnnxModel *m) {
  return orEmpty(m->graph->name);
}

size_t ipuOnnxModelGetNumOpsets(const IpuOnnxModel *m) {
  return m->proto->n_opset_import;
}
const char *ipuOnnxModelGetOpsetDomain(const IpuOnnxModel *m, size_t i) {
  return orEmpty(m->proto->opset_import[i]->domain);
}
int64_t ipuOnnxModelGetOpsetVersion(const IpuOnnxModel *m, size_t i) {
  const Onnx__OperatorSetIdProto *o = m->proto->opset_import[i];
  return o->has_version ? o->version : 0;
}
int64_t ipuOnnxModelGetDomainVersion(const IpuOnnxModel *m,
                                     const char *domain) {
  const char *want = normalDomain(domain);
  for (size_t i = 0; i < m->proto->n_opset_import; ++i)
    if (!strcmp(normalDomain(m->proto->opset_import[i]->domain), want))
      return ipuOnnxModelGetOpsetVersion(m, i);
  return -1;
}

size_t ipuOnnxModelGetNumInputs(const IpuOnnxModel *m) {
  return m->numInputs;
}
const IpuOnnxValueInfo *ipuOnnxModelGetInput(const IpuOnnxModel *m,
                                             size_t i) {
  return &m->allInputs[m->inputIndex[i]];
}
size_t ipuOnnxModelGetNumAllInputs(const IpuOnnxModel *m) {
  return m->numAllInputs;
}
const IpuOnnxValueInfo *ipuOnnxModelGetAllInput(const IpuOnnxModel *m,
                                                size_t i) {
  return &m->allInputs[i];
}
size_t ipuOnnxModelGetNumOutputs(const IpuOnnxModel *m) {
  return m->numOutputs;
}
const IpuOnnxValueInfo *ipuOnnxModelGetOutput(const IpuOnnxModel *m,
                                              size_t i) {
  return &m->outputs[i];
}

size_t ipuOnnxModelGetNumInitializers(const IpuOnnxModel *m) {
  return m->graph->n_initializer;
}
const char *ipuOnnxModelGetInitializerName(const IpuOnnxModel *m, size_t i) {
  return orEmpty(m->graph->initializer[i]->name);
}
intptr_t ipuOnnxModelFindInitializer(const IpuOnnxModel *m,
                                     const char *name) {
  for (size_t i = 0; i < m->graph->n_initializer; ++i)
    if (!strcmp(orEmpty(m->graph->initializer[i]->name), name))
      return (intptr_t)i;
  return -1;
}
IpuLogicalResult ipuOnnxModelGetInitializer(IpuOnnxModel *m, size_t i,
                                            IpuTensor *out) {
  char what[300];
  snprintf(what, sizeof what, "initializer '%s'",
           ipuOnnxModelGetInitializerName(m, i));
  IpuTensorIoError err;
  if (ipuOnnxTensorFromProto(m->graph->initializer[i], what, out, &err))
    return IPU_SUCCESS;
  return ipuEmitError(m->ctx, m->loc, "%s", err.message);
}
size_t ipuOnnxModelGetNumSparseInitializers(const IpuOnnxModel *m) {
  return m->graph->n_sparse_initializer;
}

size_t ipuOnnxModelGetOpTypes(const IpuOnnxModel *m,
                              const IpuOnnxOpTypeCount **types) {
  *types = m->opTypes;
  return m->numOpTypes;
}
