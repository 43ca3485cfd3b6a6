#!/usr/bin/env python3
# Writes ResNet-18/34/50/101/152-shaped networks as quantized hl, with an
# optional channel scale, for the compile-time growth benchmark
# (bench/issue5.sh); the layers and blobs are bench/gen_resnet50.py's, so
# `gen_resnet.py OUT 50` writes the same network as gen_resnet50.py.
#   gen_resnet.py OUT.mlir DEPTH [WIDTH_PERCENT] [SEED]
import os
import random
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_resnet50 as g  # noqa: E402

STAGES = {18: ("basic", (2, 2, 2, 2)), 34: ("basic", (3, 4, 6, 3)),
          50: ("bottleneck", (3, 4, 6, 3)), 101: ("bottleneck", (3, 4, 23, 3)),
          152: ("bottleneck", (3, 8, 36, 3))}


def residual(x, c, skip, shape):
    t = g.t
    s = g.fresh()
    g.lines.append("    %s = hl.add %s, %s : %s" % (s, c, skip, t(shape, "i8")))
    r = g.fresh()
    g.lines.append("    %s = hl.relu %s : %s" % (r, s, t(shape, "i8")))
    return r


def main():
    out_path, depth = sys.argv[1], int(sys.argv[2])
    scale = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 50)
    kind, blocks_per_stage = STAGES[depth]
    w = lambda c: max(8, c * scale // 100)  # noqa: E731
    t = g.t
    x, shape = "%arg0", [1, 3, 224, 224]
    x, shape = g.conv(rng, x, shape, w(64), 7, 2, 3)
    p = g.fresh()
    pooled = [1, w(64), 56, 56]
    g.lines.append("    %s = hl.maxpool %s {kernel_shape = array<i64: 3, 3>, "
                   "pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} "
                   ": (%s) -> %s" % (p, x, t(shape, "i8"), t(pooled, "i8")))
    x, shape = p, pooled
    expansion = 4 if kind == "bottleneck" else 1
    for width, blocks, stride in zip((64, 128, 256, 512), blocks_per_stage,
                                     (1, 2, 2, 2)):
        for i in range(blocks):
            s = stride if i == 0 else 1
            if kind == "bottleneck":
                a, sa = g.conv(rng, x, shape, w(width), 1, 1, 0)
                b, sb = g.conv(rng, a, sa, w(width), 3, s, 1)
                c, sc = g.conv(rng, b, sb, w(4 * width), 1, 1, 0, relu=False)
            else:
                a, sa = g.conv(rng, x, shape, w(width), 3, s, 1)
                c, sc = g.conv(rng, a, sa, w(width), 3, 1, 1, relu=False)
            if sc != shape:
                skip, _ = g.conv(rng, x, shape, w(expansion * width), 1, s, 0,
                                 relu=False)
            else:
                skip = x
            x, shape = residual(x, c, skip, sc), sc
    channels = shape[1]
    gp = g.fresh()
    g.lines.append("    %s = hl.maxpool %s {kernel_shape = array<i64: 7, 7>} "
                   ": (%s) -> %s" % (gp, x, t(shape, "i8"),
                                     t([1, channels, 1, 1], "i8")))
    f = g.fresh()
    g.lines.append("    %s = hl.reshape %s {shape = array<i64: 1, %d>} : (%s) -> %s"
                   % (f, gp, channels, t([1, channels, 1, 1], "i8"),
                      t([1, channels], "i8")))
    wv = g.weights(rng, [1000, channels])
    b = g.fresh()
    g.lines.append("    %s = hl.constant {value = dense<0> : %s} : %s"
                   % (b, t([1000], "i32"), t([1000], "i32")))
    y = g.fresh()
    g.lines.append("    %s = hl.gemm %s, %s, %s {trans_b = true} : (%s, %s, %s) -> %s"
                   % (y, f, wv, b, t([1, channels], "i8"),
                      t([1000, channels], "i8"), t([1000], "i32"),
                      t([1, 1000], "i32")))
    with open(out_path, "w") as o:
        o.write("// ResNet-%d-shaped quantized hl (width %d%%) from "
                "bench/gen_resnet.py.\n" % (depth, scale))
        o.write("module {\n  func.func @main(%%arg0: %s) -> %s {\n"
                % (t([1, 3, 224, 224], "i8"), t([1, 1000], "i32")))
        o.write("\n".join(g.lines))
        o.write("\n    return %s : %s\n  }\n}\n" % (y, t([1, 1000], "i32")))
        o.write("{-#\n  dialect_resources: {\n    builtin: {\n")
        o.write(",\n".join('      %s: "0x%s%s"' % (n, struct.pack("<I", 1).hex(),
                                                   d.hex())
                           for n, d in g.blobs))
        o.write("\n    }\n  }\n#-}\n")
    total = sum(len(d) for _, d in g.blobs)
    sys.stderr.write("gen_resnet: ResNet-%d at %d%%: %d layers with weights, "
                     "%d weights\n" % (depth, scale, len(g.blobs), total))


if __name__ == "__main__":
    main()
