/* Unit tests of the interpreter's borrowed tensors (interp/eval.c): which
 * constants are read in place from their attributes, and reshape-like ops
 * that share or take over their operand's storage, on every path. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/ipu.h"

#include "../../interp/eval.h"
#include "unit_test.h"

/* ---- An allocator that can hand out one misaligned block ---------------- */

/* Blobs declared with alignment 1 get whatever the hook returns; this hook
 * returns an odd address for the next allocation of `armedSize` bytes, so
 * that a blob of 16-bit elements lies misaligned. */
typedef struct {
  size_t armedSize;
  void *misaligned; /* the block it handed out (one at a time) */
} Hook;

static void *hookMalloc(size_t size, void *userData) {
  Hook *h = userData;
  if (h->armedSize && size == h->armedSize && !h->misaligned) {
    h->armedSize = 0;
    char *p = malloc(size + 1);
    return p ? (h->misaligned = p + 1) : NULL;
  }
  return malloc(size);
}

static void *hookRealloc(void *ptr, size_t size, void *userData) {
  Hook *h = userData;
  if (ptr && ptr == h->misaligned) {
    void *p = malloc(size);
    if (p) {
      memcpy(p, ptr, size); /* the block only ever grows here */
      free((char *)ptr - 1);
      h->misaligned = NULL;
    }
    return p;
  }
  return realloc(ptr, size);
}

static void hookFree(void *ptr, void *userData) {
  Hook *h = userData;
  if (ptr && ptr == h->misaligned) {
    free((char *)ptr - 1);
    h->misaligned = NULL;
    return;
  }
  free(ptr);
}

/* ---- Helpers ------------------------------------------------------------ */

static IpuOp *parse(IpuContext *ctx, const char *text) {
  return ipuParseSource(ctx, text, strlen(text), NULL);
}

static IpuOp *findFunc(IpuOp *module, const char *name) {
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0));
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op)) {
    IpuAttr sym = ipuOpGetSymbolName(op);
    if (sym && ipuStringRefEqual(ipuStringAttrGetValue(sym),
                                 ipuStringRefFromCString(name)))
      return op;
  }
  return NULL;
}

/* The `value` attribute of the first hl.constant of `func`. */
static IpuAttr firstConstantValue(IpuOp *func) {
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(func, 0));
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op))
    if (!strcmp(ipuIdentCStr(ipuOpGetName(op)), "hl.constant"))
      return ipuOpGetAttr(op, "value");
  return NULL;
}

static IpuTensor f32Tensor(int rank, const int64_t *shape, const float *v) {
  IpuTensor t;
  if (!ipuTensorInit(&t, IPU_DTYPE_F32, rank, shape))
    abort();
  memcpy(t.data, v, ipuTensorByteSize(&t));
  return t;
}

static bool sameF32(const IpuTensor *t, const float *want, int64_t n) {
  if (t->dtype != IPU_DTYPE_F32 || ipuTensorNumElements(t) != n)
    return false;
  return !memcmp(t->data, want, sizeof(float) * (size_t)n);
}

/* ---- Which attributes are read in place --------------------------------- */

static const char viewsText[] =
    "func.func @f() -> tensor<2x2xf32> {\n"
    "  %0 = hl.constant {value = dense<[[1.0, 2.0], [3.0, 4.0]]> : "
    "tensor<2x2xf32>} : tensor<2x2xf32>\n"
    "  return %0 : tensor<2x2xf32>\n"
    "}\n"
    "func.func @splat() -> tensor<2x2xf32> {\n"
    "  %0 = hl.constant {value = dense<7.0> : tensor<2x2xf32>} : "
    "tensor<2x2xf32>\n"
    "  return %0 : tensor<2x2xf32>\n"
    "}\n"
    "func.func @bool() -> tensor<3xi1> {\n"
    "  %0 = hl.constant {value = dense<[true, false, true]> : tensor<3xi1>} "
    ": tensor<3xi1>\n"
    "  return %0 : tensor<3xi1>\n"
    "}\n"
    "func.func @empty() -> tensor<0x2xf32> {\n"
    "  %0 = hl.constant {value = dense<> : tensor<0x2xf32>} : "
    "tensor<0x2xf32>\n"
    "  return %0 : tensor<0x2xf32>\n"
    "}\n"
    "func.func @blob() -> tensor<2xf32> {\n"
    "  %0 = hl.constant {value = dense_resource<w> : tensor<2xf32>} : "
    "tensor<2xf32>\n"
    "  return %0 : tensor<2xf32>\n"
    "}\n"
    "{-# dialect_resources: { builtin: { w: \"0x040000000000803F00000040\" } "
    "} #-}\n";

