/* The checks the C unit tests share: CHECK counts a passed or failed
 * condition and reports failures with their line; main prints the totals. */
#ifndef IPU_UNIT_TEST_H
#define IPU_UNIT_TEST_H

#include <stdio.h>

/* One test program per file, so file-static counters are the whole run. */
static int passed, failed;

#define CHECK(cond) CHECK_MSG(cond, "%s", #cond)
#define CHECK_MSG(cond, ...)                                                   \
  do {                                                                         \
    if (cond) {                                                                \
      ++passed;                                                                \
    } else {                                                                   \
      ++failed;                                                                \
      fprintf(stderr, "%s:%d: check failed: ", __FILE__, __LINE__);            \
      fprintf(stderr, __VA_ARGS__);                                            \
      fprintf(stderr, "\n");                                                   \
    }                                                                          \
  } while (0)

#endif
