# LLVM lit configuration: lets lit run the same lit-style files as all.tcl.
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv --param build=BUILD test/
# -*- Python -*-

import os
import platform

import lit.formats

config.name = "IPU"
config.suffixes = [".mlir", ".ir"]
# Inputs/ hold data for other tests; tclext/ and tcl/ are the Tcl side.
config.excludes = ["Inputs", "tclext", "tcl", "lit.cfg.py", "all.tcl"]


# RUN lines run in bash (with pipefail, as lit does), as test/all.tcl runs them.
config.test_format = lit.formats.ShTest(execute_external=True)
config.test_source_root = os.path.dirname(os.path.abspath(__file__))

# .mlir/.ir files without RUN lines are inputs or examples, not tests (lit
# would report them unresolved). lit's excludes match base names.
for dirpath, dirnames, filenames in os.walk(config.test_source_root):
    for name in filenames:
        if name.endswith(tuple(config.suffixes)):
            with open(os.path.join(dirpath, name), "rb") as f:
                if b"RUN:" not in f.read():
                    config.excludes.append(name)


def find_build_dir():
    build = lit_config.params.get("build") or os.environ.get("IPU_BUILD_DIR")
    if build:
        return os.path.abspath(build)
    root = os.path.dirname(config.test_source_root)
    for candidate in ("build", "../build"):
        path = os.path.abspath(os.path.join(root, candidate))
        if os.path.exists(os.path.join(path, "bin", "ipu-opt")):
            return path
    lit_config.fatal("give the build directory: --param build=DIR")


build_dir = find_build_dir()
config.test_exec_root = os.path.join(build_dir, "test-output", "lit")

llvm_bin = "/usr/lib/llvm-19/bin"
path = [os.path.join(build_dir, "bin"), llvm_bin, os.environ.get("PATH", "")]
config.environment["PATH"] = os.pathsep.join(path)
config.environment["IPU_BUILD_DIR"] = build_dir
# Sanitizer reports must fail a test even under `not` (as in all.tcl).
config.environment["ASAN_OPTIONS"] = os.environ.get(
    "ASAN_OPTIONS", "abort_on_error=1:detect_leaks=1:disable_coredump=1"
)
config.environment["UBSAN_OPTIONS"] = os.environ.get(
    "UBSAN_OPTIONS", "halt_on_error=1:abort_on_error=1:print_stacktrace=1"
)

# The same features as all.tcl offers to REQUIRES/UNSUPPORTED/XFAIL.
config.available_features.update(["linux", platform.machine()])
if os.path.exists(os.path.join(llvm_bin, "mlir-opt")):
    config.available_features.add("mlir-opt")
cache = os.path.join(build_dir, "CMakeCache.txt")
if os.path.exists(cache):
    with open(cache) as f:
        if any(line.strip() in ("IPU_SANITIZE:BOOL=ON", "IPU_SANITIZE:BOOL=1")
               for line in f):
            config.available_features.update(["asan", "ubsan"])
