/* Private to the ONNX front end: a loaded ONNX model (protobuf-c) with
 * convenient, checked access to its opsets, graph inputs and outputs,
 * initializers, nodes and attributes. No IR: the importer builds on this. */
#ifndef IPU_ONNX_MODEL_H
#define IPU_ONNX_MODEL_H

#include "ipu/ipu.h"
#include "ipu/tensor_io.h"

typedef struct IpuOnnxModel IpuOnnxModel;
typedef struct IpuOnnxNode IpuOnnxNode; /* an onnx.NodeProto of the model */
typedef struct IpuOnnxAttr IpuOnnxAttr; /* an onnx.AttributeProto */

/* ---- Loading ----------------------------------------------------------------
 * Reads and checks a model. Every failure (unreadable file, damaged or
 * truncated protobuf data, nesting deeper than IPU_ONNX_MAX_NESTING, a
 * model without a graph, a node without an op type) is reported as an
 * error diagnostic through `ctx` at the location `path:0:0` (as MLIR does
 * for binary files) and gives NULL. All memory goes through the context's
 * allocator; the model must be destroyed before the context. */
#define IPU_ONNX_MAX_NESTING 100
IpuOnnxModel *ipuOnnxModelLoad(IpuContext *ctx, const char *path);
/* The same from bytes in memory; `name` is the file name for messages. */
IpuOnnxModel *ipuOnnxModelLoadFromBuffer(IpuContext *ctx, const void *data,
                                         size_t size, const char *name);
void ipuOnnxModelDestroy(IpuOnnxModel *m);

const char *ipuOnnxModelGetFileName(const IpuOnnxModel *m);
/* `file:0:0`, where whole-model errors are reported. */
IpuLocation ipuOnnxModelGetLoc(const IpuOnnxModel *m);
int64_t ipuOnnxModelGetIrVersion(const IpuOnnxModel *m); /* 0: absent */
const char *ipuOnnxModelGetProducerName(const IpuOnnxModel *m);
const char *ipuOnnxModelGetProducerVersion(const IpuOnnxModel *m);
const char *ipuOnnxModelGetGraphName(const IpuOnnxModel *m);

/* ---- Opsets ---------------------------------------------------------------
 * The opset imports as written; the default domain is "" (a model may
 * also spell it "ai.onnx"). */
size_t ipuOnnxModelGetNumOpsets(const IpuOnnxModel *m);
const char *ipuOnnxModelGetOpsetDomain(const IpuOnnxModel *m, size_t i);
int64_t ipuOnnxModelGetOpsetVersion(const IpuOnnxModel *m, size_t i);
/* The version imported for `domain` ("" and "ai.onnx" both mean the
 * default domain), or -1 if the model does not import it. */
int64_t ipuOnnxModelGetDomainVersion(const IpuOnnxModel *m,
                                     const char *domain);

/* ---- Graph inputs and outputs ---------------------------------------------- */
typedef enum {
  IPU_ONNX_VALUE_UNKNOWN = 0, /* no type given */
  IPU_ONNX_VALUE_TENSOR,
  IPU_ONNX_VALUE_SEQUENCE,
  IPU_ONNX_VALUE_MAP,
  IPU_ONNX_VALUE_OPTIONAL,
  IPU_ONNX_VALUE_SPARSE_TENSOR,
} IpuOnnxValueKind;
const char *ipuOnnxValueKindName(IpuOnnxValueKind k); /* "tensor", ... */

/* A graph input or output (onnx.ValueInfoProto), owned by the model. */
typedef struct {
  const char *name;
  IpuOnnxValueKind kind;
  /* ONNX TensorProto.DataType of the elements (the IpuDType numbering;
   * ipuOnnxDTypeFromProto tells whether tensors can hold it); 0 when
   * unknown or not a (sparse) tensor. */
  int32_t elemType;
  bool hasShape;                /* false: even the rank is unknown */
  size_t rank;
  const int64_t *dims;          /* rank entries; -1 for a dynamic dim */
  const char *const *dimParams; /* rank entries: a dynamic dim's symbolic
                                   name ("N"), NULL if it has none or is
                                   static */
  bool hasInitializer;          /* an input with a default value */
} IpuOnnxValueInfo;

/* The graph's inputs, except those that an initializer of the same name
 * backs (older exporters list every weight as an input too): the values a
 * caller must provide. */
size_t ipuOnnxModelGetNumInputs(const IpuOnnxModel *m);
const IpuOnnxValueInfo *ipuOnnxModelGetInput(const IpuOnnxModel *m,
                                             size_t i);
/* Every graph input, including initializer-backed ones. */
size_t ipuOnnxModelGetNumAllInputs(const IpuOnnxModel *m);
const IpuOnnxValueInfo *ipuOnnxModelGetAllInput(const IpuOnnxModel *m,
                                                size_t i);
size_t ipuOnnxModelGetNumOutputs(const IpuOnnxModel *m);
const IpuOnnxValueInfo *ipuOnnxModelGetOutput(const IpuOnnxModel *m,
                                              size_t i);

/* ---- Initializers ------------------------------------------------------------ */
size_t ipuOnnxModelGetNumInitializers(const IpuOnnxModel *m);
const char *ipuOnnxModelGetInitializerName(const IpuOnnxModel *m, size_t i);
/* Index of the initializer named `name`, or -1. Linear in their number. */
intptr_t ipuOnnxModelFindInitializer(const IpuOnnxModel *m,
                                     const char *name);
/* Converts initializer i into `*out` (fresh data, C allocator; free with
 * ipuTensorFree). Unsupported data (external, string, damaged sizes) is an
 * error diagnostic naming the initializer. */
