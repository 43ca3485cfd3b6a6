/* ONNX nodes of a loaded model: op type, domain, names, inputs, outputs,
 * locations, and attributes with typed getters that report misuse. */
#include <stdio.h>
#include <string.h>

#include "onnx_model_impl.h"
#include "tensor_pb.h"

size_t ipuOnnxModelGetNumNodes(const IpuOnnxModel *m) {
  return m->graph->n_node;
}
const IpuOnnxNode *ipuOnnxModelGetNode(const IpuOnnxModel *m, size_t i) {
  return (const IpuOnnxNode *)m->graph->node[i];
}
const char *ipuOnnxNodeGetOpType(const IpuOnnxNode *n) {
  return orEmpty(nodeProto(n)->op_type);
}
const char *ipuOnnxNodeGetDomain(const IpuOnnxNode *n) {
  const char *d = orEmpty(nodeProto(n)->domain);
  return strcmp(d, "ai.onnx") ? d : "";
}
const char *ipuOnnxNodeGetName(const IpuOnnxNode *n) {
  return orEmpty(nodeProto(n)->name);
}
size_t ipuOnnxNodeGetNumInputs(const IpuOnnxNode *n) {
  return nodeProto(n)->n_input;
}
const char *ipuOnnxNodeGetInput(const IpuOnnxNode *n, size_t i) {
  return orEmpty(nodeProto(n)->input[i]);
}
size_t ipuOnnxNodeGetNumOutputs(const IpuOnnxNode *n) {
  return nodeProto(n)->n_output;
}
const char *ipuOnnxNodeGetOutput(const IpuOnnxNode *n, size_t i) {
  return orEmpty(nodeProto(n)->output[i]);
}

/* What a node is called in locations and messages: its name, else its
 * first named output (what ONNX tools show for unnamed nodes), else its
 * op type. */
static const char *nodeLabel(const IpuOnnxNode *n) {
  const Onnx__NodeProto *p = nodeProto(n);
  if (p->name && p->name[0])
    return p->name;
  for (size_t i = 0; i < p->n_output; ++i)
    if (p->output[i] && p->output[i][0])
      return p->output[i];
  return orEmpty(p->op_type);
}

IpuLocation ipuOnnxNodeGetLoc(IpuOnnxModel *m, const IpuOnnxNode *n) {
  return ipuLocNameGet(m->ctx, ipuIdentGetC(m->ctx, nodeLabel(n)), m->loc);
}

/* ---- Attributes ------------------------------------------------------------------ */

const char *ipuOnnxAttrKindName(IpuOnnxAttrKind k) {
  switch (k) {
  case IPU_ONNX_ATTR_FLOAT: return "float";
  case IPU_ONNX_ATTR_INT: return "int";
  case IPU_ONNX_ATTR_STRING: return "string";
  case IPU_ONNX_ATTR_TENSOR: return "tensor";
  case IPU_ONNX_ATTR_GRAPH: return "graph";
  case IPU_ONNX_ATTR_FLOATS: return "floats";
  case IPU_ONNX_ATTR_INTS: return "ints";
  case IPU_ONNX_ATTR_STRINGS: return "strings";
  case IPU_ONNX_ATTR_TENSORS: return "tensors";
  case IPU_ONNX_ATTR_GRAPHS: return "graphs";
  case IPU_ONNX_ATTR_SPARSE_TENSOR: return "sparse tensor";
  case IPU_ONNX_ATTR_SPARSE_TENSORS: return "sparse tensors";
  case IPU_ONNX_ATTR_TYPE_PROTO: return "type";
  case IPU_ONNX_ATTR_TYPE_PROTOS: return "types";
  default: return "undefined";
  }
}

