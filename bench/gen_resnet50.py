#!/usr/bin/env python3
# Writes a ResNet-50-sized network as quantized hl (the packing benchmark's
# big case, bench/packing.sh): ResNet-50 v1.5's real layer shapes (7x7
# stem, bottleneck stages of 3, 4, 6, 3 blocks, 1000-way classifier; 25.5M
# weights), seeded random int8 weights in [-127, 127] as dense_resource
# blobs, int32 biases, hl.requantize after every layer. Batch 1, 224x224.
#   gen_resnet50.py OUT.mlir [SEED]
import random
import struct
import sys

lines, blobs = [], []
counter = [0]


def t(shape, e):
    return "tensor<" + "x".join(map(str, shape)) + "x" + e + ">"


def fresh():
    counter[0] += 1
    return "%%v%d" % counter[0]


def weights(rng, shape):
    n = 1
    for d in shape:
        n *= d
    # randbytes is fast; -128 is outside the arrays' symmetric range.
    data = rng.randbytes(n).replace(b"\x80", b"\x00")
    name = "w%d" % len(blobs)
    blobs.append((name, data))
    v = fresh()
    lines.append("    %s = hl.constant {value = dense_resource<%s> : %s} : %s"
                 % (v, name, t(shape, "i8"), t(shape, "i8")))
    return v


def conv(rng, x, shape, cout, k, stride, pad, relu=True):
    n, c, h, w = shape
    oh = (h + 2 * pad - k) // stride + 1
    ow = (w + 2 * pad - k) // stride + 1
    ws = [cout, c, k, k]
    wv = weights(rng, ws)
    b = fresh()
    lines.append("    %s = hl.constant {value = dense<%d> : %s} : %s"
                 % (b, rng.randint(-1000, 1000), t([cout], "i32"),
                    t([cout], "i32")))
    acc = fresh()
    out = [1, cout, oh, ow]
    lines.append("    %s = hl.conv2d %s, %s, %s {pads = array<i64: %d, %d, %d, %d>, "
                 "strides = array<i64: %d, %d>} : (%s, %s, %s) -> %s"
                 % (acc, x, wv, b, pad, pad, pad, pad, stride, stride,
                    t(shape, "i8"), t(ws, "i8"), t([cout], "i32"),
                    t(out, "i32")))
    q = fresh()
    clamp = "clamp_min = 0 : i64, " if relu else ""
    lines.append("    %s = hl.requantize %s {%smultiplier = array<i64: 1073741824>, "
                 "shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} "
                 ": (%s) -> %s" % (q, acc, clamp, t(out, "i32"), t(out, "i8")))
    return q, out


def main():
    out_path = sys.argv[1]
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 50)
    x, shape = "%arg0", [1, 3, 224, 224]
    x, shape = conv(rng, x, shape, 64, 7, 2, 3)
    p = fresh()
    pooled = [1, 64, 56, 56]
    lines.append("    %s = hl.maxpool %s {kernel_shape = array<i64: 3, 3>, "
                 "pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} "
                 ": (%s) -> %s" % (p, x, t(shape, "i8"), t(pooled, "i8")))
    x, shape = p, pooled
    for width, blocks, stride in ((64, 3, 1), (128, 4, 2), (256, 6, 2),
                                  (512, 3, 2)):
        for i in range(blocks):
            s = stride if i == 0 else 1
            a, sa = conv(rng, x, shape, width, 1, 1, 0)
            b, sb = conv(rng, a, sa, width, 3, s, 1)
            c, sc = conv(rng, b, sb, 4 * width, 1, 1, 0, relu=False)
            if i == 0:
                skip, _ = conv(rng, x, shape, 4 * width, 1, s, 0, relu=False)
            else:
                skip = x
            sum_ = fresh()
            lines.append("    %s = hl.add %s, %s : %s" % (sum_, c, skip,
                                                          t(sc, "i8")))
            r = fresh()
            lines.append("    %s = hl.relu %s : %s" % (r, sum_, t(sc, "i8")))
            x, shape = r, sc
    g = fresh()
    # The global pooling as a 7x7 max pool: hl's average pools are float.
    lines.append("    %s = hl.maxpool %s {kernel_shape = array<i64: 7, 7>} "
                 ": (%s) -> %s" % (g, x, t(shape, "i8"),
                                   t([1, 2048, 1, 1], "i8")))
    f = fresh()
    lines.append("    %s = hl.reshape %s {shape = array<i64: 1, 2048>} : (%s) -> %s"
                 % (f, g, t([1, 2048, 1, 1], "i8"), t([1, 2048], "i8")))
    wv = weights(rng, [1000, 2048])
    b = fresh()
    lines.append("    %s = hl.constant {value = dense<0> : %s} : %s"
                 % (b, t([1000], "i32"), t([1000], "i32")))
    y = fresh()
    lines.append("    %s = hl.gemm %s, %s, %s {trans_b = true} : (%s, %s, %s) -> %s"
                 % (y, f, wv, b, t([1, 2048], "i8"), t([1000, 2048], "i8"),
                    t([1000], "i32"), t([1, 1000], "i32")))
    with open(out_path, "w") as o:
        o.write("// ResNet-50-sized quantized hl from bench/gen_resnet50.py.\n")
        o.write("module {\n  func.func @main(%%arg0: %s) -> %s {\n"
                % (t([1, 3, 224, 224], "i8"), t([1, 1000], "i32")))
        o.write("\n".join(lines))
        o.write("\n    return %s : %s\n  }\n}\n" % (y, t([1, 1000], "i32")))
        o.write("{-#\n  dialect_resources: {\n    builtin: {\n")
        o.write(",\n".join('      %s: "0x%s%s"' % (n, struct.pack("<I", 1).hex(),
                                                   d.hex())
                           for n, d in blobs))
        o.write("\n    }\n  }\n#-}\n")
    total = sum(len(d) for _, d in blobs)
    sys.stderr.write("gen_resnet50: %d weight tensors, %d weights\n"
                     % (len(blobs), total))


if __name__ == "__main__":
    main()