static void testAttrViews(void) {
  IpuContext *ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(ctx);
  IpuOp *module = parse(ctx, viewsText);
  CHECK(module != NULL);
  if (!module) {
    ipuContextDestroy(ctx);
    return;
  }
  IpuTensor t;
  IpuAttr dense = firstConstantValue(findFunc(module, "f"));
  CHECK(evalTensorViewOfAttr(dense, &t));
  CHECK(t.data == ipuDenseElementsAttrGetRawData(dense));
  CHECK(t.dtype == IPU_DTYPE_F32 && t.rank == 2 && t.shape[0] == 2 &&
        t.shape[1] == 2);
  /* A splat holds one element: it must be expanded, not borrowed. */
  CHECK(!evalTensorViewOfAttr(firstConstantValue(findFunc(module, "splat")),
                              &t));
  CHECK(t.data == NULL);
  /* i1 elements are bytes 0 or 1, as bool tensors are. */
  IpuAttr b = firstConstantValue(findFunc(module, "bool"));
  CHECK(evalTensorViewOfAttr(b, &t));
  CHECK(t.dtype == IPU_DTYPE_BOOL && t.shape[0] == 3 &&
        !memcmp(t.data, "\1\0\1", 3));
  /* No bytes to borrow: the copy gives the tensor its own buffer. */
  CHECK(!evalTensorViewOfAttr(firstConstantValue(findFunc(module, "empty")),
                              &t));
  IpuAttr blob = firstConstantValue(findFunc(module, "blob"));
  CHECK(evalTensorViewOfAttr(blob, &t));
  CHECK(t.data == ipuResourceGetData(ipuDenseResourceAttrGetBlob(blob)));
  CHECK(!evalTensorViewOfAttr(NULL, &t));

  /* Each function runs twice and gives its constant's values both times:
   * the outputs are copies, the attributes untouched. */
  static const char *const names[] = {"f", "splat", "bool", "blob"};
  for (size_t i = 0; i < sizeof names / sizeof *names; ++i) {
    for (int run = 0; run < 2; ++run) {
      IpuTensor *outs = NULL;
      intptr_t n = 0;
      CHECK(ipuSucceeded(ipuInterpRunFunc(findFunc(module, names[i]), 0, NULL,
                                          &outs, &n)));
      CHECK_MSG(n == 1 && outs[0].data, "%s", names[i]);
      if (n == 1 && !strcmp(names[i], "f")) {
        static const float want[] = {1, 2, 3, 4};
        CHECK(sameF32(&outs[0], want, 4));
        CHECK(outs[0].data != ipuDenseElementsAttrGetRawData(dense));
      }
      if (n == 1 && !strcmp(names[i], "splat")) {
        static const float want[] = {7, 7, 7, 7};
        CHECK(sameF32(&outs[0], want, 4));
      }
      ipuInterpOutputsFree(outs, n);
    }
  }
  ipuOpDestroy(module);
  ipuContextDestroy(ctx);
}

/* ---- A misaligned blob is copied ---------------------------------------- */

static const char misalignedText[] =
    "func.func @main(%a: tensor<1001xi16>) -> tensor<1001xi16> {\n"
    "  %c = hl.constant {value = dense_resource<odd> : tensor<1001xi16>} : "
    "tensor<1001xi16>\n"
    "  %0 = hl.add %a, %c : tensor<1001xi16>\n"
    "  return %0 : tensor<1001xi16>\n"
    "}\n";

static void testMisalignedBlob(void) {
  Hook hook = {0, NULL};
  IpuAllocator alloc = {hookMalloc, hookRealloc, hookFree, &hook};
  IpuContext *ctx = ipuContextCreate(&alloc);
  ipuRegisterAllDialects(ctx);
  IpuOp *module = parse(ctx, misalignedText);
  CHECK(module != NULL);
  if (!module) {
    ipuContextDestroy(ctx);
    return;
  }
  enum { N = 1001 };
  int16_t values[N];
  for (int i = 0; i < N; ++i)
    values[i] = (int16_t)(i * 3 - 700);
  IpuResourceBlob *blob =
      ipuResourceLookup(ctx, ipuStringRefFromCString("odd"));
  hook.armedSize = sizeof values; /* alignment 1 adds no slack */
  CHECK(blob && ipuSucceeded(ipuResourceSetData(ctx, blob, values,
                                                sizeof values, 1)));
  CHECK(hook.misaligned != NULL &&
        (uintptr_t)ipuResourceGetData(blob) % 2 == 1);

  IpuOp *func = findFunc(module, "main");
  IpuTensor t;
  CHECK(!evalTensorViewOfAttr(firstConstantValue(func), &t));
  /* The run reads the copy (UBSan would catch misaligned 16-bit loads). */
  IpuTensor a;
  int64_t shape[] = {N};
  CHECK(ipuTensorInit(&a, IPU_DTYPE_I16, 1, shape));
  for (int i = 0; i < N; ++i)
    ((int16_t *)a.data)[i] = (int16_t)i;
  IpuTensor *outs = NULL;
  intptr_t n = 0;
  CHECK(ipuSucceeded(ipuInterpRunFunc(func, 1, &a, &outs, &n)));
  bool same = n == 1;
  for (int i = 0; same && i < N; ++i)
    same = ((const int16_t *)outs[0].data)[i] == (int16_t)(i + values[i]);
  CHECK(same);
  ipuInterpOutputsFree(outs, n);
  ipuTensorFree(&a);
  ipuOpDestroy(module);
  ipuContextDestroy(ctx);
}