IpuLogicalResult ipuOnnxModelGetInitializer(IpuOnnxModel *m, size_t i,
                                            IpuTensor *out);
/* Sparse initializers are not supported; the importer reports them. */
size_t ipuOnnxModelGetNumSparseInitializers(const IpuOnnxModel *m);

/* ---- Nodes (top-level graph, in file order) ------------------------------------ */
size_t ipuOnnxModelGetNumNodes(const IpuOnnxModel *m);
const IpuOnnxNode *ipuOnnxModelGetNode(const IpuOnnxModel *m, size_t i);
const char *ipuOnnxNodeGetOpType(const IpuOnnxNode *n);
/* "" for the default domain (also when written "ai.onnx"). */
const char *ipuOnnxNodeGetDomain(const IpuOnnxNode *n);
const char *ipuOnnxNodeGetName(const IpuOnnxNode *n); /* "" if unnamed */
size_t ipuOnnxNodeGetNumInputs(const IpuOnnxNode *n);
/* "" for an omitted optional input. */
const char *ipuOnnxNodeGetInput(const IpuOnnxNode *n, size_t i);
size_t ipuOnnxNodeGetNumOutputs(const IpuOnnxNode *n);
const char *ipuOnnxNodeGetOutput(const IpuOnnxNode *n, size_t i);
/* NameLoc("node name", file:0:0); unnamed nodes are called
 * "OpType#index". Created on demand in the model's context. */
IpuLocation ipuOnnxNodeGetLoc(IpuOnnxModel *m, const IpuOnnxNode *n);

/* ---- Distinct op types, for reporting every unsupported op at once --------- */
typedef struct {
  const char *domain; /* "" for the default domain */
  const char *opType;
  size_t count;       /* number of nodes of the top-level graph */
} IpuOnnxOpTypeCount;
/* Sorted by domain, then op type; the array is owned by the model. */
size_t ipuOnnxModelGetOpTypes(const IpuOnnxModel *m,
                              const IpuOnnxOpTypeCount **types);

/* ---- Attributes ------------------------------------------------------------------ */
typedef enum {
  IPU_ONNX_ATTR_UNDEFINED = 0,
  IPU_ONNX_ATTR_FLOAT = 1,
  IPU_ONNX_ATTR_INT = 2,
  IPU_ONNX_ATTR_STRING = 3,
  IPU_ONNX_ATTR_TENSOR = 4,
  IPU_ONNX_ATTR_GRAPH = 5,
  IPU_ONNX_ATTR_FLOATS = 6,
  IPU_ONNX_ATTR_INTS = 7,
  IPU_ONNX_ATTR_STRINGS = 8,
  IPU_ONNX_ATTR_TENSORS = 9,
  IPU_ONNX_ATTR_GRAPHS = 10,
  IPU_ONNX_ATTR_SPARSE_TENSOR = 11,
  IPU_ONNX_ATTR_SPARSE_TENSORS = 12,
  IPU_ONNX_ATTR_TYPE_PROTO = 13,
  IPU_ONNX_ATTR_TYPE_PROTOS = 14,
} IpuOnnxAttrKind; /* onnx.AttributeProto.AttributeType */
const char *ipuOnnxAttrKindName(IpuOnnxAttrKind k); /* "int", "floats"... */

size_t ipuOnnxNodeGetNumAttrs(const IpuOnnxNode *n);
const IpuOnnxAttr *ipuOnnxNodeGetAttr(const IpuOnnxNode *n, size_t i);
/* The attribute called `name`, or NULL. */
const IpuOnnxAttr *ipuOnnxNodeFindAttr(const IpuOnnxNode *n,
                                       const char *name);
const char *ipuOnnxAttrGetName(const IpuOnnxAttr *a);
/* Its `type`, or for files older than IR version 2 (which have none) the
 * kind its set fields imply. */
IpuOnnxAttrKind ipuOnnxAttrGetKind(const IpuOnnxAttr *a);

/* Typed getters by name. An absent attribute gives the default (lists:
 * count 0) and success; one of another kind is an error diagnostic at the
 * node: "node 'conv1' (Conv): attribute 'pads' must be ints, not float".
 * Graph-valued attributes are reported as unsupported by every getter. */
IpuLogicalResult ipuOnnxNodeGetAttrInt(IpuOnnxModel *m, const IpuOnnxNode *n,
                                       const char *name, int64_t dflt,
                                       int64_t *out);
IpuLogicalResult ipuOnnxNodeGetAttrFloat(IpuOnnxModel *m,
                                         const IpuOnnxNode *n,
                                         const char *name, float dflt,
                                         float *out);
/* The string is owned by the model; it may hold NUL bytes. */
IpuLogicalResult ipuOnnxNodeGetAttrString(IpuOnnxModel *m,
                                          const IpuOnnxNode *n,
                                          const char *name, const char *dflt,
                                          IpuStringRef *out);
IpuLogicalResult ipuOnnxNodeGetAttrInts(IpuOnnxModel *m, const IpuOnnxNode *n,
                                        const char *name,
                                        const int64_t **values, size_t *count);
IpuLogicalResult ipuOnnxNodeGetAttrFloats(IpuOnnxModel *m,
                                          const IpuOnnxNode *n,
                                          const char *name,
                                          const float **values,
                                          size_t *count);
/* *present tells whether the node has it; the tensor is fresh (C
 * allocator) and only set when present. */
IpuLogicalResult ipuOnnxNodeGetAttrTensor(IpuOnnxModel *m,
                                          const IpuOnnxNode *n,
                                          const char *name, IpuTensor *out,
                                          bool *present);

#endif
