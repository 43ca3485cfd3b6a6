/* The single-precision matrix multiply under Conv, Gemm, MatMul and LSTM:
 * BLIS-style cache blocking with packed panels and a 6x16 register tile
 * (AVX2/FMA when the CPU has it, portable vector code otherwise). */
#include "kernels.h"

#include <stdlib.h>
#include <string.h>


/* -DIPU_SGEMM_PORTABLE forces the portable micro-kernel (for testing). */
#if (defined(__GNUC__) || defined(__clang__)) &&                             \
    (defined(__x86_64__) || defined(__i386__)) && !defined(IPU_SGEMM_PORTABLE)
#define HAVE_X86_DISPATCH 1
#include <immintrin.h>
#else
#define HAVE_X86_DISPATCH 0
#endif

#if defined(__GNUC__) || defined(__clang__)
#define HAVE_VECTOR_EXT 1
typedef float v4f __attribute__((vector_size(16)));
#else
#define HAVE_VECTOR_EXT 0
#endif

/* Register tile (MR rows of A x NR columns of B) and cache blocks: an
 * MC x KC panel of A stays in L2, a KC x NR sliver of B in L1, and a
 * KC x NC panel of B in L3. */
enum { MR = 6, NR = 16, KC = 256, MC = 120, NC = 3072 };

/* Problems at most this many multiply-adds skip packing. */
#define SMALL_WORK 4096

typedef void (*MicroKernel)(int64_t kc, const float *a, const float *b,
                            float *c, int64_t ldc, float beta, int mr, int nr);

/* C tile update shared by the micro-kernels: C = acc + beta * C for the
 * valid mr x nr part (beta == 0 never reads C). */
static void storeTile(const float *acc, float *c, int64_t ldc, float beta,
                      int mr, int nr) {
  for (int i = 0; i < mr; i++) {
    float *ci = c + i * ldc;
    const float *ai = acc + i * NR;
    if (beta == 0.0f)
      for (int j = 0; j < nr; j++)
        ci[j] = ai[j];
    else
      for (int j = 0; j < nr; j++)
        ci[j] = ai[j] + beta * ci[j];
  }
}

#if HAVE_VECTOR_EXT
/* Portable micro-kernel: GCC/Clang vector extensions lower to SSE/NEON.
 * Two passes of 6x8 keep the 12 accumulators in registers. */
static void microGeneric(int64_t kc, const float *a, const float *b,
                         float *c, int64_t ldc, float beta, int mr, int nr) {
  float acc[MR * NR];
  for (int half = 0; half < 2; half++) {
    v4f c00 = {0}, c01 = {0}, c10 = {0}, c11 = {0}, c20 = {0}, c21 = {0};
    v4f c30 = {0}, c31 = {0}, c40 = {0}, c41 = {0}, c50 = {0}, c51 = {0};
    const float *ap = a, *bp = b + half * 8;
    for (int64_t p = 0; p < kc; p++) {
      v4f b0, b1;
      memcpy(&b0, bp, sizeof b0);
      memcpy(&b1, bp + 4, sizeof b1);
      v4f a0 = {ap[0], ap[0], ap[0], ap[0]};
      c00 += a0 * b0, c01 += a0 * b1;
      v4f a1 = {ap[1], ap[1], ap[1], ap[1]};
      c10 += a1 * b0, c11 += a1 * b1;
      v4f a2 = {ap[2], ap[2], ap[2], ap[2]};
      c20 += a2 * b0, c21 += a2 * b1;
      v4f a3 = {ap[3], ap[3], ap[3], ap[3]};
      c30 += a3 * b0, c31 += a3 * b1;
      v4f a4 = {ap[4], ap[4], ap[4], ap[4]};
      c40 += a4 * b0, c41 += a4 * b1;
      v4f a5 = {ap[5], ap[5], ap[5], ap[5]};
      c50 += a5 * b0, c51 += a5 * b1;
      ap += MR;
      bp += NR;
    }
    float *t = acc + half * 8;
    memcpy(t + 0 * NR, &c00, 16), memcpy(t + 0 * NR + 4, &c01, 16);
    memcpy(t + 1 * NR, &c10, 16), memcpy(t + 1 * NR + 4, &c11, 16);
    memcpy(t + 2 * NR, &c20, 16), memcpy(t + 2 * NR + 4, &c21, 16);
    memcpy(t + 3 * NR, &c30, 16), memcpy(t + 3 * NR + 4, &c31, 16);
    memcpy(t + 4 * NR, &c40, 16), memcpy(t + 4 * NR + 4, &c41, 16);
    memcpy(t + 5 * NR, &c50, 16), memcpy(t + 5 * NR + 4, &c51, 16);
  }
  storeTile(acc, c, ldc, beta, mr, nr);
}
#else
static void microGeneric(int64_t kc, const float *a, const float *b,
                         float *c, int64_t ldc, float beta, int mr, int nr) {
  float acc[MR * NR] = {0};
  for (int64_t p = 0; p < kc; p++, a += MR, b += NR)
    for (int i = 0; i < MR; i++)
      for (int j = 0; j < NR; j++)
        acc[i * NR + j] += a[i] * b[j];
  storeTile(acc, c, ldc, beta, mr, nr);
}
#endif

