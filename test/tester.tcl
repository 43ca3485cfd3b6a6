# Helpers every Tcl test script sources (as SQLite's tester.tcl): where the
# build is, running tools with their exit status, temp files, do_test.
#
# A script starts with `source [file join [file dirname [info script]] .. tester.tcl]`
# and ends with `finish_test`. It runs under ipu-testfixture (which has the
# ipu:: commands), from all.tcl or alone:
#   BUILD/bin/ipu-testfixture test/tcl/alloc.test ?tcltest options?

package require Tcl 8.6
package require tcltest 2.5

namespace eval ::ipu_test {
  variable testDir [file dirname [file normalize [info script]]]
  variable buildDir ""
  variable tmpDir ""
  variable llvmBin /usr/lib/llvm-19/bin
  variable tmpCounter 0
}

proc ::ipu_test::init {} {
  variable testDir; variable buildDir; variable tmpDir; variable llvmBin
  if {[info exists ::env(IPU_BUILD_DIR)]} {
    set buildDir $::env(IPU_BUILD_DIR)
  } else {
    set buildDir [file dirname [file dirname [file normalize [info nameofexecutable]]]]
    set ::env(IPU_BUILD_DIR) $buildDir
  }
  set bin [file join $buildDir bin]
  if {[string first $bin: $::env(PATH):] != 0} {
    set ::env(PATH) $bin:$llvmBin:$::env(PATH)
  }
  # Named after the test script (argv0), not this file: scripts run in
  # parallel and must not share temp files.
  set script [file rootname [file tail $::argv0]]
  set tmpDir [file join $buildDir test-output tcl $script]
  file delete -force $tmpDir
  file mkdir $tmpDir
  if {[llength $::argv]} { tcltest::configure {*}$::argv }
  tcltest::testConstraint ipuext [llength [info commands ::ipu::parse]]
  tcltest::testConstraint mlirOpt [file executable [file join $llvmBin mlir-opt]]
  tcltest::testConstraint ipuOpt [file executable [file join $bin ipu-opt]]
}

# all.tcl passes -match/-skip in the environment: tests they leave out are
# then not counted at all (tcltest would count them as skipped).
proc ::ipu_test::selected {name} {
  if {[info exists ::env(IPU_TEST_SKIP)]} {
    foreach p $::env(IPU_TEST_SKIP) {
      if {[string match $p $name]} { return 0 }
    }
  }
  if {![info exists ::env(IPU_TEST_MATCH)] || $::env(IPU_TEST_MATCH) eq ""} {
    return 1
  }
  foreach p $::env(IPU_TEST_MATCH) {
    if {[string match $p $name]} { return 1 }
  }
  return 0
}

if {![llength [info commands ::tcltest::RealTest]]} {
  rename ::tcltest::test ::tcltest::RealTest
  proc ::tcltest::test {name args} {
    if {![::ipu_test::selected $name]} return
    uplevel 1 [list ::tcltest::RealTest $name {*}$args]
  }
}
namespace import -force ::tcltest::*
::ipu_test::init

# ---- Paths and files ------------------------------------------------------

proc build_dir {} { return $::ipu_test::buildDir }
proc test_dir {} { return $::ipu_test::testDir }
proc ipu_bin {name} { file join $::ipu_test::buildDir bin $name }
proc mlir_opt {} { file join $::ipu_test::llvmBin mlir-opt }

# A fresh path in this script's temp folder.
proc tmp_path {{name tmp}} {
  file join $::ipu_test::tmpDir "[incr ::ipu_test::tmpCounter]-$name"
}

proc write_file {path data {binary 0}} {
  set fd [open $path wb]
  if {!$binary} { set data [encoding convertto utf-8 $data] }
  puts -nonewline $fd $data
  close $fd
  return $path
}

proc read_file {path {binary 0}} {
  set fd [open $path rb]
  set data [read $fd]
  close $fd
  if {!$binary} { set data [encoding convertfrom utf-8 $data] }
  return $data
}

# Lit-style inputs under test/ (files with RUN lines), relative to test/.
proc lit_files {} {
  set found {}
  set dirs [list [test_dir]]
  while {[llength $dirs]} {
    set dirs [lassign $dirs dir]
    foreach path [lsort [glob -nocomplain -directory $dir *]] {
      set tail [file tail $path]
      if {[file isdirectory $path]} {
        if {$tail ni {Inputs tclext} && ![string match .* $tail]} {
          lappend dirs $path
        }
      } elseif {[string match *.mlir $tail] || [string match *.ir $tail]} {
        set text [read_file $path]
        if {[regexp {RUN:} $text]} {
          lappend found [string range $path [string length [test_dir]/] end]
        }
      }
    }
  }
  lsort $found
}

# The RUN lines of a lit-style file, joined where they end in `\`.
proc run_lines {text} {
  set runs {}
  set pending ""
  foreach line [split $text \n] {
    if {![regexp {RUN:(.*)$} $line -> rest]} continue
    set rest [string trimright $rest]
    append pending $rest
    if {[string index $pending end] eq "\\"} {
      set pending [string range $pending 0 end-1]
      continue
    }
    lappend runs [string trim $pending]
    set pending ""
  }
  return $runs
}

# Splits text at `// -----` lines, as --split-input-file does.
proc split_input {text} {
  set chunks {}
  set cur ""
  foreach line [split $text \n] {
    if {[regexp {^\s*// -----} $line]} {
      lappend chunks $cur
      set cur ""
    } else {
      append cur $line \n
    }
  }
  lappend chunks $cur
  return $chunks
}

# ---- Running tools -----------------------------------------------------------

# Runs a command; returns a dict: status (exit code, or "signal NAME"),
# stdout, stderr. Never raises for a failing command.
proc run {args} {
  set errFile [tmp_path stderr]
  set status 0
  if {[catch {open |[list {*}$args < /dev/null 2> $errFile] rb} fd]} {
    return [dict create status "cannot run: $fd" stdout "" stderr ""]
  }
  set out [read $fd]
  if {[catch {close $fd} msg opts]} {
    set code [dict get $opts -errorcode]
    switch -- [lindex $code 0] {
      CHILDSTATUS { set status [lindex $code 2] }
      CHILDKILLED { set status "signal [lindex $code 2]" }
      default     { set status "error: $msg" }
    }
  }
  set err [read_file $errFile 1]
  file delete $errFile
  dict create status $status stdout [encoding convertfrom utf-8 $out] \
      stderr [encoding convertfrom utf-8 $err]
}

proc ipu_opt {args} { run [ipu_bin ipu-opt] {*}$args }

# True if `stderr` starts with a located error about `file` in MLIR's
# shape: `FILE:LINE:COL: error: message`.
proc is_located_error {stderr file} {
  set first [lindex [split $stderr \n] 0]
  set prefix "$file:"
  if {[string first $prefix $first] != 0} { return 0 }
  regexp {^\d+:\d+: error: .} [string range $first [string length $prefix] end]
}

# ---- Test shorthands (SQLite style) ------------------------------------------

proc do_test {name script expected} {
  uplevel 1 [list test $name {} $script $expected]
}

proc finish_test {} {
  tcltest::cleanupTests
}
