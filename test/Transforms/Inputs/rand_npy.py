#!/usr/bin/env python3
# Writes a seeded random float32 .npy file (uniform in [-1, 1)) for the
# numerics checks of the graph pass tests, without numpy:
#   rand_npy.py OUT.npy 1x3x8x8 SEED
import random
import struct
import sys


def main():
    out, shape_text, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    shape = [int(d) for d in shape_text.split("x")]
    count = 1
    for d in shape:
        count *= d
    rng = random.Random(seed)
    values = [rng.uniform(-1.0, 1.0) for _ in range(count)]
    dims = "%d," % shape[0] if len(shape) == 1 else ", ".join(map(str, shape))
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }" % dims
    header += " " * (64 - (10 + len(header) + 1) % 64) + "\n"
    with open(out, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)))
        f.write(header.encode())
        f.write(struct.pack("<%df" % count, *values))


if __name__ == "__main__":
    main()
