/* Unit test of tensor files and ONNX model loading: .npy and .pb round trips
 * and error messages, every node-test .pb of libonnx-testdata, the model
 * accessors, and damaged files (truncation, byte flips, deep nesting, OOM). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipu/ipu.h"
#include "ipu/tensor_io.h"
#include "onnx.pb-c.h"
#include "onnx_model.h"

#include "unit_test.h"

/* A message check that shows the message when it fails. */
#define CHECK_MESSAGE(msg, expected)                                           \
  CHECK_MSG(strstr((msg), (expected)), "message '%s' lacks '%s'", (msg),    \
            (expected))

static const char *kNodeDir = "/usr/share/libonnx-testdata/data/node";
static char tmpDir[64];

static char *tmpPath(const char *name) {
  static char buf[256];
  snprintf(buf, sizeof buf, "%s/%s", tmpDir, name);
  return buf;
}

/* A deterministic generator, so failures reproduce. */
static uint64_t rngState = 0x9e3779b97f4a7c15u;
static uint32_t rng(void) {
  rngState ^= rngState << 13;
  rngState ^= rngState >> 7;
  rngState ^= rngState << 17;
  return (uint32_t)(rngState >> 11);
}

static bool sameTensor(const IpuTensor *a, const IpuTensor *b) {
  return a->dtype == b->dtype && ipuTensorSameShape(a, b) &&
         !memcmp(a->data, b->data, ipuTensorByteSize(a));
}

static void fillRandom(IpuTensor *t) {
  uint8_t *p = t->data;
  for (size_t i = 0; i < ipuTensorByteSize(t); ++i)
    p[i] = (uint8_t)rng();
  if (t->dtype == IPU_DTYPE_BOOL)
    for (size_t i = 0; i < ipuTensorByteSize(t); ++i)
      p[i] &= 1;
}

static const IpuDType kAllTypes[] = {
    IPU_DTYPE_F32, IPU_DTYPE_U8,   IPU_DTYPE_I8,  IPU_DTYPE_U16,
    IPU_DTYPE_I16, IPU_DTYPE_I32,  IPU_DTYPE_I64, IPU_DTYPE_BOOL,
    IPU_DTYPE_F16, IPU_DTYPE_F64,  IPU_DTYPE_U32, IPU_DTYPE_U64,
    IPU_DTYPE_BF16};
enum { kNumTypes = sizeof kAllTypes / sizeof *kAllTypes };

/* ---- Round trips -------------------------------------------------------------- */

static void testRoundTrips(void) {
  static const int64_t shapes[][IPU_TENSOR_MAX_RANK] = {
      {0}, {0}, {7}, {2, 3, 4}, {2, 1, 2, 1, 2, 1, 2, 3}, {3, 0, 2}};
  static const int ranks[] = {0, 1, 1, 3, 8, 3};
  for (int ti = 0; ti < kNumTypes; ++ti)
    for (size_t si = 0; si < sizeof ranks / sizeof *ranks; ++si) {
      IpuTensor t, back;
      CHECK(ipuTensorInit(&t, kAllTypes[ti], ranks[si], shapes[si]));
      fillRandom(&t);
      IpuTensorIoError err = {{0}};
      void *data;
      size_t size;
      bool npyOk = ipuTensorEncodeNpy(&t, &data, &size, "t.npy", &err);
      if (kAllTypes[ti] == IPU_DTYPE_BF16) {
        CHECK(!npyOk);
        CHECK_MESSAGE(err.message, "t.npy: element type bfloat16 has no NumPy dtype");
      } else {
        CHECK(npyOk);
        /* NumPy aligns the data to 64 bytes and ends the header with \n. */
        size_t header = size - ipuTensorByteSize(&t);
        CHECK(header % 64 == 0 && ((char *)data)[header - 1] == '\n');
        CHECK(ipuTensorParseNpy(data, size, "t.npy", &back, &err));
        CHECK(sameTensor(&t, &back));
        ipuTensorFree(&back);
        free(data);
        CHECK(ipuTensorWriteFile(tmpPath("rt.npy"), &t, &err));
        CHECK(ipuTensorReadFile(tmpPath("rt.npy"), &back, &err));
        CHECK(sameTensor(&t, &back));
        ipuTensorFree(&back);
      }
      CHECK(ipuTensorEncodePb(&t, "weights", &data, &size, "t.pb", &err));
      char *name = NULL;
      CHECK(ipuTensorParsePb(data, size, "t.pb", &back, &name, &err));
      CHECK(sameTensor(&t, &back));
      CHECK(name && !strcmp(name, "weights"));
      free(name);
      ipuTensorFree(&back);
      free(data);
      CHECK(ipuTensorWriteFile(tmpPath("rt.pb"), &t, &err));
      CHECK(ipuTensorReadPb(tmpPath("rt.pb"), &back, &name, &err));
      CHECK(sameTensor(&t, &back) && name && !name[0]);
      free(name);
      ipuTensorFree(&back);
      ipuTensorFree(&t);
    }
}

/* ---- Hand-written .npy files --------------------------------------------------- */

/* A .npy file of the given version and header dict (padded as NumPy does)
 * followed by `dataSize` bytes of `data`. */
static size_t makeNpy(uint8_t *buf, int major, const char *dict,
                      const void *data, size_t dataSize) {
  size_t prefix = major == 1 ? 10 : 12;
  size_t len = strlen(dict);
  size_t total = (prefix + len + 1 + 63) / 64 * 64;
  memcpy(buf, "\x93NUMPY", 6);
  buf[6] = (uint8_t)major;
  buf[7] = 0;
  size_t headerLen = total - prefix;
  for (size_t i = 0; i < prefix - 8; ++i)
    buf[8 + i] = (uint8_t)(headerLen >> (8 * i));
  memcpy(buf + prefix, dict, len);
  memset(buf + prefix + len, ' ', total - prefix - len - 1);
  buf[total - 1] = '\n';
  if (dataSize)
    memcpy(buf + total, data, dataSize);
  return total + dataSize;
}

static bool parseNpy(const uint8_t *buf, size_t size, IpuTensor *t,
                     IpuTensorIoError *err) {
  return ipuTensorParseNpy(buf, size, "x.npy", t, err);
}