/* ---- Reshape-like ops share or take over storage ------------------------ */

/* %r borrows the argument, %k the constant; %s takes over %m (its only
 * use); %t must copy %m2, which is used again; flatten, identity and
 * dropout follow the same rules; a result without uses is freed at once. */
static const char reshapeText[] =
    "func.func @main(%x: tensor<2x3xf32>) -> (tensor<3x2xf32>, "
    "tensor<6xf32>, tensor<6xf32>, tensor<3x2xf32>, tensor<2x3xf32>, "
    "tensor<2x3xf32>, tensor<1x6xf32>, tensor<2x3xf32>) {\n"
    "  %r = hl.reshape %x {shape = array<i64: 3, 2>} : (tensor<2x3xf32>) -> "
    "tensor<3x2xf32>\n"
    "  %c = hl.constant {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> "
    ": tensor<2x3xf32>} : tensor<2x3xf32>\n"
    "  %k = hl.reshape %c {shape = array<i64: 6>} : (tensor<2x3xf32>) -> "
    "tensor<6xf32>\n"
    "  %m = hl.add %x, %c : tensor<2x3xf32>\n"
    "  %s = hl.reshape %m {shape = array<i64: 6>} : (tensor<2x3xf32>) -> "
    "tensor<6xf32>\n"
    "  %m2 = hl.mul %x, %c : tensor<2x3xf32>\n"
    "  %t = hl.reshape %m2 {shape = array<i64: 3, 2>} : (tensor<2x3xf32>) "
    "-> tensor<3x2xf32>\n"
    "  %i = hl.identity %m2 : tensor<2x3xf32>\n"
    "  %d = hl.dropout %c : tensor<2x3xf32>\n"
    "  %f = hl.flatten %x {axis = 0 : i64} : (tensor<2x3xf32>) -> "
    "tensor<1x6xf32>\n"
    "  %sub = hl.sub %m2, %c : tensor<2x3xf32>\n"
    "  %unused = hl.reshape %sub {shape = array<i64: 6>} : "
    "(tensor<2x3xf32>) -> tensor<6xf32>\n"
    "  %again = hl.mul %m2, %c : tensor<2x3xf32>\n"
    "  return %r, %k, %s, %t, %i, %d, %f, %again : tensor<3x2xf32>, "
    "tensor<6xf32>, tensor<6xf32>, tensor<3x2xf32>, tensor<2x3xf32>, "
    "tensor<2x3xf32>, tensor<1x6xf32>, tensor<2x3xf32>\n"
    "}\n";

static void testReshapeViews(void) {
  IpuContext *ctx = ipuContextCreate(NULL);
  ipuRegisterAllDialects(ctx);
  IpuOp *module = parse(ctx, reshapeText);
  CHECK(module != NULL);
  if (!module) {
    ipuContextDestroy(ctx);
    return;
  }
  static const float xv[] = {0.5f, -1, 2, 8, 0, -3};
  static const float cv[] = {1, 2, 3, 4, 5, 6};
  int64_t shape[] = {2, 3};
  IpuTensor x = f32Tensor(2, shape, xv);
  float sum[6], prod[6], prod2[6];
  for (int i = 0; i < 6; ++i) {
    sum[i] = xv[i] + cv[i];
    prod[i] = xv[i] * cv[i];
    prod2[i] = prod[i] * cv[i];
  }
  for (int run = 0; run < 2; ++run) {
    IpuTensor *outs = NULL;
    intptr_t n = 0;
    CHECK(ipuSucceeded(ipuInterpRunFunc(findFunc(module, "main"), 1, &x,
                                        &outs, &n)));
    CHECK(n == 8);
    if (n == 8) {
      CHECK(sameF32(&outs[0], xv, 6) && outs[0].rank == 2 &&
            outs[0].shape[0] == 3);
      CHECK(sameF32(&outs[1], cv, 6) && outs[1].rank == 1);
      CHECK(sameF32(&outs[2], sum, 6) && outs[2].rank == 1);
      CHECK(sameF32(&outs[3], prod, 6) && outs[3].shape[1] == 2);
      CHECK(sameF32(&outs[4], prod, 6));
      CHECK(sameF32(&outs[5], cv, 6));
      CHECK(sameF32(&outs[6], xv, 6) && outs[6].shape[0] == 1 &&
            outs[6].shape[1] == 6);
      CHECK(sameF32(&outs[7], prod2, 6));
    }
    ipuInterpOutputsFree(outs, n);
    CHECK(sameF32(&x, xv, 6)); /* the input is only read */
  }
  ipuTensorFree(&x);
  ipuOpDestroy(module);
  ipuContextDestroy(ctx);
}

int main(void) {
  testAttrViews();
  testMisalignedBlob();
  testReshapeViews();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
