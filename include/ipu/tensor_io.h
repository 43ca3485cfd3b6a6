/* Tensor files: NumPy .npy (versions 1.0 to 3.0) and ONNX TensorProto .pb,
 * read into and written from IpuTensor, with errors that name the file. */
#ifndef IPU_TENSOR_IO_H
#define IPU_TENSOR_IO_H

#include "ipu/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Why a read or write failed, as one line that starts with the file name:
 * "x.npy: unsupported dtype '<c8'". Tensor I/O has no context (tensors
 * outlive contexts), so failures come back here instead of as
 * diagnostics; every function below accepts a NULL error. */
typedef struct {
  char message[512];
} IpuTensorIoError;

typedef enum {
  IPU_TENSOR_FILE_UNKNOWN = 0,
  IPU_TENSOR_FILE_NPY,
  IPU_TENSOR_FILE_PB, /* a serialized onnx.TensorProto */
} IpuTensorFileFormat;

/* ---- NumPy .npy (implemented in interp/tensor_npy.c) -------------------
 * Reading accepts format versions 1.0, 2.0 and 3.0, the dtypes f2 f4 f8
 * i1 u1 i2 u2 i4 u4 i8 u8 b1 in either byte order (big-endian data is
 * swapped), C order only, and shape () for scalars. Bool elements are
 * normalized to 0 or 1. Writing produces version 1.0 with the header padded
 * to 64 bytes, as NumPy does, in little-endian byte order; bfloat16 and
 * string tensors have no NumPy dtype and are an error.
 *
 * On success `*out` owns fresh data (free it with ipuTensorFree); on
 * failure `*out` holds no data. `name` is the file name used in messages. */
bool ipuTensorReadNpy(const char *path, IpuTensor *out, IpuTensorIoError *err);
bool ipuTensorParseNpy(const void *data, size_t size, const char *name,
                       IpuTensor *out, IpuTensorIoError *err);
bool ipuTensorWriteNpy(const char *path, const IpuTensor *t,
                       IpuTensorIoError *err);
/* The whole file in a malloc'd buffer (*data, *size); the caller frees it. */
bool ipuTensorEncodeNpy(const IpuTensor *t, void **data, size_t *size,
                        const char *name, IpuTensorIoError *err);
/* The NumPy dtype string ("<f4", "|b1") of `t`, or NULL if it has none. */
const char *ipuDTypeNpyDescr(IpuDType t);

/* ---- ONNX TensorProto .pb (implemented in frontends/onnx/tensor_pb.c) --
 * Reading takes raw_data (little-endian) or the typed repeated fields as
 * ONNX packs them: float_data; int32_data also for int8, uint8, int16,
 * uint16, bool, float16 and bfloat16 (the bit pattern in the low 16 bits);
 * int64_data; double_data; uint64_data for uint32 and uint64. External
 * data, segments, string and complex tensors are errors, and so is a file
 * that holds an ONNX SequenceProto, OptionalProto or MapProto (as some ONNX
 * node tests do), with a message that says so. `tensorName`, if not NULL,
 * receives the TensorProto's name (malloc'd, "" if it has none; NULL on
 * failure); the caller frees it. Writing stores raw_data. */
bool ipuTensorReadPb(const char *path, IpuTensor *out, char **tensorName,
                     IpuTensorIoError *err);
bool ipuTensorParsePb(const void *data, size_t size, const char *name,
                      IpuTensor *out, char **tensorName,
                      IpuTensorIoError *err);
/* `tensorName` may be NULL (the TensorProto then has no name). */
bool ipuTensorWritePb(const char *path, const IpuTensor *t,
                      const char *tensorName, IpuTensorIoError *err);
bool ipuTensorEncodePb(const IpuTensor *t, const char *tensorName,
                       void **data, size_t *size, const char *name,
                       IpuTensorIoError *err);

/* ---- Shared plumbing (interp/tensor_npy.c) -----------------------------
 * Fills `err` (if not NULL) with "name: " followed by the formatted text. */
void ipuTensorIoErrorSet(IpuTensorIoError *err, const char *name,
                         const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reads a whole file into a malloc'd buffer with a NUL byte after its end
 * (not counted in *size); the caller frees *data. */
bool ipuTensorIoReadBytes(const char *path, void **data, size_t *size,
                          IpuTensorIoError *err);

/* ---- Either format (frontends/onnx/tensor_pb.c) -------------------------
 * The format of a file from its first bytes (the .npy magic) and then its
 * extension (.npy, .pb); UNKNOWN if neither tells. */
IpuTensorFileFormat ipuTensorFileFormatGuess(const char *path,
                                             const void *head,
                                             size_t headSize);
/* Reads a .npy or .pb file, recognized by its magic, else by extension,
 * else as a TensorProto. */
bool ipuTensorReadFile(const char *path, IpuTensor *out,
                       IpuTensorIoError *err);
/* Writes by extension: .pb as a TensorProto, anything else as .npy. */
bool ipuTensorWriteFile(const char *path, const IpuTensor *t,
                        IpuTensorIoError *err);

#ifdef __cplusplus
}
#endif
#endif
