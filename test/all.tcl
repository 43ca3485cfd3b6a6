# The test driver: runs every lit-style file under test/ (each `RUN:` line is
# a tcltest test), every unit-test executable and every Tcl test script.
#
#   ipu-testfixture test/all.tcl ?-build DIR? ?-match PATTERN? ?-skip PATTERN?
#                  ?-file GLOB? ?-j N? ?-timeout SECONDS? ?-verbose LEVEL?
#
# -match/-skip are glob patterns on test names (a lit file's RUN lines are
# named `<path relative to test/>-<n>`, unit tests `unit/<name>`; patterns
# matching a lit file's path select all its lines). -file selects files by
# their path relative to test/. The run ends with the line
# `N passed, N failed` (`, N skipped` when some were) and exits nonzero when
# anything failed. Lit semantics followed: RUN lines run through a shell with
# pipefail on (lit's default), `\` continues a RUN line, %s %S %p %t %T %%
# and friends are substituted, XFAIL/UNSUPPORTED/REQUIRES are honoured, and
# tools are found on PATH = BUILD/bin, /usr/lib/llvm-19/bin, $PATH.

package require Tcl 8.6
package require tcltest 2.5

namespace eval ::harness {
  variable testDir [file dirname [file normalize [info script]]]
  variable buildDir ""
  variable match {}
  variable skip {}
  variable fileGlobs {}
  variable maxJobs 2
  variable timeout 900
  variable verbose ""
  variable llvmBin /usr/lib/llvm-19/bin
  variable features {}
  variable queue {}        ;# jobs waiting for a slot
  variable running 0       ;# jobs holding a slot
  variable finished 0      ;# set when every job is done
  variable child [dict create passed 0 failed 0 skipped 0]
  variable verdict         ;# array: test name -> "ok" or why it failed
  variable job             ;# array: job id -> job dict
  variable nextJob 0
}

proc ::harness::usage {msg} {
  puts stderr "all.tcl: $msg"
  puts stderr "usage: ipu-testfixture test/all.tcl ?-build DIR? ?-match PATTERN?\
               ?-skip PATTERN? ?-file GLOB? ?-j N? ?-timeout SECONDS?\
               ?-verbose LEVEL?"
  exit 2
}

proc ::harness::parseArgs {argv} {
  variable buildDir; variable match; variable skip; variable fileGlobs
  variable maxJobs; variable timeout; variable verbose
  for {set i 0} {$i < [llength $argv]} {incr i} {
    set opt [lindex $argv $i]
    if {$i + 1 >= [llength $argv]} { usage "option $opt needs a value" }
    set val [lindex $argv [incr i]]
    switch -- $opt {
      -build   { set buildDir [file normalize $val] }
      -match   { lappend match {*}$val }
      -skip    { lappend skip {*}$val }
      -file    { lappend fileGlobs {*}$val }
      -j       { set maxJobs $val }
      -timeout { set timeout $val }
      -verbose { set verbose $val }
      default  { usage "unknown option $opt" }
    }
  }
  if {![string is integer -strict $maxJobs] || $maxJobs < 1} {
    usage "-j needs a positive integer"
  }
  if {$buildDir eq ""} {
    # ipu-testfixture lives in BUILD/bin.
    set exe [file normalize [info nameofexecutable]]
    if {[file tail [file dirname $exe]] eq "bin" &&
        [file exists [file join [file dirname $exe] ipu-opt]]} {
      set buildDir [file dirname [file dirname $exe]]
    } elseif {[info exists ::env(IPU_BUILD_DIR)]} {
      set buildDir [file normalize $::env(IPU_BUILD_DIR)]
    } else {
      usage "cannot tell the build directory: give -build DIR"
    }
  }
}

# ---- Selection ----------------------------------------------------------

proc ::harness::globMatch {patterns name} {
  foreach p $patterns {
    if {[string match $p $name]} { return 1 }
  }
  return 0
}