size_t ipuOnnxNodeGetNumAttrs(const IpuOnnxNode *n) {
  return nodeProto(n)->n_attribute;
}
const IpuOnnxAttr *ipuOnnxNodeGetAttr(const IpuOnnxNode *n, size_t i) {
  return (const IpuOnnxAttr *)nodeProto(n)->attribute[i];
}
const IpuOnnxAttr *ipuOnnxNodeFindAttr(const IpuOnnxNode *n,
                                       const char *name) {
  const Onnx__NodeProto *p = nodeProto(n);
  for (size_t i = 0; i < p->n_attribute; ++i)
    if (!strcmp(orEmpty(p->attribute[i]->name), name))
      return (const IpuOnnxAttr *)p->attribute[i];
  return NULL;
}
const char *ipuOnnxAttrGetName(const IpuOnnxAttr *a) {
  return orEmpty(attrProto(a)->name);
}

IpuOnnxAttrKind ipuOnnxAttrGetKind(const IpuOnnxAttr *a) {
  const Onnx__AttributeProto *p = attrProto(a);
  if (p->has_type) {
    int type = (int)p->type;
    if (type >= IPU_ONNX_ATTR_FLOAT && type <= IPU_ONNX_ATTR_TYPE_PROTOS)
      return (IpuOnnxAttrKind)type;
    return IPU_ONNX_ATTR_UNDEFINED;
  }
  /* Before IR version 2 the set field was the only type information. */
  if (p->has_f) return IPU_ONNX_ATTR_FLOAT;
  if (p->has_i) return IPU_ONNX_ATTR_INT;
  if (p->has_s) return IPU_ONNX_ATTR_STRING;
  if (p->t) return IPU_ONNX_ATTR_TENSOR;
  if (p->g) return IPU_ONNX_ATTR_GRAPH;
  if (p->sparse_tensor) return IPU_ONNX_ATTR_SPARSE_TENSOR;
  if (p->tp) return IPU_ONNX_ATTR_TYPE_PROTO;
  if (p->n_floats) return IPU_ONNX_ATTR_FLOATS;
  if (p->n_ints) return IPU_ONNX_ATTR_INTS;
  if (p->n_strings) return IPU_ONNX_ATTR_STRINGS;
  if (p->n_tensors) return IPU_ONNX_ATTR_TENSORS;
  if (p->n_graphs) return IPU_ONNX_ATTR_GRAPHS;
  if (p->n_sparse_tensors) return IPU_ONNX_ATTR_SPARSE_TENSORS;
  if (p->n_type_protos) return IPU_ONNX_ATTR_TYPE_PROTOS;
  return IPU_ONNX_ATTR_UNDEFINED;
}

/* The attribute `name` if it has kind `want`: *attr is NULL when absent.
 * Any other kind is an error at the node. */
static IpuLogicalResult findTyped(IpuOnnxModel *m, const IpuOnnxNode *n,
                                  const char *name, IpuOnnxAttrKind want,
                                  const Onnx__AttributeProto **attr) {
  const IpuOnnxAttr *a = ipuOnnxNodeFindAttr(n, name);
  *attr = NULL;
  if (!a)
    return IPU_SUCCESS;
  IpuOnnxAttrKind kind = ipuOnnxAttrGetKind(a);
  if (kind == want) {
    *attr = attrProto(a);
    return IPU_SUCCESS;
  }
  IpuLocation loc = ipuOnnxNodeGetLoc(m, n);
  if (kind == IPU_ONNX_ATTR_GRAPH || kind == IPU_ONNX_ATTR_GRAPHS)
    return ipuEmitError(m->ctx, loc,
                        "node '%s' (%s): attribute '%s': graph attributes "
                        "(subgraphs) are not supported",
                        nodeLabel(n), ipuOnnxNodeGetOpType(n), name);
  return ipuEmitError(m->ctx, loc,
                      "node '%s' (%s): attribute '%s' must be %s, not %s",
                      nodeLabel(n), ipuOnnxNodeGetOpType(n), name,
                      ipuOnnxAttrKindName(want), ipuOnnxAttrKindName(kind));
}

