/* ONNX TensorProto .pb files <-> IpuTensor through protobuf-c, and the
 * reader that tells .npy from .pb files for ipu-run and the test drivers. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pb_check.h"
#include "tensor_pb.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "raw_data is little-endian and copied as is"
#endif

/* ---- Data types ------------------------------------------------------------ */

IpuDType ipuOnnxDTypeFromProto(int32_t dataType) {
  switch (dataType) {
  case IPU_DTYPE_F32: case IPU_DTYPE_U8: case IPU_DTYPE_I8:
  case IPU_DTYPE_U16: case IPU_DTYPE_I16: case IPU_DTYPE_I32:
  case IPU_DTYPE_I64: case IPU_DTYPE_BOOL: case IPU_DTYPE_F16:
  case IPU_DTYPE_F64: case IPU_DTYPE_U32: case IPU_DTYPE_U64:
  case IPU_DTYPE_BF16:
    return (IpuDType)dataType;
  default:
    return IPU_DTYPE_UNDEFINED;
  }
}

const char *ipuOnnxDataTypeName(int32_t dataType) {
  switch (dataType) {
  case ONNX__TENSOR_PROTO__DATA_TYPE__UNDEFINED: return "undefined";
  case ONNX__TENSOR_PROTO__DATA_TYPE__STRING: return "string";
  case ONNX__TENSOR_PROTO__DATA_TYPE__COMPLEX64: return "complex64";
  case ONNX__TENSOR_PROTO__DATA_TYPE__COMPLEX128: return "complex128";
  default:
    if (ipuOnnxDTypeFromProto(dataType) != IPU_DTYPE_UNDEFINED)
      return ipuDTypeName((IpuDType)dataType);
    return "unknown";
  }
}

/* ---- TensorProto -> IpuTensor ------------------------------------------------ */

static void formatDims(char *buf, size_t cap, size_t rank,
                       const int64_t *dims) {
  size_t n = (size_t)snprintf(buf, cap, "[");
  for (size_t i = 0; i < rank && n < cap; ++i)
    n += (size_t)snprintf(buf + n, cap - n, "%s%" PRId64, i ? ", " : "",
                          dims[i]);
  if (n < cap)
    snprintf(buf + n, cap - n, "]");
}

/* Copies `count` typed values from a repeated field into the tensor's
 * elements, narrowing as ONNX packs them. */
static void copyInt32Field(IpuTensor *t, const int32_t *src, size_t count) {
  switch (t->dtype) {
  case IPU_DTYPE_I32:
    memcpy(t->data, src, count * sizeof *src);
    break;
  case IPU_DTYPE_I16: case IPU_DTYPE_U16: case IPU_DTYPE_F16:
  case IPU_DTYPE_BF16: {
    uint16_t *dst = t->data;
    for (size_t i = 0; i < count; ++i)
      dst[i] = (uint16_t)((uint32_t)src[i] & 0xffffu);
    break;
  }
  case IPU_DTYPE_I8: case IPU_DTYPE_U8: {
    uint8_t *dst = t->data;
    for (size_t i = 0; i < count; ++i)
      dst[i] = (uint8_t)((uint32_t)src[i] & 0xffu);
    break;
  }
  case IPU_DTYPE_BOOL: {
    uint8_t *dst = t->data;
    for (size_t i = 0; i < count; ++i)
      dst[i] = src[i] != 0;
    break;
  }
  default:
    break;
  }
}

static void copyUint64Field(IpuTensor *t, const uint64_t *src, size_t count) {
  if (t->dtype == IPU_DTYPE_U64) {
    memcpy(t->data, src, count * sizeof *src);
    return;
  }
  uint32_t *dst = t->data;
  for (size_t i = 0; i < count; ++i)
    dst[i] = (uint32_t)src[i];
}

/* The typed field ONNX keeps `dtype` in: its name and length. */
static const char *typedField(const Onnx__TensorProto *p, IpuDType dtype,
                              size_t *count) {
  switch (dtype) {
  case IPU_DTYPE_F32:
    *count = p->n_float_data;
    return "float_data";
  case IPU_DTYPE_I64:
    *count = p->n_int64_data;
    return "int64_data";
  case IPU_DTYPE_F64:
    *count = p->n_double_data;
    return "double_data";
  case IPU_DTYPE_U32: case IPU_DTYPE_U64:
    *count = p->n_uint64_data;
    return "uint64_data";
  default:
    *count = p->n_int32_data;
    return "int32_data";
  }
}