static void testNpyFormats(void) {
  uint8_t buf[8192];
  IpuTensorIoError err = {{0}};
  IpuTensor t;
  const uint8_t be[] = {0x3f, 0x80, 0, 0, 0xc0, 0, 0, 0}; /* 1.0f, -2.0f */
  size_t n;

  /* Version 2.0 and 3.0, big-endian, keys in another order. */
  n = makeNpy(buf, 2, "{'shape': (2,), 'fortran_order': False, 'descr': '>f4'}",
              be, sizeof be);
  CHECK(parseNpy(buf, n, &t, &err));
  CHECK(t.dtype == IPU_DTYPE_F32 && t.rank == 1 && t.shape[0] == 2 &&
        ((float *)t.data)[0] == 1.0f && ((float *)t.data)[1] == -2.0f);
  ipuTensorFree(&t);
  n = makeNpy(buf, 3, "{\"descr\": \">i2\", \"fortran_order\": False, "
                      "\"shape\": (2L, 2L), }",
              "\x00\x01\xff\xfe\x80\x00\x7f\xff", 8);
  CHECK(parseNpy(buf, n, &t, &err));
  CHECK(t.dtype == IPU_DTYPE_I16 && t.rank == 2 &&
        ((int16_t *)t.data)[0] == 1 && ((int16_t *)t.data)[1] == -2 &&
        ((int16_t *)t.data)[2] == -32768 && ((int16_t *)t.data)[3] == 32767);
  ipuTensorFree(&t);
  /* Scalars, '|b1' normalized, '>' on a one-byte type, 8-byte big-endian. */
  n = makeNpy(buf, 1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
              "\x00\x02\x01", 3);
  CHECK(parseNpy(buf, n, &t, &err));
  CHECK(t.dtype == IPU_DTYPE_BOOL && !memcmp(t.data, "\x00\x01\x01", 3));
  ipuTensorFree(&t);
  n = makeNpy(buf, 1, "{'descr': '>i8', 'fortran_order': False, 'shape': (), }",
              "\xff\xff\xff\xff\xff\xff\xff\xfe", 8);
  CHECK(parseNpy(buf, n, &t, &err));
  CHECK(t.dtype == IPU_DTYPE_I64 && t.rank == 0 &&
        *(int64_t *)t.data == -2);
  ipuTensorFree(&t);
  static const struct {
    const char *descr;
    IpuDType type;
  } descrs[] = {{"<f2", IPU_DTYPE_F16}, {"<f8", IPU_DTYPE_F64},
                {"|i1", IPU_DTYPE_I8},  {"|u1", IPU_DTYPE_U8},
                {"<u2", IPU_DTYPE_U16}, {"<i4", IPU_DTYPE_I32},
                {"<u4", IPU_DTYPE_U32}, {"<u8", IPU_DTYPE_U64},
                {">u8", IPU_DTYPE_U64}, {"=f4", IPU_DTYPE_F32}};
  for (size_t i = 0; i < sizeof descrs / sizeof *descrs; ++i) {
    char dict[128];
    snprintf(dict, sizeof dict,
             "{'descr': '%s', 'fortran_order': False, 'shape': (1, 2), }",
             descrs[i].descr);
    n = makeNpy(buf, 1, dict, "0123456789abcdef",
                2 * ipuDTypeSize(descrs[i].type));
    CHECK(parseNpy(buf, n, &t, &err));
    CHECK(t.dtype == descrs[i].type);
    ipuTensorFree(&t);
  }

  /* Errors, each naming the file and the problem. */
  static const struct {
    int major;
    const char *dict;
    size_t dataSize;
    const char *message;
  } bad[] = {
      {1, "{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", 16,
       "x.npy: unsupported dtype '<c8'"},
      {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1024,), }", 100,
       "x.npy: truncated: expected 4096 bytes of data, found 100"},
      {1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", 16,
       "x.npy: Fortran-order arrays are not supported"},
      {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 12,
       "x.npy: 4 bytes of unexpected data after the array"},
      {1, "{'descr': '<f4', 'shape': (2,), }", 8,
       "x.npy: malformed .npy header: missing 'fortran_order'"},
      {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}",
       8, "x.npy: malformed .npy header: unexpected key 'x'"},
      {1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (), }",
       4, "x.npy: structured dtypes are not supported"},
      {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", 0,
       "x.npy: malformed .npy header: expected a non-negative integer"},
      {1, "{'descr': '<f4', 'fortran_order': False, "
          "'shape': (1,1,1,1,1,1,1,1,1), }",
       4, "x.npy: rank above the maximum of 8"},
      {1, "{'descr': '<f4', 'fortran_order': False, "
          "'shape': (4294967296, 4294967296, 4294967296), }",
       0, "x.npy: shape (4294967296, 4294967296, 4294967296) is too large"},
      {1, "{'descr': '|f4', 'fortran_order': False, 'shape': (1,), }", 4,
       "x.npy: unsupported dtype '|f4'"},
      {1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } x", 4,
       "x.npy: malformed .npy header: unexpected text after '}'"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
    static const uint8_t zeros[4096];
    n = makeNpy(buf, bad[i].major, bad[i].dict, zeros, bad[i].dataSize);
    err.message[0] = '\0';
    CHECK(!parseNpy(buf, n, &t, &err) && t.data == NULL);
    CHECK_MESSAGE(err.message, bad[i].message);
  }
  n = makeNpy(buf, 4, "{}", NULL, 0);
  CHECK(!parseNpy(buf, n, &t, &err));
  CHECK_MESSAGE(err.message, "x.npy: unsupported .npy format version 4.0");
  CHECK(!parseNpy((const uint8_t *)"PK\x03\x04", 4, &t, &err));
  CHECK_MESSAGE(err.message, "x.npy: not a .npy file (bad magic)");
  n = makeNpy(buf, 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
              "abcd", 4);
  CHECK(!parseNpy(buf, 40, &t, &err));
  CHECK_MESSAGE(err.message, "x.npy: truncated: expected a header of 118 bytes, found 30");
  CHECK(!ipuTensorReadNpy(tmpPath("missing.npy"), &t, &err));
  CHECK_MESSAGE(err.message, "missing.npy: cannot open: No such file or directory");
  CHECK(!ipuTensorReadFile(tmpDir, &t, &err));
  CHECK_MESSAGE(err.message, ": cannot read: Is a directory");
  const char *descr = ipuDTypeNpyDescr(IPU_DTYPE_I8);
  CHECK(descr && !strcmp(descr, "|i1") && !ipuDTypeNpyDescr(IPU_DTYPE_BF16));
}

