#pragma once
// Internal invariants. A user's mistake is a Status; a broken invariant is our
// bug and fails loudly with file:line (Halide's internal_assert).

#include <cstdio>
#include <cstdlib>

#define CIM_CHECK(cond)                                                              \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "internal error: %s:%d: check failed: %s\n", __FILE__,   \
                   __LINE__, #cond);                                                 \
      std::abort();                                                                  \
    }                                                                                \
  } while (0)
