#!/usr/bin/env python3
# Writes a seeded random .npy file for the numerics checks of the tests,
# without numpy: float32 uniform in [-1, 1) by default, or with a fourth
# argument `i8` int8 uniform in [-128, 127] (for hand-written integer IR):
#   rand_npy.py OUT.npy 1x3x8x8 SEED [i8]
import random
import struct
import sys

# dtype -> (.npy descr, struct code, value generator)
KINDS = {
    "f32": ("<f4", "f", lambda rng: rng.uniform(-1.0, 1.0)),
    "i8": ("|i1", "b", lambda rng: rng.randint(-128, 127)),
}


def main():
    out, shape_text, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    descr, code, draw = KINDS[sys.argv[4] if len(sys.argv) > 4 else "f32"]
    shape = [int(d) for d in shape_text.split("x")]
    count = 1
    for d in shape:
        count *= d
    rng = random.Random(seed)
    values = [draw(rng) for _ in range(count)]
    dims = "%d," % shape[0] if len(shape) == 1 else ", ".join(map(str, shape))
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, dims)
    header += " " * (64 - (10 + len(header) + 1) % 64) + "\n"
    with open(out, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)))
        f.write(header.encode())
        f.write(struct.pack("<%d%s" % (count, code), *values))


if __name__ == "__main__":
    main()
