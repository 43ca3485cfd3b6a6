#!/usr/bin/env python3
# Writes the .npy inputs and expected outputs of test/interp/wide-*.mlir
# (16-bit activations: quantization, integer products, bit-sliced tile.mvm),
# computed here in plain Python from the ops' definitions.
import math

import gen_npy
from gen_npy import write
from gen_npy_tile import adc, conv, rand, shaped, wrap32

gen_npy.CODES.update({"i2": ("<i2", "h"), "u2": ("<u2", "H"),
                      "u1": ("|u1", "B")})


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def quantize(x, scale, zp, lo, hi):
    """round_half_even(x / scale) + zp, clamped; the scales here are powers
    of two, so the f32 division the kernel does is exact."""
    return clamp(round(x / scale) + zp, lo, hi)


def requantize(v, mult, shift, zp, lo, hi):
    s = 31 + shift
    return clamp(((v * mult + (1 << (s - 1))) >> s) + zp, lo, hi)


def slices(x, bits, n):
    """The DAC slices of x: n - 1 unsigned (bits - 1)-bit digits, then the
    signed rest saturated to `bits` bits."""
    out = []
    for i in range(n):
        v = x >> ((bits - 1) * i)
        if i < n - 1:
            out.append(v & ((1 << (bits - 1)) - 1))
        else:
            out.append(clamp(v, -(1 << (bits - 1)), (1 << (bits - 1)) - 1))
    return out


def mvm(x, w, bits=8, n=1, shift=0, adc_bits=32):
    """tile.mvm: one pass per slice through the ADC, shifted and summed
    modulo 2^32."""
    k, cols = len(w), len(w[0])
    out = []
    for row in x:
        cut = [slices(v, bits, n) for v in row]
        res = []
        for j in range(cols):
            total = 0
            for i in range(n):
                acc = sum(cut[kk][i] * w[kk][j] for kk in range(k))
                total += adc(acc, shift, adc_bits) << ((bits - 1) * i)
            res.append(wrap32(total))
        out.append(res)
    return out


def matmul(a, b):
    return [[wrap32(sum(a[i][k] * b[k][j] for k in range(len(b))))
             for j in range(len(b[0]))] for i in range(len(a))]