IpuLogicalResult ipuOnnxNodeGetAttrInt(IpuOnnxModel *m, const IpuOnnxNode *n,
                                       const char *name, int64_t dflt,
                                       int64_t *out) {
  const Onnx__AttributeProto *a;
  *out = dflt;
  if (ipuFailed(findTyped(m, n, name, IPU_ONNX_ATTR_INT, &a)))
    return IPU_FAILURE;
  if (a)
    *out = a->i;
  return IPU_SUCCESS;
}

IpuLogicalResult ipuOnnxNodeGetAttrFloat(IpuOnnxModel *m,
                                         const IpuOnnxNode *n,
                                         const char *name, float dflt,
                                         float *out) {
  const Onnx__AttributeProto *a;
  *out = dflt;
  if (ipuFailed(findTyped(m, n, name, IPU_ONNX_ATTR_FLOAT, &a)))
    return IPU_FAILURE;
  if (a)
    *out = a->f;
  return IPU_SUCCESS;
}

IpuLogicalResult ipuOnnxNodeGetAttrString(IpuOnnxModel *m,
                                          const IpuOnnxNode *n,
                                          const char *name, const char *dflt,
                                          IpuStringRef *out) {
  const Onnx__AttributeProto *a;
  *out = ipuStringRefFromCString(dflt ? dflt : "");
  if (ipuFailed(findTyped(m, n, name, IPU_ONNX_ATTR_STRING, &a)))
    return IPU_FAILURE;
  if (a)
    *out = ipuStringRefMake(a->has_s ? (const char *)a->s.data : "",
                            a->has_s ? a->s.len : 0);
  return IPU_SUCCESS;
}

IpuLogicalResult ipuOnnxNodeGetAttrInts(IpuOnnxModel *m, const IpuOnnxNode *n,
                                        const char *name,
                                        const int64_t **values,
                                        size_t *count) {
  const Onnx__AttributeProto *a;
  *values = NULL;
  *count = 0;
  if (ipuFailed(findTyped(m, n, name, IPU_ONNX_ATTR_INTS, &a)))
    return IPU_FAILURE;
  if (a) {
    *values = a->ints;
    *count = a->n_ints;
  }
  return IPU_SUCCESS;
}

IpuLogicalResult ipuOnnxNodeGetAttrFloats(IpuOnnxModel *m,
                                          const IpuOnnxNode *n,
                                          const char *name,
                                          const float **values,
                                          size_t *count) {
  const Onnx__AttributeProto *a;
  *values = NULL;
  *count = 0;
  if (ipuFailed(findTyped(m, n, name, IPU_ONNX_ATTR_FLOATS, &a)))
    return IPU_FAILURE;
  if (a) {
    *values = a->floats;
    *count = a->n_floats;
  }
  return IPU_SUCCESS;
}

IpuLogicalResult ipuOnnxNodeGetAttrTensor(IpuOnnxModel *m,
                                          const IpuOnnxNode *n,
                                          const char *name, IpuTensor *out,
                                          bool *present) {
  const Onnx__AttributeProto *a;
  *present = false;
  memset(out, 0, sizeof *out);
  if (ipuFailed(findTyped(m, n, name, IPU_ONNX_ATTR_TENSOR, &a)))
    return IPU_FAILURE;
  if (!a)
    return IPU_SUCCESS;
  char what[400];
  snprintf(what, sizeof what, "node '%s' (%s): attribute '%s'", nodeLabel(n),
           ipuOnnxNodeGetOpType(n), name);
  IpuTensorIoError err;
  if (!a->t)
    return ipuEmitError(m->ctx, ipuOnnxNodeGetLoc(m, n),
                        "%s: the tensor is missing", what);
  if (!ipuOnnxTensorFromProto(a->t, what, out, &err))
    return ipuEmitError(m->ctx, ipuOnnxNodeGetLoc(m, n), "%s", err.message);
  *present = true;
  return IPU_SUCCESS;
}
