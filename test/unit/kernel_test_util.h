/* Helpers the kernel unit tests share (interp_kernels_test.c,
 * interp_kernels_shape_test.c): a seeded random generator, test tensors,
 * shape checks and EXPECT_FAIL for a kernel's error message. Define
 * KERNEL_TEST_SEED before including it; include unit_test.h first. */
#ifndef IPU_TEST_KERNEL_TEST_UTIL_H
#define IPU_TEST_KERNEL_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../interp/kernels/kernels.h"

static uint64_t rngState = KERNEL_TEST_SEED;
static inline uint32_t rnd(void) {
  rngState ^= rngState << 13;
  rngState ^= rngState >> 7;
  rngState ^= rngState << 17;
  return (uint32_t)(rngState >> 16);
}
static inline int64_t randInt(int64_t lo, int64_t hi) { /* inclusive */
  return lo + (int64_t)(rnd() % (uint32_t)(hi - lo + 1));
}
static inline float randF(void) {
  return (float)(rnd() % 2001) / 1000.0f - 1.0f;
}

static inline IpuTensor make(IpuDType t, int rank, const int64_t *shape) {
  IpuTensor x;
  if (!ipuTensorInit(&x, t, rank, shape)) {
    fprintf(stderr, "cannot allocate a test tensor\n");
    exit(2);
  }
  return x;
}
static inline IpuTensor randT(int rank, const int64_t *shape) {
  IpuTensor x = make(IPU_DTYPE_F32, rank, shape);
  float *d = x.data;
  for (int64_t i = 0; i < ipuTensorNumElements(&x); i++)
    d[i] = randF();
  return x;
}
static inline float *F(const IpuTensor *t) { return (float *)t->data; }

static inline bool sameShape(const IpuTensor *t, int rank,
                             const int64_t *shape) {
  if (t->rank != rank)
    return false;
  for (int i = 0; i < rank; i++)
    if (t->shape[i] != shape[i])
      return false;
  return true;
}

static inline double *dalloc(int64_t n) {
  double *p = calloc((size_t)(n > 0 ? n : 1), sizeof(double));
  if (!p)
    exit(2);
  return p;
}

/* Expects failure with a message containing `text`. */
static inline void expectFail(bool ok, const IpuKernelError *e,
                              const char *text, const char *file, int line) {
  if (!ok && strstr(e->message, text)) {
    passed++;
  } else {
    failed++;
    fprintf(stderr, "%s:%d: expected failure with '%s', got %s '%s'\n", file,
            line, text, ok ? "success" : "failure", e->message);
  }
}
#define EXPECT_FAIL(call, text)                                                \
  do {                                                                         \
    IpuKernelError e_ = {""};                                                  \
    IpuKernelError *err = &e_;                                                 \
    bool ok_ = (call);                                                         \
    expectFail(ok_, &e_, text, __FILE__, __LINE__);                            \
  } while (0)

#endif