def main():
    # wide-quant.mlir: 16-bit quantize (saturating, clamped, per-axis
    # ui16), dequantize and requantize in and out of 16 bits.
    x = [[0.0, 1.25, -3.75, 8191.0, -8193.5, 20000.0],
         [16383.0, -16384.0, 70000.0, -70000.0, 2.5, -0.75]]
    acc = [[0, 5, -5, 4095, -4097, 100000], [4096, -4096, 7, -7, 1, -1]]
    write("wide_x_2x6.npy", "f4", (2, 6), x)
    write("wide_acc_2x6.npy", "i4", (2, 6), acc)
    q0 = [[quantize(v, 0.5, 3, -32768, 32767) for v in r] for r in x]
    q1 = [[quantize(v, 0.5, 3, -16384, 16383) for v in r] for r in x]
    q2 = [[quantize(v, s, z, 0, 65535) for v in r]
          for r, s, z in zip(x, [0.25, 2.0], [32768, 100])]
    write("wide_quant_out0.npy", "i2", (2, 6), q0)
    write("wide_quant_out1.npy", "i2", (2, 6), q1)
    write("wide_quant_out2.npy", "u2", (2, 6), q2)
    write("wide_quant_out3.npy", "f4", (2, 6),
          [[(v - 3) * 0.5 for v in r] for r in q1])
    write("wide_quant_out4.npy", "i1", (2, 6),
          [[requantize(v, 1 << 30, 6, -1, -128, 127) for v in r]
           for r in q0])
    write("wide_quant_out5.npy", "i2", (2, 6),
          [[requantize(v, 1 << 30, -3, 0, -16384, 16383) for v in r]
           for r in acc])
    write("wide_quant_out6.npy", "u2", (2, 6),
          [[requantize(v, 1 << 30, 0, 7, 0, 65535) for v in r] for r in q2])
    write("wide_quant_out7.npy", "f4", (2, 6),
          [[(v - z) * s for v in r]
           for r, s, z in zip(q2, [0.25, 2.0], [32768, 100])])

    # wide-products.mlir: conv2d (i16 and ui16 inputs, i8 weights, bias),
    # gemm (trans_b, c) and matmul (batched) on 16-bit activations.
    xc = shaped(rand(11, 50, -32768, 32767), 2, 5, 5)
    xu = shaped(rand(12, 50, 0, 65535), 2, 5, 5)
    wc = shaped(rand(13, 54, -127, 127), 3, 2, 3, 3)
    bc = [100000, -7, 0]
    write("wide_conv_x.npy", "i2", (1, 2, 5, 5), [xc])
    write("wide_conv_xu.npy", "u2", (1, 2, 5, 5), [xu])
    write("wide_conv_w.npy", "i1", (3, 2, 3, 3), wc)
    write("wide_conv_out0.npy", "i4", (1, 3, 5, 5),
          [conv(xc, wc, bc, 2, 5, 5, 3, 1, 3, 1, 1, 1)])
    write("wide_conv_out1.npy", "i4", (1, 3, 3, 3),
          [conv(xu, wc, [0, 0, 0], 2, 5, 5, 3, 1, 3, 1, 0, 1)])
    xa = shaped(rand(14, 12, -32768, 32767), 2, 6)
    wt = shaped(rand(15, 30, -128, 127), 5, 6)  # N x K (trans_b)
    cb = [1, -2, 3, -4, 2147483647]
    write("wide_gemm_a.npy", "i2", (2, 6), xa)
    write("wide_gemm_b.npy", "i1", (5, 6), wt)
    write("wide_gemm_out0.npy", "i4", (2, 5),
          [[wrap32(sum(xa[i][k] * wt[j][k] for k in range(6)) + cb[j])
            for j in range(5)] for i in range(2)])
    xm = shaped(rand(16, 36, -32768, 32767), 3, 2, 6)
    wm = shaped(rand(17, 30, 0, 255), 6, 5)
    write("wide_mm_a.npy", "i2", (3, 2, 6), xm)
    write("wide_mm_b.npy", "u1", (6, 5), wm)
    write("wide_mm_out0.npy", "i4", (3, 2, 5), [matmul(m, wm) for m in xm])

    # wide-tile.mlir: tile.mvm in slices against hl.gemm and the definition.
    w = shaped(rand(18, 30, -127, 127), 6, 5)
    inside = shaped(rand(19, 24, -16384, 16383), 4, 6)
    inside[0][:4] = [-16384, 16383, -1, 0]  # the ends of the exact range
    write("wide_tile_x.npy", "i2", (4, 6), inside)
    exact = matmul(inside, w)
    assert mvm(inside, w, 8, 2) == exact
    write("wide_tile_exact.npy", "i4", (4, 5), exact)
    beyond = [[20000, -20000, 32767, -32768, 16384, -16385],
              [-16385, 16384, 30000, 100, -30000, 5]]
    write("wide_tile_beyond.npy", "i2", (2, 6), beyond)
    sat = mvm(beyond, w, 8, 2)
    assert sat != matmul(beyond, w)
    write("wide_tile_sat.npy", "i4", (2, 5), sat)
    x8 = shaped(rand(20, 18, -128, 127), 3, 6)
    x8[0][:3] = [-128, 127, -1]
    write("wide_tile_x8.npy", "i1", (3, 6), x8)
    exact8 = matmul(x8, w)
    assert mvm(x8, w, 4, 3) == exact8 and mvm(x8, w, 2, 8) == exact8
    write("wide_tile_exact8.npy", "i4", (3, 5), exact8)
    sat8 = mvm(x8, w, 3, 3)  # top slice x >> 4 saturates to 3 bits
    assert sat8 != exact8
    write("wide_tile_sat8.npy", "i4", (3, 5), sat8)
    # i16 windows: 1x2x3x3, 2x2 kernel, stride 1, no pads.
    img = shaped(rand(21, 18, -32768, 32767), 2, 3, 3)
    write("wide_tile_img.npy", "i2", (1, 2, 3, 3), [img])
    rows = [[img[c][y + ky][xx + kx] for c in range(2) for ky in range(2)
             for kx in range(2)] for y in range(2) for xx in range(2)]
    write("wide_tile_win.npy", "i2", (4, 8), rows)
    # Per-pass ADC, by hand (see wide-tile.mlir): x = [300, -200] against
    # w = [[3, -1], [2, 5]], two 8-bit slices, adc_shift 2, then 6 bits.
    write("wide_tile_adc.npy", "i4", (2, 2), [[189, -325], [159, -353]])
    assert mvm([[300, -200]], [[3, -1], [2, 5]], 8, 2, 2, 8) == [[189, -325]]
    assert mvm([[300, -200]], [[3, -1], [2, 5]], 8, 2, 2, 6) == [[159, -353]]


if __name__ == "__main__":
    main()
