#!/usr/bin/env python3
# Writes the .npy inputs and expected outputs of test/interp/logic.mlir,
# math.mlir, axis.mlir and empty.mlir (the ops added for ONNX
# conformance), computed here in plain Python (no numpy needed).
import math
import os
import struct

from gen_npy import HERE, flat, write


def f32(v):
    return struct.unpack("<f", struct.pack("<f", v))[0]


def mapx(fn, x):
    return [[fn(v) for v in row] for row in x]


def rhe(v):
    r = math.floor(v + 0.5)
    return r - 1 if r - v == 0.5 and r % 2 else r


# Inputs: halves for round, ties for argmax/argmin.
x = [[1.5, -2.5, 3.0], [-4.0, 2.5, 3.0]]
b = [0.5, -2.5, 3.0]
write("cf_x.npy", "f4", (2, 3), x)
write("cf_b.npy", "f4", (3,), b)

# logic.mlir
cols = range(3)
less = [[x[i][j] < b[j] for j in cols] for i in range(2)]
greater = [[x[i][j] > b[j] for j in cols] for i in range(2)]
outs = [
    [[x[i][j] == b[j] for j in cols] for i in range(2)],
    less,
    [[x[i][j] <= b[j] for j in cols] for i in range(2)],
    greater,
    [[x[i][j] >= b[j] for j in cols] for i in range(2)],
    [[less[i][j] and greater[i][j] for j in cols] for i in range(2)],
    [[less[i][j] or greater[i][j] for j in cols] for i in range(2)],
    [[less[i][j] != greater[i][j] for j in cols] for i in range(2)],
    [[not less[i][j] for j in cols] for i in range(2)],
]
for k, o in enumerate(outs):
    write("cf_logic_out%d.npy" % k, "b1", (2, 3), [int(v) for v in flat(o)])
write("cf_logic_out9.npy", "f4", (2, 3),
      [[x[i][j] if less[i][j] else b[j] for j in cols] for i in range(2)])

# math.mlir
selu_a, selu_g = 1.67326319217681884765625, 1.05070102214813232421875
unary = [
    lambda v: 1.0 / v,
    math.floor,
    math.ceil,
    rhe,
    lambda v: (v > 0) - (v < 0),
    math.erf,
    math.sin,
    math.cos,
    lambda v: math.log1p(math.exp(v)),
    lambda v: v / (1 + abs(v)),
    lambda v: v if v >= 0 else 0.5 * (math.exp(v) - 1),
    lambda v: selu_g * v if v > 0 else selu_g * selu_a * (math.exp(v) - 1),
    lambda v: max(0, v) + min(0, 2.0 * (math.exp(v / 2.0) - 1)),
    lambda v: v if v > 1.5 else 0.0,
]
for k, fn in enumerate(unary):
    write("cf_math_out%d.npy" % k, "f4", (2, 3), mapx(fn, x))
write("cf_math_out14.npy", "f4", (2, 3),
      [[x[i][j] if x[i][j] >= 0 else b[j] * x[i][j] for j in cols]
       for i in range(2)])


def log_softmax(row):
    m = max(row)
    s = math.log(sum(math.exp(v - m) for v in row))
    return [v - m - s for v in row]


write("cf_math_out15.npy", "f4", (2, 3), [log_softmax(r) for r in x])
# hardmax along axis 0: 1 at the first maximum of each column.
write("cf_math_out16.npy", "f4", (2, 3),
      [[1.0 if x[i][j] == max(x[0][j], x[1][j]) and
        (i == 0 or x[0][j] != x[1][j]) else 0.0 for j in cols]
       for i in range(2)])
# argmax axis 1 keepdims: first index of the maximum; argmin axis 0
# without keepdims, last index on ties.
write("cf_math_out17.npy", "i8", (2, 1), [[r.index(max(r))] for r in x])
write("cf_math_out18.npy", "i8", (3,),
      [1 if x[1][j] <= x[0][j] else 0 for j in cols])
ax = mapx(abs, x)
write("cf_math_out19.npy", "f4", (2, 1), [[sum(r)] for r in ax])
write("cf_math_out20.npy", "f4", (2, 1),
      [[math.sqrt(sum(v * v for v in r))] for r in x])
write("cf_math_out21.npy", "f4", (), [sum(v * v for v in flat(x))])
write("cf_math_out22.npy", "f4", (1, 3),
      [[math.log(ax[0][j] + ax[1][j]) for j in cols]])
write("cf_math_out23.npy", "f4", (2, 1),
      [[math.log(sum(math.exp(v) for v in r))] for r in x])

# axis.mlir
idx = [-1, 0, 1, 1]
write("cf_idx.npy", "i8", (4,), idx)
write("cf_shape_out0.npy", "f4", (2, 4), [[r[i] for i in idx] for r in x])
write("cf_shape_out1.npy", "f4", (2, 2, 3), [x, x])
write("cf_shape_out2.npy", "f4", (4, 6),
      [(r + r) for r in x] + [(r + r) for r in x])


def normalize(vals, eps):
    m = sum(vals) / len(vals)
    var = sum((v - m) ** 2 for v in vals) / len(vals)
    inv = 1 / math.sqrt(var + eps)
    return [(v - m) * inv for v in vals], m, inv


ln = [normalize(r, 1e-5) for r in x]
write("cf_shape_out3.npy", "f4", (2, 3),
      [[ln[i][0][j] * b[j] + 1.0 for j in cols] for i in range(2)])
write("cf_shape_out4.npy", "f4", (2, 1), [[ln[i][1]] for i in range(2)])
write("cf_shape_out5.npy", "f4", (2, 1), [[ln[i][2]] for i in range(2)])
# instance norm of x as 1x2x3 with scale [2, 1] and bias [0, 1].
scale, bias = [2.0, 1.0], [0.0, 1.0]
write("cf_shape_out6.npy", "f4", (1, 2, 3),
      [[[v * scale[c] + bias[c] for v in normalize(x[c], 1e-5)[0]]
        for c in range(2)]])

# empty.mlir: a 0x3 input and what the ops make of it.
write("cf_empty_0x3.npy", "f4", (0, 3), [])
write("cf_empty_out0.npy", "f4", (0, 3), [])
write("cf_empty_out1.npy", "f4", (3, 0), [])
write("cf_empty_out2.npy", "f4", (2, 3), x)
write("cf_empty_out3.npy", "f4", (1, 3), [[0.0, 0.0, 0.0]])
write("cf_empty_out4.npy", "f4", (0, 3), [])
write("cf_empty_out5.npy", "b1", (0, 3), [])
# The same empty input as an ONNX TensorProto: dims 0 and 3, FLOAT, name
# "e", no data.
with open(os.path.join(HERE, "cf_empty_0x3.pb"), "wb") as f:
    f.write(b"\x08\x00\x08\x03\x10\x01\x42\x01e")