# Whether a test (or a file, named by `alsoName`) is selected by -match and
# not removed by -skip.
proc ::harness::selected {name {alsoName ""}} {
  variable match; variable skip
  set names [list $name]
  if {$alsoName ne ""} { lappend names $alsoName }
  foreach n $names {
    if {[globMatch $skip $n]} { return 0 }
  }
  if {![llength $match]} { return 1 }
  foreach n $names {
    if {[globMatch $match $n]} { return 1 }
  }
  return 0
}

proc ::harness::fileSelected {rel} {
  variable fileGlobs
  expr {![llength $fileGlobs] || [globMatch $fileGlobs $rel]}
}

# Files under test/ whose names match one of `patterns`, as sorted paths
# relative to test/. Inputs/ folders hold data for other tests (as in lit),
# tclext/ the fixture's C sources.
proc ::harness::findFiles {patterns} {
  variable testDir
  set found {}
  set dirs [list $testDir]
  while {[llength $dirs]} {
    set dirs [lassign $dirs dir]
    foreach path [glob -nocomplain -directory $dir *] {
      set tail [file tail $path]
      if {[string match .* $tail]} continue
      if {[file isdirectory $path]} {
        if {$tail ni {Inputs tclext}} { lappend dirs $path }
        continue
      }
      if {[globMatch $patterns $tail]} {
        lappend found [string range $path [string length $testDir/] end]
      }
    }
  }
  lsort $found
}

# ---- Lit-style files ----------------------------------------------------

# Reads the directives of a lit-style file as lit does: a keyword anywhere on
# a line, `\` at the end of a RUN line continues it on the next RUN line.
# Returns a dict: run (list of {lineNumber command}), xfail, unsupported,
# requires (lists of feature expressions).
proc ::harness::parseLitFile {path} {
  set fd [open $path rb]
  set data [read $fd]
  close $fd
  set info [dict create run {} xfail {} unsupported {} requires {}]
  set lineNo 0
  set pending ""
  set pendingLine 0
  foreach line [split $data \n] {
    incr lineNo
    if {![regexp {(RUN|XFAIL|UNSUPPORTED|REQUIRES):(.*)$} $line -> key rest]} {
      continue
    }
    set rest [string trimright $rest]
    switch -- $key {
      RUN {
        if {$pending ne ""} {
          set pending "[string range $pending 0 end-1]$rest"
        } else {
          set pending $rest
          set pendingLine $lineNo
        }
        if {[string index $pending end] ne "\\"} {
          dict lappend info run [list $pendingLine [string trim $pending]]
          set pending ""
        }
      }
      XFAIL       { dict lappend info xfail {*}[split $rest ,] }
      UNSUPPORTED { dict lappend info unsupported {*}[split $rest ,] }
      REQUIRES    { dict lappend info requires {*}[split $rest ,] }
    }
  }
  if {$pending ne ""} {
    dict lappend info run [list $pendingLine [string trim [string range $pending 0 end-1]]]
  }
  return $info
}

# A lit feature expression: names, `!`, `&&`, `||`, parentheses, `*`.
proc ::harness::featureTrue {expr} {
  variable features
  set expr [string trim $expr]
  if {$expr eq "*"} { return 1 }
  set tcl [regsub -all {[A-Za-z0-9_.+-]+} $expr {[::harness::hasFeature {&}]}]
  if {[catch {expr $tcl} value]} { return 0 }
  return $value
}

proc ::harness::hasFeature {name} {
  variable features
  expr {$name in $features}
}

proc ::harness::anyFeature {exprs} {
  foreach e $exprs {
    if {[string trim $e] ne "" && [featureTrue $e]} { return 1 }
  }
  return 0
}

# lit's substitutions, done in a single left-to-right scan so that a
# substituted path is never substituted again.
proc ::harness::substitute {command subs} {
  set out ""
  set i 0
  set n [string length $command]
  while {$i < $n} {
    set j [string first % $command $i]
    if {$j < 0} {
      append out [string range $command $i end]
      break
    }
    append out [string range $command $i [expr {$j - 1}]]
    set rest [string range $command $j end]
    set hit ""
    foreach key [dict keys $subs] {
      if {[string equal -length [string length $key] $key $rest] &&
          [string length $key] > [string length $hit]} {
        set hit $key
      }
    }
    if {$hit eq ""} {
      append out %
      set i [expr {$j + 1}]
    } else {
      append out [dict get $subs $hit]
      set i [expr {$j + [string length $hit]}]
    }
  }
  return $out
}

