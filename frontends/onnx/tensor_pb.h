/* Private to the ONNX front end: onnx.TensorProto (as protobuf-c unpacks it)
 * to IpuTensor, shared by the .pb file reader and the model's initializers. */
#ifndef IPU_ONNX_TENSOR_PB_H
#define IPU_ONNX_TENSOR_PB_H

#include "ipu/tensor_io.h"
#include "onnx.pb-c.h"

/* The IpuDType of an ONNX TensorProto.DataType value, or UNDEFINED when
 * the tensors cannot hold it (string, complex, unknown numbers). */
IpuDType ipuOnnxDTypeFromProto(int32_t dataType);
/* A lower-case name for any ONNX data type value ("float32", "string",
 * "complex64"); unknown numbers give "unknown". */
const char *ipuOnnxDataTypeName(int32_t dataType);

/* Converts `proto` into `*out` (fresh data, C allocator). `what` starts
 * every error message, e.g. "m.onnx: initializer 'w'". */
bool ipuOnnxTensorFromProto(const Onnx__TensorProto *proto, const char *what,
                            IpuTensor *out, IpuTensorIoError *err);

#endif