#if HAVE_X86_DISPATCH
#define FMA_ROW(r)                                                             \
  do {                                                                         \
    __m256 av = _mm256_broadcast_ss(a + (r));                                  \
    c##r##0 = _mm256_fmadd_ps(av, b0, c##r##0);                                \
    c##r##1 = _mm256_fmadd_ps(av, b1, c##r##1);                                \
  } while (0)

__attribute__((target("avx2,fma"))) static void
microAvx2(int64_t kc, const float *a, const float *b, float *c, int64_t ldc,
          float beta, int mr, int nr) {
  __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
  __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
  __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
  __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
  __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
  __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
  for (int64_t p = 0; p < kc; p++) {
    __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
    FMA_ROW(0);
    FMA_ROW(1);
    FMA_ROW(2);
    FMA_ROW(3);
    FMA_ROW(4);
    FMA_ROW(5);
    a += MR;
    b += NR;
  }
  if (mr == MR && nr == NR) {
    __m256 rows[2 * MR] = {c00, c01, c10, c11, c20, c21,
                           c30, c31, c40, c41, c50, c51};
    __m256 bv = _mm256_set1_ps(beta);
    for (int i = 0; i < MR; i++) {
      float *ci = c + i * ldc;
      __m256 r0 = rows[2 * i], r1 = rows[2 * i + 1];
      if (beta != 0.0f) {
        r0 = _mm256_fmadd_ps(bv, _mm256_loadu_ps(ci), r0);
        r1 = _mm256_fmadd_ps(bv, _mm256_loadu_ps(ci + 8), r1);
      }
      _mm256_storeu_ps(ci, r0);
      _mm256_storeu_ps(ci + 8, r1);
    }
    return;
  }
  float acc[MR * NR];
  _mm256_storeu_ps(acc + 0 * NR, c00), _mm256_storeu_ps(acc + 0 * NR + 8, c01);
  _mm256_storeu_ps(acc + 1 * NR, c10), _mm256_storeu_ps(acc + 1 * NR + 8, c11);
  _mm256_storeu_ps(acc + 2 * NR, c20), _mm256_storeu_ps(acc + 2 * NR + 8, c21);
  _mm256_storeu_ps(acc + 3 * NR, c30), _mm256_storeu_ps(acc + 3 * NR + 8, c31);
  _mm256_storeu_ps(acc + 4 * NR, c40), _mm256_storeu_ps(acc + 4 * NR + 8, c41);
  _mm256_storeu_ps(acc + 5 * NR, c50), _mm256_storeu_ps(acc + 5 * NR + 8, c51);
  /* GCC 12 emits no vzeroupper before this call: the upper halves of the
   * ymm registers stayed dirty after an edge tile, and every SSE
   * instruction after it (libm's powf, logf, expf...) ran about 20 times
   * slower for the rest of the process. */
  _mm256_zeroupper();
  storeTile(acc, c, ldc, beta, mr, nr);
}
#endif