proc ::harness::litSubstitutions {rel} {
  variable testDir; variable buildDir
  set source [file join $testDir $rel]
  set sourceDir [file dirname $source]
  set tmpDir [file join $buildDir test-output [file dirname $rel] Output]
  set tmpBase [file join $tmpDir [file tail $rel]]
  set subs [dict create %% % %{pathsep} : %basename_t [file tail $tmpBase]]
  foreach {letter path} [list s $source S $sourceDir p $sourceDir \
                             t $tmpBase.tmp T $tmpDir] {
    dict set subs %$letter $path
    dict set subs %/$letter $path
    dict set subs "%{$letter:real}" $path
    dict set subs "%{/$letter:real}" $path
  }
  return [list $subs $tmpDir]
}

proc ::harness::addLitFile {rel} {
  variable testDir; variable buildDir; variable timeout
  set info [parseLitFile [file join $testDir $rel]]
  set runs [dict get $info run]
  if {![llength $runs]} return
  lassign [litSubstitutions $rel] subs tmpDir
  file mkdir $tmpDir
  set workDir [file dirname $tmpDir]

  set skipWhy ""
  if {[anyFeature [dict get $info unsupported]]} {
    set skipWhy unsupported
  }
  foreach r [dict get $info requires] {
    if {[string trim $r] ne "" && ![featureTrue $r]} { set skipWhy requires }
  }
  set xfail [anyFeature [dict get $info xfail]]

  set steps {}
  set n 0
  foreach run $runs {
    lassign $run lineNo command
    set name $rel-[incr n]
    if {$xfail ? ![selected $rel] : ![selected $name $rel]} continue
    if {$skipWhy ne ""} {
      skipTest $name $skipWhy
      continue
    }
    set command [substitute $command $subs]
    lappend steps [list $name [shellCommand $command] $workDir \
                       "$rel:$lineNo: RUN: $command"]
  }
  if {![llength $steps]} return
  if {$xfail} {
    addJob $steps [list ::harness::finishXfail $rel]
  } else {
    addJob $steps [list ::harness::finishRunLine]
  }
}

# The command that runs one RUN line: bash with pipefail (lit's default for
# its shell), under a time limit so that a hang fails one test only.
proc ::harness::shellCommand {command} {
  variable timeout
  set cmd [list /bin/bash -c "set -o pipefail; $command"]
  if {[auto_execok timeout] ne ""} {
    set cmd [list timeout -k 10 $timeout {*}$cmd]
  }
  return $cmd
}

proc ::harness::finishRunLine {step status output} {
  lassign $step name - - what
  if {$status eq "0"} {
    record $name ok
  } else {
    record $name "$what\nexit status: $status\n$output"
  }
}

# An XFAIL file is one test: it passes when some RUN line failed.
proc ::harness::finishXfail {rel step status output} {
  variable xfailState
  lassign $step name - - what
  if {![info exists xfailState($rel)]} { set xfailState($rel) 0 }
  if {$status ne "0"} { set xfailState($rel) 1 }
}

proc ::harness::record {name result} {
  variable verdict
  set verdict($name) $result
  tcltest::test $name {} -body [list ::harness::outcome $name] -result ok
}

# The body of a recorded test: "ok", or the command, status and output.
proc ::harness::outcome {name} {
  variable verdict
  return $verdict($name)
}

proc ::harness::skipTest {name why} {
  tcltest::testConstraint $why 0
  tcltest::test $name {} -constraints $why -body {} -result {}
}

# ---- Jobs: processes run a few at a time --------------------------------
#
# A job is a list of steps run one after the other (the RUN lines of one
# file share %t); `onStep` is called with each step, its exit status and
# output, `onDone` when the job is over.