/* ---- TensorProto fields ----------------------------------------------------------- */

static bool parseProto(const Onnx__TensorProto *p, IpuTensor *t,
                       IpuTensorIoError *err) {
  size_t size = onnx__tensor_proto__get_packed_size(p);
  uint8_t *buf = malloc(size + 1);
  onnx__tensor_proto__pack(p, buf);
  bool ok = ipuTensorParsePb(buf, size, "t.pb", t, NULL, err);
  free(buf);
  return ok;
}

static void testPbFields(void) {
  IpuTensorIoError err = {{0}};
  IpuTensor t;
  int64_t dims[] = {2, 2};
  Onnx__TensorProto p = ONNX__TENSOR_PROTO__INIT;
  p.n_dims = 2;
  p.dims = dims;
  p.has_data_type = 1;

  float floats[] = {1.5f, -2, 3, 4};
  p.data_type = IPU_DTYPE_F32;
  p.n_float_data = 4;
  p.float_data = floats;
  CHECK(parseProto(&p, &t, &err));
  CHECK(t.dtype == IPU_DTYPE_F32 && !memcmp(t.data, floats, sizeof floats));
  ipuTensorFree(&t);
  p.n_float_data = 0;

  /* int32_data carries the narrow types, 16-bit floats as bit patterns. */
  int32_t ints[] = {-1, 200, 0x3c00, 1};
  p.n_int32_data = 4;
  p.int32_data = ints;
  p.data_type = IPU_DTYPE_I8;
  CHECK(parseProto(&p, &t, &err));
  CHECK(((int8_t *)t.data)[0] == -1 && ((int8_t *)t.data)[1] == -56);
  ipuTensorFree(&t);
  p.data_type = IPU_DTYPE_U8;
  CHECK(parseProto(&p, &t, &err) && ((uint8_t *)t.data)[1] == 200);
  ipuTensorFree(&t);
  p.data_type = IPU_DTYPE_F16;
  CHECK(parseProto(&p, &t, &err));
  CHECK(ipuF16ToF32(((uint16_t *)t.data)[2]) == 1.0f);
  ipuTensorFree(&t);
  p.data_type = IPU_DTYPE_BF16;
  CHECK(parseProto(&p, &t, &err) && ((uint16_t *)t.data)[2] == 0x3c00);
  ipuTensorFree(&t);
  p.data_type = IPU_DTYPE_I16;
  CHECK(parseProto(&p, &t, &err) && ((int16_t *)t.data)[0] == -1);
  ipuTensorFree(&t);
  p.data_type = IPU_DTYPE_U16;
  CHECK(parseProto(&p, &t, &err) && ((uint16_t *)t.data)[0] == 0xffff);
  ipuTensorFree(&t);
  p.data_type = IPU_DTYPE_BOOL;
  CHECK(parseProto(&p, &t, &err) && !memcmp(t.data, "\1\1\1\1", 4));
  ipuTensorFree(&t);
  p.data_type = IPU_DTYPE_I32;
  CHECK(parseProto(&p, &t, &err) && !memcmp(t.data, ints, sizeof ints));
  ipuTensorFree(&t);
  p.n_int32_data = 0;

  int64_t longs[] = {-5, 1LL << 40, 0, 7};
  p.data_type = IPU_DTYPE_I64;
  p.n_int64_data = 4;
  p.int64_data = longs;
  CHECK(parseProto(&p, &t, &err) && !memcmp(t.data, longs, sizeof longs));
  ipuTensorFree(&t);
  p.n_int64_data = 0;

  double doubles[] = {0.25, -1e300, 2, 3};
  p.data_type = IPU_DTYPE_F64;
  p.n_double_data = 4;
  p.double_data = doubles;
  CHECK(parseProto(&p, &t, &err) && !memcmp(t.data, doubles, sizeof doubles));
  ipuTensorFree(&t);
  p.n_double_data = 0;

  uint64_t ulongs[] = {1, 0xffffffffu, 3, 1ULL << 63};
  p.n_uint64_data = 4;
  p.uint64_data = ulongs;
  p.data_type = IPU_DTYPE_U64;
  CHECK(parseProto(&p, &t, &err) && !memcmp(t.data, ulongs, sizeof ulongs));
  ipuTensorFree(&t);
  p.data_type = IPU_DTYPE_U32;
  CHECK(parseProto(&p, &t, &err) && ((uint32_t *)t.data)[1] == 0xffffffffu);
  ipuTensorFree(&t);
  p.n_uint64_data = 0;

  /* Errors. */
  p.data_type = IPU_DTYPE_F32;
  CHECK(!parseProto(&p, &t, &err));
  CHECK_MESSAGE(err.message, "t.pb: float_data holds 0 values, expected 4 for float32 shape [2, 2]");
  p.has_raw_data = 1;
  p.raw_data.len = 3;
  p.raw_data.data = (uint8_t *)"abc";
  CHECK(!parseProto(&p, &t, &err));
  CHECK_MESSAGE(err.message, "t.pb: raw_data holds 3 bytes, expected 16 for float32 shape [2, 2]");
  p.has_raw_data = 0;
  p.data_type = ONNX__TENSOR_PROTO__DATA_TYPE__STRING;
  CHECK(!parseProto(&p, &t, &err));
  CHECK_MESSAGE(err.message, "t.pb: string tensors are not supported");
  p.data_type = ONNX__TENSOR_PROTO__DATA_TYPE__COMPLEX64;
  CHECK(!parseProto(&p, &t, &err));
  CHECK_MESSAGE(err.message, "t.pb: complex64 tensors are not supported");
  p.data_type = 99;
  CHECK(!parseProto(&p, &t, &err));
  CHECK_MESSAGE(err.message, "t.pb: unknown tensor data type 99");
  p.has_data_type = 0;
  CHECK(!parseProto(&p, &t, &err));
  CHECK_MESSAGE(err.message, "t.pb: tensor has no data type");
  p.has_data_type = 1;
  p.data_type = IPU_DTYPE_F32;
  p.has_data_location = 1;
  p.data_location = ONNX__TENSOR_PROTO__DATA_LOCATION__EXTERNAL;
  CHECK(!parseProto(&p, &t, &err));
  CHECK_MESSAGE(err.message, "t.pb: external tensor data (stored in another file) is not supported");
  p.has_data_location = 0;
  int64_t negative[] = {2, -1};
  p.dims = negative;
  CHECK(!parseProto(&p, &t, &err));
  CHECK_MESSAGE(err.message, "t.pb: negative dimension in shape [2, -1]");
  int64_t deep[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
  p.dims = deep;
  p.n_dims = 9;
  CHECK(!parseProto(&p, &t, &err));
  CHECK_MESSAGE(err.message, "t.pb: rank 9 is above the supported maximum of 8");
  int64_t huge[] = {1LL << 40, 1LL << 40};
  p.dims = huge;
  p.n_dims = 2;
  CHECK(!parseProto(&p, &t, &err));
  CHECK_MESSAGE(err.message, "is too large");
  CHECK(!ipuTensorParsePb("\xff\xff", 2, "junk.pb", &t, NULL, &err));
  CHECK_MESSAGE(err.message, "junk.pb: damaged or not an ONNX TensorProto: at byte 0: truncated or invalid field tag");
  CHECK(!ipuTensorParsePb("", 0, "empty.pb", &t, NULL, &err));
  CHECK_MESSAGE(err.message, "empty.pb: tensor has no data type");

  CHECK(ipuTensorFileFormatGuess("a.pb", "\x93NUMPY", 6) == IPU_TENSOR_FILE_NPY);
  CHECK(ipuTensorFileFormatGuess("a.pb", "\x08\x01", 2) == IPU_TENSOR_FILE_PB);
  CHECK(ipuTensorFileFormatGuess("a.npy", NULL, 0) == IPU_TENSOR_FILE_NPY);
  CHECK(ipuTensorFileFormatGuess("a.bin", "\x08", 1) == IPU_TENSOR_FILE_UNKNOWN);
}

/* ---- Damaged files ------------------------------------------------------------------ */

typedef bool (*ParseFn)(const void *data, size_t size, const char *name,
                        IpuTensor *out, IpuTensorIoError *err);

static bool parsePbPlain(const void *data, size_t size, const char *name,
                         IpuTensor *out, IpuTensorIoError *err) {
  return ipuTensorParsePb(data, size, name, out, NULL, err);
}

/* Every truncation and random byte flips: each parse either succeeds with
 * a valid tensor or fails with a message naming the file. Returns the
 * number of bad outcomes. */
static int fuzzTensorFile(ParseFn parse, const uint8_t *good, size_t size,
                          int flips) {
  int bad = 0;
  uint8_t *copy = malloc(size + 1);
  for (size_t cut = 0; cut <= size; ++cut) {
    memcpy(copy, good, cut);
    IpuTensor t;
    IpuTensorIoError err = {{0}};
    if (parse(copy, cut, "f.x", &t, &err)) {
      bad += !ipuTensorIsValid(&t);
      ipuTensorFree(&t);
    } else {
      bad += strncmp(err.message, "f.x: ", 5) != 0 || t.data != NULL;
    }
  }
  for (int i = 0; i < flips; ++i) {
    memcpy(copy, good, size);
    for (int k = 1 + (int)(rng() % 3); k > 0; --k)
      copy[rng() % size] = (uint8_t)rng();
    IpuTensor t;
    IpuTensorIoError err = {{0}};
    if (parse(copy, size, "f.x", &t, &err)) {
      bad += !ipuTensorIsValid(&t);
      ipuTensorFree(&t);
    } else {
      bad += strncmp(err.message, "f.x: ", 5) != 0;
    }
  }
  free(copy);
  return bad;
}

static void testTensorFuzz(void) {
  IpuTensor t;
  int64_t shape[] = {3, 5};
  CHECK(ipuTensorInit(&t, IPU_DTYPE_I16, 2, shape));
  fillRandom(&t);
  void *data;
  size_t size;
  IpuTensorIoError err;
  CHECK(ipuTensorEncodeNpy(&t, &data, &size, "f.npy", &err));
  CHECK(fuzzTensorFile(ipuTensorParseNpy, data, size, 3000) == 0);
  /* Flips confined to the header exercise the dictionary parser. */
  int bad = 0;
  for (int i = 0; i < 3000; ++i) {
    uint8_t copy[256];
    memcpy(copy, data, size);
    static const char kHeaderChars[] = " ()',:{}0123456789TF";
    copy[8 + rng() % 56] = rng() % 2 ? (uint8_t)rng()
                                     : (uint8_t)kHeaderChars[rng() % 20];
    IpuTensor back;
    if (ipuTensorParseNpy(copy, size, "f.npy", &back, &err))
      ipuTensorFree(&back);
    else
      bad += strncmp(err.message, "f.npy: ", 7) != 0;
  }
  CHECK(bad == 0);
  free(data);
  CHECK(ipuTensorEncodePb(&t, "x", &data, &size, "f.pb", &err));
  CHECK(fuzzTensorFile(parsePbPlain, data, size, 3000) == 0);
  free(data);
  ipuTensorFree(&t);
}

/* ---- The node tests' .pb files --------------------------------------------------------- */

/* Checks input_N.pb/output_N.pb of one case against the model's declared
 * types; returns the number of mismatches and counts files read. */
static int checkNodeCase(IpuContext *ctx, const char *caseDir, int *numRead,
                         int *numContainers) {
  char path[1024];
  snprintf(path, sizeof path, "%s/model.onnx", caseDir);
  IpuOnnxModel *m = ipuOnnxModelLoad(ctx, path);
  if (!m) {
    fprintf(stderr, "%s: does not load\n", path);
    return 1;
  }
  int bad = 0;
  for (int io = 0; io < 2; ++io) {
    size_t count = io ? ipuOnnxModelGetNumOutputs(m)
                      : ipuOnnxModelGetNumAllInputs(m);
    for (size_t i = 0;; ++i) {
      snprintf(path, sizeof path, "%s/test_data_set_0/%s_%zu.pb", caseDir,
               io ? "output" : "input", i);
      struct stat st;
      if (stat(path, &st) != 0)
        break;
      const IpuOnnxValueInfo *v =
          i < count ? (io ? ipuOnnxModelGetOutput(m, i)
                          : ipuOnnxModelGetAllInput(m, i))
                    : NULL;
      IpuTensor t;
      IpuTensorIoError err = {{0}};
      bool ok = ipuTensorReadFile(path, &t, &err);
      if (!v) {
        fprintf(stderr, "%s: more files than graph values\n", path);
        ++bad;
      } else if (v->kind == IPU_ONNX_VALUE_TENSOR) {
        bool typeOk = ok && ipuTensorIsValid(&t) &&
                      (int32_t)t.dtype == v->elemType;
        bool shapeOk = ok && (!v->hasShape || v->rank == (size_t)t.rank);
        for (size_t d = 0; shapeOk && v->hasShape && d < v->rank; ++d)
          shapeOk = v->dims[d] < 0 || v->dims[d] == t.shape[d];
        /* ONNX's own bfloat16 test data is stored as uint16 (NumPy has no
         * bfloat16), so the file's type differs from the model's there;
         * and CastLike's `like` input is [1] where the model says [3, 4]. */
        if (ok && v->elemType == IPU_DTYPE_BF16 && t.dtype == IPU_DTYPE_U16)
          typeOk = ipuTensorIsValid(&t);
        if (ok && strstr(caseDir, "/test_castlike_") && !io && i == 1)
          shapeOk = true;
        /* String tensors are the one kind of tensor we knowingly reject. */
        bool expectedFail =
            !ok && v->elemType == 8 && strstr(err.message, "string tensors");
        if (!expectedFail && !(typeOk && shapeOk)) {
          fprintf(stderr, "%s: %s\n", path,
                  ok ? "dtype or shape differs from the model" : err.message);
          ++bad;
        }
        *numRead += ok;
      } else {
        /* Sequences and optionals: a clear refusal. */
        if (ok || !strstr(err.message, "SequenceProto or OptionalProto")) {
          fprintf(stderr, "%s: %s value: %s\n", path,
                  ipuOnnxValueKindName(v->kind),
                  ok ? "read as a tensor" : err.message);
          ++bad;
        }
        ++*numContainers;
      }
      if (ok)
        ipuTensorFree(&t);
    }
  }
  ipuOnnxModelDestroy(m);
  return bad;
}

static int compareNames(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void testNodeCases(void) {
  DIR *dir = opendir(kNodeDir);
  if (!dir) {
    printf("skipped: %s is missing (install libonnx-testdata)\n", kNodeDir);
    return;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(dir))) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 1024;
      names = realloc(names, cap * sizeof *names);
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(dir);
  qsort(names, n, sizeof *names, compareNames);
  IpuContext *ctx = ipuContextCreate(NULL);
  int bad = 0, numRead = 0, numContainers = 0;
  for (size_t i = 0; i < n; ++i) {
    char caseDir[512];
    snprintf(caseDir, sizeof caseDir, "%s/%s", kNodeDir, names[i]);
    bad += checkNodeCase(ctx, caseDir, &numRead, &numContainers);
    free(names[i]);
  }
  free(names);
  CHECK(bad == 0);
  CHECK(ipuContextGetNumErrors(ctx) == 0);
  ipuContextDestroy(ctx);
  printf("node tests: %zu cases, %d tensor files read, %d sequence/optional "
         "files refused\n", n, numRead, numContainers);
  CHECK(n == 0 || numRead > 1000);
}

/* ---- Model accessors ------------------------------------------------------------------------ */

static int errorsSeen;
static char lastError[512];
static void recordDiag(const IpuDiagnostic *d, void *userData) {
  (void)userData;
  ++errorsSeen;
  snprintf(lastError, sizeof lastError, "%s", ipuDiagnosticGetMessage(d));
}

/* A model built in memory: dynamic dims, an initializer-backed input, the
 * "ai.onnx" spelling of the default domain, attributes of every kind. */
static uint8_t *buildModel(size_t *size) {
  Onnx__TensorShapeProto__Dimension d0 = ONNX__TENSOR_SHAPE_PROTO__DIMENSION__INIT,
                                    d1 = d0, d2 = d0;
  d0.value_case = ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_PARAM;
  d0.dim_param = "N";
  d1.value_case = ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE;
  d1.dim_value = 3;
  Onnx__TensorShapeProto__Dimension *dims[] = {&d0, &d1, &d2};
  Onnx__TensorShapeProto shape = ONNX__TENSOR_SHAPE_PROTO__INIT;
  shape.n_dim = 3;
  shape.dim = dims;
  Onnx__TypeProto__Tensor tt = ONNX__TYPE_PROTO__TENSOR__INIT;
  tt.has_elem_type = 1;
  tt.elem_type = IPU_DTYPE_F32;
  tt.shape = &shape;
  Onnx__TypeProto type = ONNX__TYPE_PROTO__INIT;
  type.value_case = ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE;
  type.tensor_type = &tt;
  Onnx__ValueInfoProto in0 = ONNX__VALUE_INFO_PROTO__INIT, in1 = in0,
                       out0 = in0;
  in0.name = "x";
  in0.type = &type;
  in1.name = "w";
  out0.name = "y";
  Onnx__ValueInfoProto *inputs[] = {&in0, &in1}, *outputs[] = {&out0};

  float wdata[] = {1, 2};
  int64_t wdims[] = {2};
  Onnx__TensorProto w = ONNX__TENSOR_PROTO__INIT;
  w.name = "w";
  w.n_dims = 1;
  w.dims = wdims;
  w.has_data_type = 1;
  w.data_type = IPU_DTYPE_F32;
  w.n_float_data = 2;
  w.float_data = wdata;
  Onnx__TensorProto *inits[] = {&w};

  Onnx__AttributeProto aInt = ONNX__ATTRIBUTE_PROTO__INIT, aFloat = aInt,
                       aStr = aInt, aInts = aInt, aFloats = aInt,
                       aTensor = aInt, aGraph = aInt, aOld = aInt;
  aInt.name = "axis"; aInt.has_type = 1;
  aInt.type = ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INT;
  aInt.has_i = 1; aInt.i = -2;
  aFloat.name = "alpha"; aFloat.has_type = 1;
  aFloat.type = ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOAT;
  aFloat.has_f = 1; aFloat.f = 0.5f;
  aStr.name = "mode"; aStr.has_type = 1;
  aStr.type = ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRING;
  aStr.has_s = 1; aStr.s.data = (uint8_t *)"nearest"; aStr.s.len = 7;
  int64_t ints[] = {1, 2, 3};
  aInts.name = "pads"; aInts.has_type = 1;
  aInts.type = ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INTS;
  aInts.n_ints = 3; aInts.ints = ints;
  float floats[] = {0.25f};
  aFloats.name = "scales"; aFloats.has_type = 1;
  aFloats.type = ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOATS;
  aFloats.n_floats = 1; aFloats.floats = floats;
  aTensor.name = "value"; aTensor.has_type = 1;
  aTensor.type = ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSOR;
  aTensor.t = &w;
  Onnx__GraphProto sub = ONNX__GRAPH_PROTO__INIT;
  aGraph.name = "body"; aGraph.has_type = 1;
  aGraph.type = ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPH;
  aGraph.g = &sub;
  aOld.name = "old"; /* IR version 1 style: no type field */
  aOld.n_ints = 3; aOld.ints = ints;
  Onnx__AttributeProto *attrs[] = {&aInt, &aFloat, &aStr, &aInts,
                                   &aFloats, &aTensor, &aGraph, &aOld};

  char *nin[] = {"x", "", "w"}, *nout[] = {"y"}, *nout2[] = {"z"};
  Onnx__NodeProto n0 = ONNX__NODE_PROTO__INIT, n1 = n0, n2 = n0;
  n0.op_type = "Foo"; n0.name = "first"; n0.domain = "ai.onnx";
  n0.n_input = 3; n0.input = nin; n0.n_output = 1; n0.output = nout;
  n0.n_attribute = 8; n0.attribute = attrs;
  n1.op_type = "Relu"; n1.n_output = 1; n1.output = nout2;
  n2.op_type = "Foo"; n2.domain = "com.example";
  Onnx__NodeProto *nodes[] = {&n0, &n1, &n2};

  Onnx__GraphProto g = ONNX__GRAPH_PROTO__INIT;
  g.name = "g";
  g.n_node = 3; g.node = nodes;
  g.n_input = 2; g.input = inputs;
  g.n_output = 1; g.output = outputs;
  g.n_initializer = 1; g.initializer = inits;
  Onnx__OperatorSetIdProto op0 = ONNX__OPERATOR_SET_ID_PROTO__INIT, op1 = op0;
  op0.domain = "ai.onnx"; op0.has_version = 1; op0.version = 13;
  op1.domain = "com.example"; op1.has_version = 1; op1.version = 2;
  Onnx__OperatorSetIdProto *opsets[] = {&op0, &op1};
  Onnx__ModelProto model = ONNX__MODEL_PROTO__INIT;
  model.has_ir_version = 1; model.ir_version = 8;
  model.producer_name = "unit";
  model.n_opset_import = 2; model.opset_import = opsets;
  model.graph = &g;
  *size = onnx__model_proto__get_packed_size(&model);
  uint8_t *buf = malloc(*size);
  onnx__model_proto__pack(&model, buf);
  return buf;
}

static void testModelAccess(void) {
  IpuContext *ctx = ipuContextCreate(NULL);
  ipuContextSetDiagnosticHandler(ctx, recordDiag, NULL);
  size_t size;
  uint8_t *buf = buildModel(&size);
  IpuOnnxModel *m = ipuOnnxModelLoadFromBuffer(ctx, buf, size, "mem.onnx");
  free(buf);
  CHECK(m != NULL);
  if (!m) {
    ipuContextDestroy(ctx);
    return;
  }
  CHECK(!strcmp(ipuOnnxModelGetFileName(m), "mem.onnx"));
  CHECK(ipuOnnxModelGetIrVersion(m) == 8);
  CHECK(!strcmp(ipuOnnxModelGetProducerName(m), "unit"));
  CHECK(!strcmp(ipuOnnxModelGetGraphName(m), "g"));
  CHECK(ipuOnnxModelGetDomainVersion(m, "") == 13);
  CHECK(ipuOnnxModelGetDomainVersion(m, "ai.onnx") == 13);
  CHECK(ipuOnnxModelGetDomainVersion(m, "com.example") == 2);
  CHECK(ipuOnnxModelGetDomainVersion(m, "ai.onnx.ml") == -1);
  CHECK(ipuOnnxModelGetNumOpsets(m) == 2);

  CHECK(ipuOnnxModelGetNumAllInputs(m) == 2);
  CHECK(ipuOnnxModelGetNumInputs(m) == 1);
  const IpuOnnxValueInfo *x = ipuOnnxModelGetInput(m, 0);
  CHECK(!strcmp(x->name, "x") && x->kind == IPU_ONNX_VALUE_TENSOR &&
        x->elemType == IPU_DTYPE_F32 && x->hasShape && x->rank == 3);
  CHECK(x->dims[0] == -1 && !strcmp(x->dimParams[0], "N"));
  CHECK(x->dims[1] == 3 && !x->dimParams[1]);
  CHECK(x->dims[2] == -1 && !x->dimParams[2]);
  CHECK(ipuOnnxModelGetAllInput(m, 1)->hasInitializer);
  const IpuOnnxValueInfo *y = ipuOnnxModelGetOutput(m, 0);
  CHECK(!strcmp(y->name, "y") && y->kind == IPU_ONNX_VALUE_UNKNOWN &&
        !y->hasShape);

  CHECK(ipuOnnxModelGetNumInitializers(m) == 1);
  CHECK(ipuOnnxModelFindInitializer(m, "w") == 0);
  CHECK(ipuOnnxModelFindInitializer(m, "nope") == -1);
  IpuTensor t;
  CHECK(ipuSucceeded(ipuOnnxModelGetInitializer(m, 0, &t)));
  CHECK(t.dtype == IPU_DTYPE_F32 && t.rank == 1 && ((float *)t.data)[1] == 2);
  ipuTensorFree(&t);

  CHECK(ipuOnnxModelGetNumNodes(m) == 3);
  const IpuOnnxNode *n0 = ipuOnnxModelGetNode(m, 0);
  CHECK(!strcmp(ipuOnnxNodeGetOpType(n0), "Foo"));
  CHECK(!strcmp(ipuOnnxNodeGetDomain(n0), ""));
  CHECK(!strcmp(ipuOnnxNodeGetName(n0), "first"));
  CHECK(ipuOnnxNodeGetNumInputs(n0) == 3 &&
        !strcmp(ipuOnnxNodeGetInput(n0, 1), "") &&
        !strcmp(ipuOnnxNodeGetInput(n0, 2), "w"));
  CHECK(ipuOnnxNodeGetNumOutputs(n0) == 1 &&
        !strcmp(ipuOnnxNodeGetOutput(n0, 0), "y"));
  IpuLocation loc = ipuOnnxNodeGetLoc(m, n0);
  CHECK(!strcmp(ipuIdentCStr(ipuLocNameGetName(loc)), "first"));
  const IpuOnnxNode *n1 = ipuOnnxModelGetNode(m, 1);
  CHECK(!strcmp(ipuIdentCStr(ipuLocNameGetName(ipuOnnxNodeGetLoc(m, n1))),
                "z"));

  int64_t i64;
  float f;
  IpuStringRef s;
  const int64_t *iv;
  const float *fv;
  size_t count;
  bool present;
  CHECK(ipuSucceeded(ipuOnnxNodeGetAttrInt(m, n0, "axis", 1, &i64)) &&
        i64 == -2);
  CHECK(ipuSucceeded(ipuOnnxNodeGetAttrInt(m, n0, "absent", 7, &i64)) &&
        i64 == 7);
  CHECK(ipuSucceeded(ipuOnnxNodeGetAttrFloat(m, n0, "alpha", 1, &f)) &&
        f == 0.5f);
  CHECK(ipuSucceeded(ipuOnnxNodeGetAttrString(m, n0, "mode", "x", &s)) &&
        s.length == 7 && !memcmp(s.data, "nearest", 7));
  CHECK(ipuSucceeded(ipuOnnxNodeGetAttrString(m, n0, "absent", "dflt", &s)) &&
        s.length == 4);
  CHECK(ipuSucceeded(ipuOnnxNodeGetAttrInts(m, n0, "pads", &iv, &count)) &&
        count == 3 && iv[2] == 3);
  CHECK(ipuSucceeded(ipuOnnxNodeGetAttrInts(m, n0, "old", &iv, &count)) &&
        count == 3);
  CHECK(ipuSucceeded(ipuOnnxNodeGetAttrInts(m, n0, "absent", &iv, &count)) &&
        count == 0);
  CHECK(ipuSucceeded(ipuOnnxNodeGetAttrFloats(m, n0, "scales", &fv, &count)) &&
        count == 1 && fv[0] == 0.25f);
  CHECK(ipuSucceeded(ipuOnnxNodeGetAttrTensor(m, n0, "value", &t, &present)) &&
        present && t.rank == 1);
  ipuTensorFree(&t);
  CHECK(ipuSucceeded(ipuOnnxNodeGetAttrTensor(m, n0, "absent", &t, &present)) &&
        !present);
  CHECK(ipuOnnxAttrGetKind(ipuOnnxNodeFindAttr(n0, "old")) ==
        IPU_ONNX_ATTR_INTS);
  CHECK(ipuOnnxNodeGetNumAttrs(n0) == 8 &&
        !strcmp(ipuOnnxAttrGetName(ipuOnnxNodeGetAttr(n0, 6)), "body"));
  errorsSeen = 0;
  CHECK(ipuFailed(ipuOnnxNodeGetAttrInt(m, n0, "pads", 0, &i64)));
  CHECK_MESSAGE(lastError, "node 'first' (Foo): attribute 'pads' must be int, not ints");
  CHECK(ipuFailed(ipuOnnxNodeGetAttrFloats(m, n0, "body", &fv, &count)));
  CHECK_MESSAGE(lastError, "node 'first' (Foo): attribute 'body': graph attributes (subgraphs) are not supported");
  CHECK(errorsSeen == 2);

  const IpuOnnxOpTypeCount *types;
  size_t numTypes = ipuOnnxModelGetOpTypes(m, &types);
  CHECK(numTypes == 3);
  if (numTypes == 3) {
    CHECK(!strcmp(types[0].domain, "") && !strcmp(types[0].opType, "Foo") &&
          types[0].count == 1);
    CHECK(!strcmp(types[1].opType, "Relu"));
    CHECK(!strcmp(types[2].domain, "com.example"));
  }
  ipuOnnxModelDestroy(m);
  ipuContextDestroy(ctx);
}

/* A node test model, read through the getters. */
static void testNodeModel(void) {
  char path[512];
  snprintf(path, sizeof path, "%s/test_conv_with_strides_padding/model.onnx",
           kNodeDir);
  struct stat st;
  if (stat(path, &st) != 0)
    return;
  IpuContext *ctx = ipuContextCreate(NULL);
  IpuOnnxModel *m = ipuOnnxModelLoad(ctx, path);
  CHECK(m != NULL);
  if (m) {
    const IpuOnnxOpTypeCount *types;
    CHECK(ipuOnnxModelGetOpTypes(m, &types) == 1 &&
          !strcmp(types[0].opType, "Conv"));
    const IpuOnnxNode *n = ipuOnnxModelGetNode(m, 0);
    const int64_t *v;
    size_t count;
    CHECK(ipuSucceeded(ipuOnnxNodeGetAttrInts(m, n, "strides", &v, &count)) &&
          count == 2 && v[0] == 2);
    CHECK(ipuSucceeded(ipuOnnxNodeGetAttrInts(m, n, "pads", &v, &count)) &&
          count == 4 && v[0] == 1);
    ipuOnnxModelDestroy(m);
  }
  ipuContextDestroy(ctx);
}

/* ---- Damaged models ---------------------------------------------------------------------------- */

/* Loads bytes; success or exactly one error diagnostic, never anything
 * else, and nothing left allocated afterwards. */
static int loadOutcomeBad(IpuContext *ctx, const uint8_t *data, size_t size) {
  size_t live = ipuContextGetLiveAllocations(ctx);
  errorsSeen = 0;
  IpuOnnxModel *m = ipuOnnxModelLoadFromBuffer(ctx, data, size, "d.onnx");
  int bad = 0;
  if (m) {
    const IpuOnnxOpTypeCount *types;
    ipuOnnxModelGetOpTypes(m, &types);
    bad += errorsSeen != 0;
    ipuOnnxModelDestroy(m);
  } else {
    bad += errorsSeen != 1;
  }
  bad += ipuContextGetLiveAllocations(ctx) != live;
  if (bad)
    fprintf(stderr, "model of %zu bytes: %s, %d errors, %zu blocks more\n",
            size, m ? "loaded" : "refused", errorsSeen,
            ipuContextGetLiveAllocations(ctx) - live);
  return bad;
}

static void testModelFuzz(void) {
  IpuContext *ctx = ipuContextCreate(NULL);
  ipuContextSetDiagnosticHandler(ctx, recordDiag, NULL);
  size_t size;
  uint8_t *good = buildModel(&size);
  uint8_t *copy = malloc(size);
  /* The first load interns the file name and location in the context,
   * which keeps them: warm up so the leak checks below see only the
   * loader's own memory. */
  ipuOnnxModelDestroy(ipuOnnxModelLoadFromBuffer(ctx, good, size, "d.onnx"));
  int bad = 0;
  for (size_t cut = 0; cut < size; ++cut)
    bad += loadOutcomeBad(ctx, good, cut);
  CHECK(bad == 0);
  errorsSeen = 0;
  ipuOnnxModelDestroy(ipuOnnxModelLoadFromBuffer(ctx, good, size / 2, "d.onnx"));
  CHECK_MESSAGE(lastError, "damaged or not an ONNX model: at byte");
  bad = 0;
  for (int i = 0; i < 3000; ++i) {
    memcpy(copy, good, size);
    for (int k = 1 + (int)(rng() % 3); k > 0; --k)
      copy[rng() % size] = (uint8_t)rng();
    bad += loadOutcomeBad(ctx, copy, size);
  }
  CHECK(bad == 0);

  /* 10,000 nested TypeProtos (sequence of sequence of ...) inside a graph
   * input: an error, not a stack overflow in protobuf-c. */
  enum { kDepth = 10000 };
  size_t cap = kDepth * 16 + 64;
  uint8_t *deep = malloc(cap);
  size_t len = 0;
  /* Built from the inside out: TypeProto{sequence_type(4): Sequence{
   * elem_type(1): TypeProto{...}}}. */
  uint8_t *end = deep + cap, *p = end;
  for (int level = 0; level < kDepth; ++level) {
    size_t inner = (size_t)(end - p);
    for (int field = 0; field < 2; ++field) {
      uint8_t lenBytes[10];
      int nb = 0;
      size_t v = inner;
      do {
        lenBytes[nb++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
      } while (v);
      p -= nb;
      memcpy(p, lenBytes, (size_t)nb);
      *--p = field == 0 ? 0x0a /* Sequence.elem_type */
                        : 0x22 /* TypeProto.sequence_type */;
      inner = (size_t)(end - p);
    }
  }
  /* ValueInfoProto.type(2), GraphProto.input(11), ModelProto.graph(7). */
  static const uint8_t wrappers[] = {0x12, 0x5a, 0x3a};
  for (size_t w = 0; w < sizeof wrappers; ++w) {
    size_t inner = (size_t)(end - p);
    uint8_t lenBytes[10];
    int nb = 0;
    do {
      lenBytes[nb++] = (uint8_t)((inner & 0x7f) | (inner > 0x7f ? 0x80 : 0));
      inner >>= 7;
    } while (inner);
    p -= nb;
    memcpy(p, lenBytes, (size_t)nb);
    *--p = wrappers[w];
  }
  len = (size_t)(end - p);
  errorsSeen = 0;
  IpuOnnxModel *m = ipuOnnxModelLoadFromBuffer(ctx, p, len, "deep.onnx");
  CHECK(m == NULL && errorsSeen == 1);
  CHECK_MESSAGE(lastError, "messages nested too deeply");
  ipuOnnxModelDestroy(m);
  free(deep);

  /* Not a model at all. */
  CHECK(loadOutcomeBad(ctx, (const uint8_t *)"\x93NUMPY\x01\x00", 8) == 0);
  CHECK_MESSAGE(lastError, "damaged or not an ONNX model: at byte 0: unsupported group wire type");
  errorsSeen = 0;
  CHECK(!ipuOnnxModelLoad(ctx, tmpPath("missing.onnx")));
  CHECK(errorsSeen == 1);
  CHECK_MESSAGE(lastError, "cannot open: No such file or directory");
  CHECK(!ipuOnnxModelLoadFromBuffer(ctx, "", 0, "empty.onnx"));
  CHECK_MESSAGE(lastError, "not an ONNX model: it has no graph");
  free(copy);
  free(good);
  ipuContextDestroy(ctx);
}

/* ---- Allocation failures ------------------------------------------------------------------------- */

typedef struct {
  long remaining; /* allocations left before failing; < 0: unlimited */
} FailingAlloc;

static void *failMalloc(size_t size, void *userData) {
  FailingAlloc *a = userData;
  if (a->remaining == 0)
    return NULL;
  if (a->remaining > 0)
    --a->remaining;
  return malloc(size);
}
static void *failRealloc(void *ptr, size_t size, void *userData) {
  FailingAlloc *a = userData;
  if (a->remaining == 0)
    return NULL;
  if (a->remaining > 0)
    --a->remaining;
  return realloc(ptr, size);
}
static void failFree(void *ptr, void *userData) {
  (void)userData;
  free(ptr);
}

static void testModelOom(void) {
  size_t size;
  uint8_t *good = buildModel(&size);
  FailingAlloc state = {-1};
  IpuAllocator alloc = {failMalloc, failRealloc, failFree, &state};
  int bad = 0, loaded = 0;
  for (long limit = 0; limit < 400 && !loaded; ++limit) {
    state.remaining = -1;
    IpuContext *ctx = ipuContextCreate(&alloc);
    ipuContextSetDiagnosticHandler(ctx, recordDiag, NULL);
    /* Interning the file name and the location first keeps the failures
     * inside the loader. */
    ipuLocFileGet(ctx, ipuIdentGetC(ctx, "oom.onnx"), 0, 0);
    size_t live = ipuContextGetLiveAllocations(ctx);
    state.remaining = limit;
    IpuOnnxModel *m = ipuOnnxModelLoadFromBuffer(ctx, good, size, "oom.onnx");
    state.remaining = -1;
    if (m) {
      loaded = 1;
      ipuOnnxModelDestroy(m);
    }
    if (ipuContextGetLiveAllocations(ctx) != live) {
      fprintf(stderr, "allocation limit %ld: %zu blocks leaked\n", limit,
              ipuContextGetLiveAllocations(ctx) - live);
      ++bad;
    }
    ipuContextDestroy(ctx);
  }
  CHECK(bad == 0);
  CHECK(loaded);
  free(good);
}

int main(void) {
  snprintf(tmpDir, sizeof tmpDir, "tensor_io_test.XXXXXX");
  if (!mkdtemp(tmpDir)) {
    perror("mkdtemp");
    return 1;
  }
  testRoundTrips();
  testNpyFormats();
  testPbFields();
  testTensorFuzz();
  testModelAccess();
  testNodeModel();
  testModelFuzz();
  testModelOom();
  testNodeCases();
  remove(tmpPath("rt.npy"));
  remove(tmpPath("rt.pb"));
  rmdir(tmpDir);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