static MicroKernel chooseMicroKernel(void) {
#if HAVE_X86_DISPATCH
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    return microAvx2;
#endif
  return microGeneric;
}

/* Packs op(A)[i0 : i0+mc, p0 : p0+kc] scaled by alpha into MR-row slivers,
 * each stored column by column; rows past m are zero. */
static void packA(bool trans, const float *a, int64_t lda, int64_t i0,
                  int64_t mc, int64_t p0, int64_t kc, float alpha,
                  float *dst) {
  for (int64_t ir = 0; ir < mc; ir += MR) {
    int64_t rows = mc - ir < MR ? mc - ir : MR;
    if (trans) {
      for (int64_t p = 0; p < kc; p++) {
        const float *src = a + (p0 + p) * lda + i0 + ir;
        int64_t i = 0;
        for (; i < rows; i++)
          dst[p * MR + i] = alpha * src[i];
        for (; i < MR; i++)
          dst[p * MR + i] = 0.0f;
      }
    } else {
      /* Row by row, so that A is read along its contiguous rows. */
      for (int64_t i = 0; i < MR; i++) {
        if (i < rows) {
          const float *src = a + (i0 + ir + i) * lda + p0;
          for (int64_t p = 0; p < kc; p++)
            dst[p * MR + i] = alpha * src[p];
        } else {
          for (int64_t p = 0; p < kc; p++)
            dst[p * MR + i] = 0.0f;
        }
      }
    }
    dst += MR * kc;
  }
}

/* Packs op(B)[p0 : p0+kc, j0 : j0+nc] into NR-column slivers, each stored
 * row by row; columns past n are zero. */
static void packB(bool trans, const float *b, int64_t ldb, int64_t p0,
                  int64_t kc, int64_t j0, int64_t nc, float *dst) {
  for (int64_t jr = 0; jr < nc; jr += NR) {
    int64_t cols = nc - jr < NR ? nc - jr : NR;
    for (int64_t p = 0; p < kc; p++) {
      int64_t j = 0;
      if (trans) {
        const float *src = b + (j0 + jr) * ldb + p0 + p;
        for (; j < cols; j++)
          dst[j] = src[j * ldb];
      } else {
        const float *src = b + (p0 + p) * ldb + j0 + jr;
        if (cols == NR) {
          memcpy(dst, src, NR * sizeof(float));
          j = NR;
        } else {
          for (; j < cols; j++)
            dst[j] = src[j];
        }
      }
      for (; j < NR; j++)
        dst[j] = 0.0f;
      dst += NR;
    }
  }
}