proc ::harness::addJob {steps onStep {onDone {}}} {
  variable job; variable nextJob; variable queue
  set id [incr nextJob]
  set job($id) [dict create steps $steps i 0 onStep $onStep onDone $onDone \
                    output ""]
  lappend queue $id
}

proc ::harness::startJobs {} {
  variable queue; variable running; variable maxJobs; variable finished
  while {$running < $maxJobs && [llength $queue]} {
    set queue [lassign $queue id]
    incr running
    startStep $id
  }
  if {$running == 0 && ![llength $queue]} { set finished 1 }
}

proc ::harness::startStep {id} {
  variable job
  set step [lindex [dict get $job($id) steps] [dict get $job($id) i]]
  lassign $step name cmd dir
  dict set job($id) output ""
  set here [pwd]
  cd $dir
  if {[catch {open |[list {*}$cmd < /dev/null 2>@1] rb} fd]} {
    cd $here
    after 0 [list ::harness::stepDone $id 127 "cannot run: $fd"]
    return
  }
  cd $here
  fconfigure $fd -blocking 0
  fileevent $fd readable [list ::harness::readStep $id $fd]
}

proc ::harness::readStep {id fd} {
  variable job
  set data [read $fd]
  if {$data ne ""} {
    set out [dict get $job($id) output]
    append out $data
    # Keep the end: that is where the interesting part of a failure is.
    if {[string length $out] > 65536} {
      set out "...\n[string range $out end-60000 end]"
    }
    dict set job($id) output $out
  }
  if {![eof $fd]} return
  fconfigure $fd -blocking 1
  set status 0
  if {[catch {close $fd} msg opts]} {
    set code [dict get $opts -errorcode]
    switch -- [lindex $code 0] {
      CHILDSTATUS { set status [lindex $code 2] }
      CHILDKILLED { set status "killed by [lindex $code 2]" }
      default     { set status "error: $msg" }
    }
  }
  stepDone $id $status [encoding convertfrom utf-8 [dict get $job($id) output]]
}

proc ::harness::stepDone {id status output} {
  variable job; variable running
  set steps [dict get $job($id) steps]
  set i [dict get $job($id) i]
  if {[catch {{*}[dict get $job($id) onStep] [lindex $steps $i] $status $output} msg]} {
    puts stderr "all.tcl: internal error after [lindex $steps $i 0]: $msg"
  }
  dict incr job($id) i
  if {$i + 1 < [llength $steps]} {
    startStep $id
    return
  }
  set onDone [dict get $job($id) onDone]
  unset job($id)
  incr running -1
  if {[llength $onDone]} { {*}$onDone }
  startJobs
}

# ---- Unit tests and Tcl scripts -----------------------------------------

proc ::harness::addUnitTests {} {
  variable buildDir
  foreach exe [lsort [glob -nocomplain -directory [file join $buildDir bin] unit-*]] {
    if {![file executable $exe] || [file isdirectory $exe]} continue
    set name unit/[string range [file tail $exe] 5 end]
    if {![selected $name]} continue
    set dir [file join $buildDir test-output unit]
    file mkdir $dir
    addJob [list [list $name [shellCommand [list $exe]] $dir $exe]] \
        ::harness::finishRunLine
  }
}

# Each Tcl script runs in its own ipu-testfixture process: a crash then
# fails that script alone, and scripts run in parallel. The counts come from
# tcltest's summary line.
proc ::harness::addTclScript {rel} {
  variable testDir; variable buildDir; variable match; variable skip
  variable verbose; variable timeout
  # -match/-skip travel in the environment (see tester.tcl), so that tests
  # they leave out are not counted as skipped.
  set args {}
  if {$verbose ne ""} { lappend args -verbose $verbose }
  # The scripts need the ipu:: commands even when all.tcl runs in a tclsh.
  set fixture [file join $buildDir bin ipu-testfixture]
  if {![file executable $fixture]} { set fixture [info nameofexecutable] }
  set cmd [list $fixture [file join $testDir $rel] {*}$args]
  if {[auto_execok timeout] ne ""} {
    set cmd [list timeout -k 10 $timeout {*}$cmd]
  }
  set dir [file join $buildDir test-output tcl]
  file mkdir $dir
  addJob [list [list $rel $cmd $dir $rel]] ::harness::finishTclScript
}