bool ipuOnnxTensorFromProto(const Onnx__TensorProto *p, const char *what,
                            IpuTensor *out, IpuTensorIoError *err) {
  memset(out, 0, sizeof *out);
  int32_t dataType = p->has_data_type ? p->data_type : 0;
  IpuDType dtype = ipuOnnxDTypeFromProto(dataType);
  if (dtype == IPU_DTYPE_UNDEFINED) {
    if (dataType == ONNX__TENSOR_PROTO__DATA_TYPE__UNDEFINED)
      ipuTensorIoErrorSet(err, what, "tensor has no data type");
    else if (!strcmp(ipuOnnxDataTypeName(dataType), "unknown"))
      ipuTensorIoErrorSet(err, what, "unknown tensor data type %" PRId32,
                          dataType);
    else
      ipuTensorIoErrorSet(err, what, "%s tensors are not supported",
                          ipuOnnxDataTypeName(dataType));
    return false;
  }
  if ((p->has_data_location &&
       p->data_location == ONNX__TENSOR_PROTO__DATA_LOCATION__EXTERNAL) ||
      p->n_external_data) {
    ipuTensorIoErrorSet(err, what,
                        "external tensor data (stored in another file) is "
                        "not supported");
    return false;
  }
  if (p->segment) {
    ipuTensorIoErrorSet(err, what, "segmented tensors are not supported");
    return false;
  }
  if (p->n_dims > IPU_TENSOR_MAX_RANK) {
    ipuTensorIoErrorSet(err, what,
                        "rank %zu is above the supported maximum of %d",
                        p->n_dims, IPU_TENSOR_MAX_RANK);
    return false;
  }
  char dimsText[256];
  formatDims(dimsText, sizeof dimsText, p->n_dims, p->dims);
  uint64_t count = 1;
  bool tooLarge = false;
  for (size_t i = 0; i < p->n_dims; ++i) {
    if (p->dims[i] < 0) {
      ipuTensorIoErrorSet(err, what, "negative dimension in shape %s",
                          dimsText);
      return false;
    }
    uint64_t d = (uint64_t)p->dims[i];
    if (d && count > UINT64_MAX / d)
      tooLarge = true;
    else
      count *= d;
  }
  size_t elemSize = ipuDTypeSize(dtype);
  if (tooLarge || count > ((uint64_t)1 << 62) / elemSize) {
    ipuTensorIoErrorSet(err, what, "shape %s is too large", dimsText);
    return false;
  }
  size_t bytes = (size_t)count * elemSize;
  /* Checked before allocating, so a damaged shape cannot ask for more
   * memory than the file backs. */
  const char *field = NULL;
  size_t have = 0;
  if (p->has_raw_data) {
    if (p->raw_data.len != bytes) {
      ipuTensorIoErrorSet(err, what,
                          "raw_data holds %zu bytes, expected %zu for %s "
                          "shape %s",
                          p->raw_data.len, bytes, ipuDTypeName(dtype),
                          dimsText);
      return false;
    }
  } else {
    field = typedField(p, dtype, &have);
    if (have != count) {
      ipuTensorIoErrorSet(err, what,
                          "%s holds %zu values, expected %" PRIu64
                          " for %s shape %s",
                          field, have, count, ipuDTypeName(dtype), dimsText);
      return false;
    }
  }
  int64_t shape[IPU_TENSOR_MAX_RANK];
  for (size_t i = 0; i < p->n_dims; ++i)
    shape[i] = p->dims[i];
  if (!ipuTensorInit(out, dtype, (int)p->n_dims, shape)) {
    memset(out, 0, sizeof *out);
    ipuTensorIoErrorSet(err, what, "cannot allocate a tensor of shape %s",
                        dimsText);
    return false;
  }
  if (p->has_raw_data) {
    if (bytes)
      memcpy(out->data, p->raw_data.data, bytes);
    if (dtype == IPU_DTYPE_BOOL)
      for (size_t i = 0; i < bytes; ++i)
        ((uint8_t *)out->data)[i] = ((uint8_t *)out->data)[i] != 0;
    return true;
  }
  if (!count)
    return true;
  switch (dtype) {
  case IPU_DTYPE_F32:
    memcpy(out->data, p->float_data, bytes);
    break;
  case IPU_DTYPE_I64:
    memcpy(out->data, p->int64_data, bytes);
    break;
  case IPU_DTYPE_F64:
    memcpy(out->data, p->double_data, bytes);
    break;
  case IPU_DTYPE_U32: case IPU_DTYPE_U64:
    copyUint64Field(out, p->uint64_data, (size_t)count);
    break;
  default:
    copyInt32Field(out, p->int32_data, (size_t)count);
    break;
  }
  return true;
}