static void scaleC(int64_t m, int64_t n, float beta, float *c, int64_t ldc) {
  for (int64_t i = 0; i < m; i++)
    for (int64_t j = 0; j < n; j++)
      c[i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[i * ldc + j];
}

/* Straight loops for small problems, where packing costs more than it
 * saves (LSTM steps, tiny Gemm layers). */
static void smallGemm(bool transA, bool transB, int64_t m, int64_t n,
                      int64_t k, float alpha, const float *a, int64_t lda,
                      const float *b, int64_t ldb, float beta, float *c,
                      int64_t ldc) {
  scaleC(m, n, beta, c, ldc);
  for (int64_t i = 0; i < m; i++) {
    float *ci = c + i * ldc;
    for (int64_t p = 0; p < k; p++) {
      float av = alpha * (transA ? a[p * lda + i] : a[i * lda + p]);
      if (transB)
        for (int64_t j = 0; j < n; j++)
          ci[j] += av * b[j * ldb + p];
      else
        for (int64_t j = 0; j < n; j++)
          ci[j] += av * b[p * ldb + j];
    }
  }
}

/* x . y in 16 independent partial sums: GCC vectorises these, while one
 * running sum is a chain of dependent adds (4 cycles per element; it made
 * the Gemm layers of the wake-word heads 8x slower than ONNX Runtime). */
static float dot(const float *x, const float *y, int64_t k) {
  enum { LANES = 16 };
  float acc[LANES] = {0};
  int64_t p = 0;
  for (; p + LANES <= k; p += LANES)
    for (int l = 0; l < LANES; l++)
      acc[l] += x[p + l] * y[p + l];
  float s = 0.0f;
  for (int l = 0; l < LANES; l++)
    s += acc[l];
  for (; p < k; p++)
    s += x[p] * y[p];
  return s;
}

/* Row-vector times matrix: the inner loops run along contiguous memory. */
static void gemv(bool transB, int64_t n, int64_t k, float alpha,
                 const float *a, int64_t aStride, const float *b,
                 int64_t ldb, float beta, float *c) {
  if (transB) {
    for (int64_t j = 0; j < n; j++) {
      const float *bj = b + j * ldb;
      float s = 0.0f;
      if (aStride == 1) {
        s = dot(a, bj, k);
      } else {
        for (int64_t p = 0; p < k; p++)
          s += a[p * aStride] * bj[p];
      }
      c[j] = alpha * s + (beta == 0.0f ? 0.0f : beta * c[j]);
    }
    return;
  }
  scaleC(1, n, beta, c, 0);
  for (int64_t p = 0; p < k; p++) {
    float av = alpha * a[p * aStride];
    const float *bp = b + p * ldb;
    for (int64_t j = 0; j < n; j++)
      c[j] += av * bp[j];
  }
}

bool ipuSgemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k,
              float alpha, const float *a, int64_t lda, const float *b,
              int64_t ldb, float beta, float *c, int64_t ldc) {
  if (m <= 0 || n <= 0)
    return true;
  if (k <= 0 || alpha == 0.0f) {
    scaleC(m, n, beta, c, ldc);
    return true;
  }
  if (m == 1) {
    gemv(transB, n, k, alpha, a, transA ? lda : 1, b, ldb, beta, c);
    return true;
  }
  if ((m <= 64 && n <= 64 && k <= 64 && m * n * k <= SMALL_WORK) ||
      (m < MR && !transB)) {
    smallGemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return true;
  }
  int64_t kcMax = k < KC ? k : KC;
  int64_t mcMax = m < MC ? m : MC;
  int64_t ncMax = n < NC ? n : NC;
  int64_t mcRound = (mcMax + MR - 1) / MR * MR;
  int64_t ncRound = (ncMax + NR - 1) / NR * NR;
  float *packedA = malloc((size_t)(mcRound * kcMax) * sizeof(float));
  float *packedB = malloc((size_t)(ncRound * kcMax) * sizeof(float));
  if (!packedA || !packedB) {
    free(packedA);
    free(packedB);
    return false;
  }
  MicroKernel micro = chooseMicroKernel();
  for (int64_t jc = 0; jc < n; jc += NC) {
    int64_t nc = n - jc < NC ? n - jc : NC;
    for (int64_t pc = 0; pc < k; pc += KC) {
      int64_t kc = k - pc < KC ? k - pc : KC;
      float betaHere = pc == 0 ? beta : 1.0f;
      packB(transB, b, ldb, pc, kc, jc, nc, packedB);
      for (int64_t ic = 0; ic < m; ic += MC) {
        int64_t mc = m - ic < MC ? m - ic : MC;
        packA(transA, a, lda, ic, mc, pc, kc, alpha, packedA);
        for (int64_t jr = 0; jr < nc; jr += NR) {
          int nr = (int)(nc - jr < NR ? nc - jr : NR);
          const float *bp = packedB + jr * kc;
          for (int64_t ir = 0; ir < mc; ir += MR) {
            int mr = (int)(mc - ir < MR ? mc - ir : MR);
            micro(kc, packedA + ir * kc, bp, c + (ic + ir) * ldc + jc + jr,
                  ldc, betaHere, mr, nr);
          }
        }
      }
    }
  }
  free(packedA);
  free(packedB);
  return true;
}
