#!/usr/bin/env python3
# Writes the model of test/onnx/import-conv1d.mlir: 1-D ConvTranspose with
# strides, dilations, groups, pads, output padding, output_shape and
# auto_pad (the importer makes them 2-D ones of unit height), with its
# inputs and the expected outputs as .npy, computed here from the ONNX
# definition in plain Python (no numpy needed).
import math
import os
import struct

from make_models import FLOAT, model, node, tensor, value_info

HERE = os.path.dirname(os.path.abspath(__file__))


def write_npy(name, shape, values):
    assert len(values) == math.prod(shape), name
    dims = "%d," % shape[0] if len(shape) == 1 else \
        ", ".join(str(d) for d in shape)
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }" % dims
    header += " " * (64 - (10 + len(header) + 1) % 64) + "\n"
    data = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header))
    data += header.encode() + struct.pack("<%df" % len(values), *values)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def f32(v):
    return struct.unpack("<f", struct.pack("<f", v))[0]


def conv_transpose_1d(x, xshape, w, wshape, b, strides=1, dilations=1,
                      pads=(0, 0), output_padding=0, group=1):
    """ONNX ConvTranspose for one spatial axis: y[o] gathers x[i] * w[k]
    over o = i * stride + k * dilation - pad_begin."""
    n, c, width = xshape
    _, mg, k = wshape
    m = mg * group
    cg = c // group
    full = strides * (width - 1) + (k - 1) * dilations + 1
    out = full + output_padding - pads[0] - pads[1]
    y = [0.0] * (n * m * out)
    for b_ in range(n):
        for oc in range(m):
            g, mo = divmod(oc, mg)
            for o in range(out):
                acc = b[oc] if b else 0.0
                for ci in range(g * cg, (g + 1) * cg):
                    for i in range(width):
                        for kk in range(k):
                            if i * strides + kk * dilations - pads[0] == o:
                                acc += x[(b_ * c + ci) * width + i] * \
                                    w[(ci * mg + mo) * k + kk]
                y[(b_ * m + oc) * out + o] = f32(acc)
    return y, [n, m, out]


def values(count, scale, offset):
    """Exactly representable, varied values."""
    return [((i * 7 + 3) % 11 - 5) * scale + offset for i in range(count)]


def main():
    # 1: strides, dilations, two groups, asymmetric pads, output padding
    # and a bias.
    x1s, w1s = [1, 4, 5], [4, 3, 3]
    x1, w1 = values(20, 0.5, 0.25), values(36, 0.25, 0.0)
    b1 = [0.5, -1.0, 2.0, 0.0, 1.5, -0.5]
    y1, y1s = conv_transpose_1d(x1, x1s, w1, w1s, b1, strides=2, dilations=2,
                                pads=(1, 2), output_padding=1, group=2)
    # 2: output_shape 10 where the input gives 11 (stride 3): one column of
    # padding, at the beginning as ONNX puts the odd one without auto_pad.
    x2s, w2s = [2, 1, 4], [1, 2, 2]
    x2, w2 = values(8, 1.0, 0.0), values(4, 0.5, 0.5)
    y2, y2s = conv_transpose_1d(x2, x2s, w2, w2s, None, strides=3,
                                pads=(1, 0))
    # 3: auto_pad SAME_UPPER: the output is input * stride long.
    x3s, w3s = [1, 1, 3], [1, 1, 3]
    x3, w3 = [1.0, 2.0, 3.0], [1.0, 10.0, 100.0]
    y3, y3s = conv_transpose_1d(x3, x3s, w3, w3s, None, strides=2,
                                pads=(0, 1))
    assert y1s == [1, 6, 11] and y2s == [2, 2, 10] and y3s == [1, 1, 6]
    model("convtranspose_1d.onnx",
          [node("ConvTranspose", ["x1", "w1", "b1"], ["y1"], "ct1",
                strides=[2], dilations=[2], pads=[1, 2], output_padding=[1],
                group=2),
           node("ConvTranspose", ["x2", "w2"], ["y2"], "ct2", strides=[3],
                output_shape=[10]),
           node("ConvTranspose", ["x3", "w3"], ["y3"], "ct3", strides=[2],
                auto_pad="SAME_UPPER")],
          [value_info("x1", x1s), value_info("x2", x2s),
           value_info("x3", x3s)],
          [value_info("y1", []), value_info("y2", []), value_info("y3", [])],
          [tensor("w1", w1s, FLOAT, w1), tensor("b1", [6], FLOAT, b1),
           tensor("w2", w2s, FLOAT, w2), tensor("w3", w3s, FLOAT, w3)])
    write_npy("convtranspose_1d_x1.npy", x1s, x1)
    write_npy("convtranspose_1d_x2.npy", x2s, x2)
    write_npy("convtranspose_1d_x3.npy", x3s, x3)
    write_npy("convtranspose_1d_y1.npy", y1s, y1)
    write_npy("convtranspose_1d_y2.npy", y2s, y2)
    write_npy("convtranspose_1d_y3.npy", y3s, y3)


if __name__ == "__main__":
    main()