/* ---- Files that are not TensorProtos ----------------------------------------
 * Some ONNX node tests store inputs as SequenceProto or OptionalProto
 * (onnx-data.proto: name = 1, elem_type = 2, values in fields 3 to 7).
 * protobuf-c happily reads those as a TensorProto with nonsense dims, so a
 * file whose tensor reading failed is checked for that layout to say what
 * it really is. */

static bool readVarint(const uint8_t **p, const uint8_t *end, uint64_t *v) {
  *v = 0;
  for (int shift = 0; shift < 64 && *p < end; shift += 7) {
    uint8_t b = *(*p)++;
    *v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80))
      return true;
  }
  return false;
}

static bool looksLikeContainer(const uint8_t *p, size_t size,
                               uint64_t *elemType) {
  const uint8_t *end = p + size;
  bool sawElemType = false;
  while (p < end) {
    uint64_t tag, value;
    if (!readVarint(&p, end, &tag))
      return false;
    uint64_t field = tag >> 3, wire = tag & 7;
    if (field == 2 && wire == 0) {
      if (!readVarint(&p, end, &value) || value > 5)
        return false;
      *elemType = value;
      sawElemType = true;
      continue;
    }
    if (wire != 2 || field < 1 || field > 7 ||
        !readVarint(&p, end, &value) || value > (uint64_t)(end - p))
      return false;
    if (field == 1)
      for (uint64_t i = 0; i < value; ++i)
        if (p[i] < 0x20 || p[i] > 0x7e)
          return false;
    p += value;
  }
  return sawElemType;
}

static const char *containerElemName(uint64_t elemType) {
  static const char *const kNames[] = {"undefined", "tensor",
                                       "sparse tensor", "sequence",
                                       "map", "optional"};
  return elemType < sizeof kNames / sizeof *kNames ? kNames[elemType]
                                                   : "unknown";
}

/* ---- Reading and writing .pb files ------------------------------------------- */

/* TensorProto nests only its segment and external_data entries. */
enum { kTensorNesting = 4 };

bool ipuTensorParsePb(const void *data, size_t size, const char *name,
                      IpuTensor *out, char **tensorName,
                      IpuTensorIoError *err) {
  memset(out, 0, sizeof *out);
  if (tensorName)
    *tensorName = NULL;
  IpuTensorIoError tensorErr = {{0}};
  Onnx__TensorProto *proto = NULL;
  bool ok = false;
  char why[256];
  if (!ipuPbCheck(data, size, &onnx__tensor_proto__descriptor,
                  kTensorNesting, why, sizeof why))
    ipuTensorIoErrorSet(&tensorErr, name,
                        "damaged or not an ONNX TensorProto: %s", why);
  else if (!(proto = onnx__tensor_proto__unpack(NULL, size, data)))
    ipuTensorIoErrorSet(&tensorErr, name,
                        "cannot decode the TensorProto (out of memory)");
  else
    ok = ipuOnnxTensorFromProto(proto, name, out, &tensorErr);
  if (ok && tensorName) {
    const char *n = proto->name ? proto->name : "";
    *tensorName = strdup(n);
    if (!*tensorName) {
      ipuTensorFree(out);
      ipuTensorIoErrorSet(&tensorErr, name, "out of memory");
      ok = false;
    }
  }
  if (proto)
    onnx__tensor_proto__free_unpacked(proto, NULL);
  if (ok)
    return true;
  uint64_t elemType = 0;
  if (looksLikeContainer(data, size, &elemType))
    ipuTensorIoErrorSet(err, name,
                        "holds an ONNX SequenceProto or OptionalProto "
                        "(elements: %s), not a TensorProto; sequence and "
                        "optional values are not supported",
                        containerElemName(elemType));
  else if (err)
    *err = tensorErr;
  return false;
}

