#!/usr/bin/env python3
# Writes a seeded random int8 .npy file (uniform in [-128, 127]) for the
# checks that run hand-written integer tile IR, without numpy:
#   rand_i8_npy.py OUT.npy 1x2x8x4 SEED
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
    values = [rng.randint(-128, 127) for _ in range(count)]
    dims = "%d," % shape[0] if len(shape) == 1 else ", ".join(map(str, shape))
    header = "{'descr': '|i1', 'fortran_order': False, 'shape': (%s), }" % dims
    header += " " * (64 - (10 + len(header) + 1) % 64) + "\n"
    with open(out, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)))
        f.write(header.encode())
        f.write(struct.pack("<%db" % count, *values))


if __name__ == "__main__":
    main()
