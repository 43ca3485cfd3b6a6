#!/usr/bin/env python3
# Writes the .npy inputs and expected outputs of test/interp/tile-*.mlir
# (tile ops and the i32 accumulators of int8 convolutions / gemm),
# computed here in plain Python.
from gen_npy import write


def rand(seed, n, lo, hi):
    """A deterministic sequence of n integers in [lo, hi]."""
    out = []
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) % (1 << 31)
        out.append(lo + (seed >> 8) % (hi - lo + 1))
    return out


def adc(v, shift, bits):
    if shift > 0:
        v = (v + (1 << (shift - 1))) >> shift
    hi = (1 << (bits - 1)) - 1
    return max(-hi - 1, min(hi, v))


def wrap32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


def conv(x, w, bias, c, h, wd, m, g, k, stride, pad, dil):
    """NCHW int conv, batch 1: x[c][h][w], w[m][c/g][k][k]; out[m][oh][ow]."""
    oh = (h + 2 * pad - dil * (k - 1) - 1) // stride + 1
    ow = (wd + 2 * pad - dil * (k - 1) - 1) // stride + 1
    cg, mg = c // g, m // g
    out = [[[0] * ow for _ in range(oh)] for _ in range(m)]
    for o in range(m):
        grp = o // mg
        for y in range(oh):
            for xx in range(ow):
                s = bias[o]
                for ci in range(cg):
                    for ky in range(k):
                        for kx in range(k):
                            iy = y * stride - pad + ky * dil
                            ix = xx * stride - pad + kx * dil
                            if 0 <= iy < h and 0 <= ix < wd:
                                s += x[grp * cg + ci][iy][ix] * w[o][ci][ky][kx]
                out[o][y][xx] = s
    return out


def shaped(flat, *dims):
    if len(dims) == 1:
        return list(flat)
    step = len(flat) // dims[0]
    return [shaped(flat[i * step:(i + 1) * step], *dims[1:])
            for i in range(dims[0])]


def main():
    # tile-ops.mlir: mvm (exact, and shifted into a 6-bit ADC),
    # accumulate (wrapping), windows.
    x = shaped(rand(1, 15, -128, 127), 5, 3)
    w = [[1, 2], [3, -4], [127, -127]]
    write("tile_x_5x3.npy", "i1", (5, 3), x)
    exact = [[sum(x[i][k] * w[k][j] for k in range(3)) for j in range(2)]
             for i in range(5)]
    write("tile_mvm_out0.npy", "i4", (5, 2), exact)
    write("tile_mvm_out1.npy", "i4", (5, 2),
          [[adc(v, 3, 6) for v in r] for r in exact])
    big = [[2147483647, -2147483648], [1, -1]]
    write("tile_big_2x2.npy", "i4", (2, 2), big)
    write("tile_acc_out0.npy", "i4", (2, 2),
          [[wrap32(3 * v) for v in r] for r in big])
    img = shaped(rand(2, 2 * 4 * 5, -9, 9), 2, 4, 5)
    write("tile_img_1x2x4x5.npy", "i1", (1, 2, 4, 5), [img])
    # channel 1 only, 2x3 kernel, strides 2x1, pads [1, 0, 0, 2], dilation 1x2
    kh, kw, sy, sx, pt, pl, pb, pr, dy, dx = 2, 3, 2, 1, 1, 0, 0, 2, 1, 2
    oh = (4 + pt + pb - dy * (kh - 1) - 1) // sy + 1
    ow = (5 + pl + pr - dx * (kw - 1) - 1) // sx + 1
    rows = []
    for y in range(oh):
        for xx in range(ow):
            row = []
            for ky in range(kh):
                for kx in range(kw):
                    iy, ix = y * sy - pt + ky * dy, xx * sx - pl + kx * dx
                    row.append(img[1][iy][ix]
                               if 0 <= iy < 4 and 0 <= ix < 5 else 0)
            rows.append(row)
    write("tile_win_out0.npy", "i1", (oh * ow, kh * kw), rows)

    # tile-conv.mlir: 1x4x5x5 input, 3 filters 3x3, pad 1.
    xc = shaped(rand(3, 100, -20, 20), 4, 5, 5)
    wc = shaped(rand(4, 108, -9, 9), 3, 4, 3, 3)
    bc = [100, -50, 7]
    write("tile_conv_x.npy", "i1", (1, 4, 5, 5), [xc])
    out = conv(xc, wc, bc, 4, 5, 5, 3, 1, 3, 1, 1, 1)
    write("tile_conv_acc.npy", "i4", (1, 3, 5, 5), [out])

    # tile-conv-grouped.mlir: groups 2 (4 -> 4 channels, stride 2) and
    # depthwise (3 channels, dilation 2, pad 2).
    xg = shaped(rand(5, 64, -20, 20), 4, 4, 4)
    wg = shaped(rand(6, 72, -9, 9), 4, 2, 3, 3)
    bg = [1, 2, -3, 40]
    write("tile_grp_x.npy", "i1", (1, 4, 4, 4), [xg])
    og = conv(xg, wg, bg, 4, 4, 4, 4, 2, 3, 2, 1, 1)
    write("tile_grp_acc.npy", "i4", (1, 4, 2, 2), [og])
    xd = shaped(rand(7, 75, -20, 20), 3, 5, 5)
    wd = shaped(rand(8, 27, -9, 9), 3, 1, 3, 3)
    bd = [0, 5, -5]
    write("tile_dw_x.npy", "i1", (1, 3, 5, 5), [xd])
    od = conv(xd, wd, bd, 3, 5, 5, 3, 3, 3, 1, 2, 2)
    write("tile_dw_acc.npy", "i4", (1, 3, 5, 5), [od])

    # tile-gemm.mlir: 2x6 by 6x5 plus bias, the columns split 3 + 2.
    xa = shaped(rand(9, 12, -128, 127), 2, 6)
    wb = shaped(rand(10, 30, -127, 127), 6, 5)
    bb = [1000, -1000, 0, 3, -3]
    write("tile_gemm_x.npy", "i1", (2, 6), xa)
    ga = [[sum(xa[i][k] * wb[k][j] for k in range(6)) + bb[j]
           for j in range(5)] for i in range(2)]
    write("tile_gemm_acc.npy", "i4", (2, 5), ga)


if __name__ == "__main__":
    main()