bool ipuTensorReadPb(const char *path, IpuTensor *out, char **tensorName,
                     IpuTensorIoError *err) {
  memset(out, 0, sizeof *out);
  if (tensorName)
    *tensorName = NULL;
  void *data;
  size_t size;
  if (!ipuTensorIoReadBytes(path, &data, &size, err))
    return false;
  bool ok = ipuTensorParsePb(data, size, path, out, tensorName, err);
  free(data);
  return ok;
}

bool ipuTensorEncodePb(const IpuTensor *t, const char *tensorName,
                       void **data, size_t *size, const char *name,
                       IpuTensorIoError *err) {
  *data = NULL;
  *size = 0;
  if (ipuOnnxDTypeFromProto((int32_t)t->dtype) == IPU_DTYPE_UNDEFINED ||
      !ipuTensorIsValid(t)) {
    ipuTensorIoErrorSet(err, name, "invalid tensor (type, shape or data)");
    return false;
  }
  Onnx__TensorProto proto = ONNX__TENSOR_PROTO__INIT;
  int64_t dims[IPU_TENSOR_MAX_RANK];
  for (int i = 0; i < t->rank; ++i)
    dims[i] = t->shape[i];
  proto.n_dims = (size_t)t->rank;
  proto.dims = dims;
  proto.has_data_type = 1;
  proto.data_type = (int32_t)t->dtype;
  proto.has_raw_data = 1;
  proto.raw_data.len = ipuTensorByteSize(t);
  proto.raw_data.data = t->data;
  /* protobuf-c only reads through these pointers when packing. */
  proto.name = (char *)(uintptr_t)tensorName;
  size_t packed = onnx__tensor_proto__get_packed_size(&proto);
  uint8_t *buf = malloc(packed ? packed : 1);
  if (!buf) {
    ipuTensorIoErrorSet(err, name, "out of memory");
    return false;
  }
  *size = onnx__tensor_proto__pack(&proto, buf);
  *data = buf;
  return true;
}

bool ipuTensorWritePb(const char *path, const IpuTensor *t,
                      const char *tensorName, IpuTensorIoError *err) {
  void *data;
  size_t size;
  if (!ipuTensorEncodePb(t, tensorName, &data, &size, path, err))
    return false;
  FILE *f = fopen(path, "wb");
  if (!f) {
    ipuTensorIoErrorSet(err, path, "cannot open for writing: %s",
                        strerror(errno));
    free(data);
    return false;
  }
  bool ok = fwrite(data, 1, size, f) == size;
  int e = errno;
  if (fclose(f) != 0 && ok) {
    ok = false;
    e = errno;
  }
  free(data);
  if (!ok)
    ipuTensorIoErrorSet(err, path, "cannot write: %s", strerror(e));
  return ok;
}

/* ---- Either format ------------------------------------------------------------ */

static bool hasExtension(const char *path, const char *ext) {
  size_t n = strlen(path), m = strlen(ext);
  return n > m && !strcmp(path + n - m, ext);
}

IpuTensorFileFormat ipuTensorFileFormatGuess(const char *path,
                                             const void *head,
                                             size_t headSize) {
  static const char kMagic[6] = {'\x93', 'N', 'U', 'M', 'P', 'Y'};
  if (head && headSize >= sizeof kMagic && !memcmp(head, kMagic, sizeof kMagic))
    return IPU_TENSOR_FILE_NPY;
  if (path && hasExtension(path, ".npy"))
    return IPU_TENSOR_FILE_NPY;
  if (path && hasExtension(path, ".pb"))
    return IPU_TENSOR_FILE_PB;
  return IPU_TENSOR_FILE_UNKNOWN;
}

bool ipuTensorReadFile(const char *path, IpuTensor *out,
                       IpuTensorIoError *err) {
  memset(out, 0, sizeof *out);
  void *data;
  size_t size;
  if (!ipuTensorIoReadBytes(path, &data, &size, err))
    return false;
  bool ok;
  if (ipuTensorFileFormatGuess(path, data, size) == IPU_TENSOR_FILE_NPY)
    ok = ipuTensorParseNpy(data, size, path, out, err);
  else
    ok = ipuTensorParsePb(data, size, path, out, NULL, err);
  free(data);
  return ok;
}

bool ipuTensorWriteFile(const char *path, const IpuTensor *t,
                        IpuTensorIoError *err) {
  if (ipuTensorFileFormatGuess(path, NULL, 0) == IPU_TENSOR_FILE_PB)
    return ipuTensorWritePb(path, t, NULL, err);
  return ipuTensorWriteNpy(path, t, err);
}
