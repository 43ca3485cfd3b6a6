/* Private to onnx_model.c and onnx_node.c: the loaded model's layout and
 * the casts between the opaque handles and protobuf-c's structs. */
#ifndef IPU_ONNX_MODEL_IMPL_H
#define IPU_ONNX_MODEL_IMPL_H

#include "onnx.pb-c.h"
#include "onnx_model.h"

struct IpuOnnxModel {
  IpuContext *ctx;               /* allocates everything below */
  char *fileName;                /* owned */
  IpuLocation loc;               /* fileName:0:0 */
  ProtobufCAllocator allocator;  /* protobuf-c through ctx, on a budget */
  size_t unpackBudget;           /* bytes protobuf-c may still allocate */
  bool overBudget;               /* an allocation was refused for it */
  Onnx__ModelProto *proto;       /* owned, unpacked through allocator */
  Onnx__GraphProto *graph;       /* proto->graph, never NULL */
  IpuOnnxValueInfo *allInputs;   /* owned, one per graph input */
  size_t numAllInputs;
  size_t *inputIndex;            /* owned: allInputs without initializer */
  size_t numInputs;
  IpuOnnxValueInfo *outputs;     /* owned */
  size_t numOutputs;
  IpuOnnxOpTypeCount *opTypes;   /* owned, sorted */
  size_t numOpTypes;
};

static inline const Onnx__NodeProto *nodeProto(const IpuOnnxNode *n) {
  return (const Onnx__NodeProto *)n;
}
static inline const Onnx__AttributeProto *attrProto(const IpuOnnxAttr *a) {
  return (const Onnx__AttributeProto *)a;
}
/* "" for NULL: protobuf-c leaves absent optional strings NULL. */
static inline const char *orEmpty(const char *s) { return s ? s : ""; }

#endif
