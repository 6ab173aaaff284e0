#pragma once
// Exit codes of cimc and cimsim (documented in README.md).

#include "cim/support/status.h"

namespace cim {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;        // bad command line
inline constexpr int kExitInput = 3;        // unreadable, malformed or invalid input file or config
inline constexpr int kExitUnsupported = 4;  // valid model the toolchain cannot handle
inline constexpr int kExitInternal = 5;     // a bug of ours

/// The exit code for a failed status.
inline int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kUnsupported: return kExitUnsupported;
    case StatusCode::kInternal: return kExitInternal;
    default: return kExitInput;
  }
}

}  // namespace cim
