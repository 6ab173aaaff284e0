#pragma once
// Errors are values: library code returns Status or Result<T> and never exits
// or prints on a user error. Only the mains in cmd/ turn them into messages
// and exit codes.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace cim {

/// What went wrong, coarse enough to pick an exit code from.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad flag, config key or value
  kNotFound,         // a file, dataset, node or key that is not there
  kUnsupported,      // valid input we cannot handle (op, pattern, attribute)
  kCorruption,       // malformed file: bad magic, checksum, truncation
  kIOError,          // the OS refused a read or write
  kInternal,         // a bug of ours
};

/// Name of a status code ("InvalidArgument", ...), for messages and tests.
const char* StatusCodeName(StatusCode code);

/// Success or one error with a one-line message that says where, what was
/// expected and what was found.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  /// Returns this status with `prefix + ": "` in front of the message, e.g. a
  /// file name added by the caller that knows it.
  Status WithPrefix(const std::string& prefix) const;

  /// "InvalidArgument: cfg.json: /adc/bits = 0: must be in [1, 16]".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
inline Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
inline Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

/// A value or an error Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}                  // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}           // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  /// The error; Status::Ok() when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace cim

/// Returns early from the enclosing function if `expr` (a Status) failed.
#define CIM_RETURN_IF_ERROR(expr)               \
  do {                                          \
    ::cim::Status cim_status_ = (expr);         \
    if (!cim_status_.ok()) return cim_status_;  \
  } while (0)

#define CIM_CONCAT_INNER_(a, b) a##b
#define CIM_CONCAT_(a, b) CIM_CONCAT_INNER_(a, b)
/// `CIM_ASSIGN_OR_RETURN(auto x, F())`: binds the value or returns the error.
#define CIM_ASSIGN_OR_RETURN(lhs, expr) \
  CIM_ASSIGN_OR_RETURN_IMPL_(CIM_CONCAT_(cim_result_, __LINE__), lhs, expr)
#define CIM_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()
