#!/usr/bin/env python3
# Writes the .npy inputs and expected outputs of test/interp/*.mlir, with
# the expected values computed here in plain Python (no numpy needed).
# gen_npy_logic_math_axis.py imports its helpers (flat, write).
import math
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = {"f4": ("<f4", "f"), "i8": ("<i8", "q"), "i4": ("<i4", "i"),
         "b1": ("|b1", "B"), "i1": ("|i1", "b")}


def flat(x):
    return [v for row in x for v in flat(row)] if isinstance(x, list) else [x]


def write(name, dtype, shape, values):
    descr, fmt = CODES[dtype]
    values = flat(values)
    assert len(values) == math.prod(shape), name
    dims = "".join("%d," % d for d in shape) if len(shape) == 1 else \
        ", ".join(str(d) for d in shape)
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, dims)
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    data = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header))
    data += header.encode() + struct.pack("<%d%s" % (len(values), fmt), *values)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def softmax(row):
    m = max(row)
    e = [math.exp(v - m) for v in row]
    return [v / sum(e) for v in e]


def main():
    # elementwise.mlir
    x = [[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]]
    b = [0.5, 1.0, -1.0]
    write("x_2x3.npy", "f4", (2, 3), x)
    write("b_3.npy", "f4", (3,), b)
    write("elementwise_out0.npy", "f4", (2, 3),
          [[2 * max(0.0, x[i][j] + b[j]) for j in range(3)] for i in range(2)])
    write("elementwise_out1.npy", "f4", (2, 3), [softmax(r) for r in x])
    write("elementwise_wrong0.npy", "f4", (2, 3), [[3, 0, 4], [0, 12, 0.5]])

    # nn.mlir: conv 3x3 pad 1 (2 filters) + bias, maxpool 2x2/2, flatten, gemm.
    img = [[float(r * 4 + c) for c in range(4)] for r in range(4)]
    w = [[[1, 0, -1], [2, 0, -2], [1, 0, -1]], [[0.5] * 3, [0.5] * 3, [0.5] * 3]]
    bias = [0.5, -1.0]
    write("img_1x1x4x4.npy", "f4", (1, 1, 4, 4), img)
    conv = []
    for m in range(2):
        plane = []
        for r in range(4):
            row = []
            for c in range(4):
                s = bias[m]
                for i in range(3):
                    for j in range(3):
                        rr, cc = r + i - 1, c + j - 1
                        if 0 <= rr < 4 and 0 <= cc < 4:
                            s += img[rr][cc] * w[m][i][j]
                row.append(s)
            plane.append(row)
        conv.append(plane)
    pool = [[[max(conv[m][2 * r + i][2 * c + j] for i in range(2)
                  for j in range(2)) for c in range(2)] for r in range(2)]
            for m in range(2)]
    write("nn_out0.npy", "f4", (1, 2, 2, 2), pool)
    fl = flat(pool)
    gb = [[0.1 * (k + 1) * (1 if n == 0 else -1 if n == 1 else 0.5)
           for n in range(3)] for k in range(8)]
    gc = [1.0, 2.0, 3.0]
    write("nn_out1.npy", "f4", (1, 3),
          [[sum(fl[k] * gb[k][n] for k in range(8)) + gc[n] for n in range(3)]])
    print("gemm B:", gb)

    # shape.mlir
    ints = [10, 20, 30, 40]
    write("i64_4.npy", "i8", (4,), ints)
    t = [[x[i][j] for i in range(2)] for j in range(3)]  # 3x2
    f = flat(t)
    write("shape_out0.npy", "i4", (4,), [int(v) for v in f[1:5]])
    write("shape_out1.npy", "f4", (2,), [sum(r) for r in x])
    write("shape_out2.npy", "i8", (4,), [a + c for a, c in zip(ints, [1, -2, 3, 100])])
    write("shape_out3.npy", "b1", (3, 2), [[1 if v != 0 else 0 for v in r] for r in t])

    # quant.mlir: quantize with scale 0.5, zero point 1 to i8, then back.
    q = [[max(-128, min(127, round(v / 0.5) + 1)) for v in r] for r in x]
    write("quant_out0.npy", "i1", (2, 3), q)
    write("quant_out1.npy", "f4", (2, 3), [[(v - 1) * 0.5 for v in r] for r in q])

    # call.mlir: main(x) = helper(x) * x with helper(x) = x + x.
    write("call_out0.npy", "f4", (2, 3), [[2 * v * v for v in r] for r in x])

    # more_ops.mlir: attribute plumbing of further ops.
    write("more_out0.npy", "f4", (2, 3), [[min(2.0, max(-1.0, v)) for v in r] for r in x])
    write("more_out1.npy", "f4", (2, 3), [[v if v >= 0 else 0.1 * v for v in r] for r in x])
    write("more_out2.npy", "f4", (3, 4), [[9.0] + x[0], [9.0] + x[1], [9.0] * 4])
    write("more_out3.npy", "f4", (4, 3), x + x)
    write("more_out4.npy", "f4", (1, 3), [[max(x[0][j], x[1][j]) for j in range(3)]])
    write("more_out5.npy", "f4", (1, 1, 4, 6),
          [[x[r // 2][c // 2] for c in range(6)] for r in range(4)])
    write("more_out6.npy", "f4", (1, 1, 1, 1), [sum(flat(x)) / 6])
    sc, bi, mu, va = [2.0, 1.0], [0.0, 1.0], [1.0, 0.0], [3.0, 0.0]
    write("more_out7.npy", "f4", (1, 2, 3, 1),
          [[(sc[c] * (v - mu[c]) / math.sqrt(va[c] + 1e-5) + bi[c]) for v in x[c]]
           for c in range(2)])
    write("more_out8.npy", "i1", (2, 3), [[4, 2, 5], [1, 6, 0]])

    # lstm.mlir: one direction, hidden size 1, no bias, gates i, o, f, c.
    def sig(v):
        return 1 / (1 + math.exp(-v))

    W, R = [0.5, -0.3, 0.8, 0.2], [0.1, 0.4, -0.2, 0.6]
    h = c = 0.0
    ys = []
    for xt in [1.0, -2.0]:
        g = [W[k] * xt + R[k] * h for k in range(4)]
        c = sig(g[2]) * c + sig(g[0]) * math.tanh(g[3])
        h = sig(g[1]) * math.tanh(c)
        ys.append(h)
    write("lstm_x.npy", "f4", (2, 1, 1), [1.0, -2.0])
    write("lstm_out0.npy", "f4", (2, 1, 1, 1), ys)
    write("lstm_out1.npy", "f4", (1, 1, 1), [h])
    write("lstm_out2.npy", "f4", (1, 1, 1), [c])

    # resource.mlir: b + a dense_resource constant [1, 2, 3].
    write("resource_out0.npy", "f4", (3,), [v + k for v, k in zip(b, [1.0, 2.0, 3.0])])


if __name__ == "__main__":
    main()