proc ::harness::finishTclScript {step status output} {
  variable child
  lassign $step rel
  puts -nonewline $output
  if {[string index $output end] ne "\n" && $output ne ""} { puts "" }
  if {![regexp {Total\s+(\d+)\s+Passed\s+(\d+)\s+Skipped\s+(\d+)\s+Failed\s+(\d+)} \
            $output -> total passed skipped failed]} {
    puts "==== $rel did not finish (exit status $status)"
    dict incr child failed
    return
  }
  dict incr child passed $passed
  dict incr child skipped $skipped
  dict incr child failed $failed
  if {$status ne "0" && $failed == 0} {
    # Its tests passed but the process did not end cleanly (a leak report
    # under LeakSanitizer, say).
    puts "==== $rel exited with status $status after its tests"
    dict incr child failed
  }
}

# ---- Main ----------------------------------------------------------------

proc ::harness::setupEnvironment {} {
  variable buildDir; variable llvmBin; variable features
  set path [list [file join $buildDir bin] $llvmBin]
  if {[info exists ::env(PATH)]} { lappend path $::env(PATH) }
  set ::env(PATH) [join $path :]
  set ::env(IPU_BUILD_DIR) $buildDir
  set ::env(IPU_TEST_DIR) $::harness::testDir
  set ::env(IPU_TEST_MATCH) $::harness::match
  set ::env(IPU_TEST_SKIP) $::harness::skip
  # Sanitizer reports must fail a test even under `not`, which only forgives
  # a plain nonzero exit: make them abort.
  if {![info exists ::env(ASAN_OPTIONS)]} {
    set ::env(ASAN_OPTIONS) abort_on_error=1:detect_leaks=1:disable_coredump=1
  }
  if {![info exists ::env(UBSAN_OPTIONS)]} {
    set ::env(UBSAN_OPTIONS) halt_on_error=1:abort_on_error=1:print_stacktrace=1
  }
  lappend features linux $::tcl_platform(machine)
  if {[file executable [file join $llvmBin mlir-opt]]} { lappend features mlir-opt }
  set cache [file join $buildDir CMakeCache.txt]
  if {[file exists $cache]} {
    set fd [open $cache]
    set text [read $fd]
    close $fd
    if {[regexp -line {^IPU_SANITIZE:BOOL=(ON|1|TRUE)$} $text]} {
      lappend features asan ubsan
    }
  }
}

proc ::harness::main {argv} {
  variable verbose; variable finished; variable child; variable xfailState
  parseArgs $argv
  setupEnvironment
  tcltest::configure -testdir $::harness::testDir
  if {$verbose ne ""} { tcltest::configure -verbose $verbose }

  foreach rel [findFiles {*.mlir *.ir}] {
    if {[fileSelected $rel]} { addLitFile $rel }
  }
  if {[fileSelected unit]} { addUnitTests }
  foreach rel [findFiles {*.test}] {
    if {[fileSelected $rel]} { addTclScript $rel }
  }
  startJobs
  if {!$finished} { vwait ::harness::finished }

  foreach rel [lsort [array names xfailState]] {
    if {$xfailState($rel)} {
      record $rel ok
    } else {
      record $rel "XPASS: every RUN line passed but the file is XFAIL"
    }
  }
  set passed [expr {$tcltest::numTests(Passed) + [dict get $child passed]}]
  set failed [expr {$tcltest::numTests(Failed) + [dict get $child failed]}]
  set skipped [expr {$tcltest::numTests(Skipped) + [dict get $child skipped]}]
  set line "$passed passed, $failed failed"
  if {$skipped > 0} { append line ", $skipped skipped" }
  puts $line
  flush stdout
  exit [expr {$failed > 0}]
}

::harness::main $::argv
