// Status and StatusOr: error values for code paths that read untrusted input.
// Errors are values, not exceptions, so every caller sees where input can fail.
#ifndef MAPWARDEN_BASE_STATUS_H_
#define MAPWARDEN_BASE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace mw {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // bad flag, bad pattern: a usage error
  kNotFound,           // a missing file or endpoint
  kDataLoss,           // corrupt or truncated input
  kResourceExhausted,  // a size limit was hit (gzip bombs, huge inputs)
  kUnimplemented,
  kInternal,
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is prefixed with `context: `.
  Status WithContext(const std::string& context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

Status InvalidArgument(std::string message);
Status NotFound(std::string message);
Status DataLoss(std::string message);
Status ResourceExhausted(std::string message);
Status Internal(std::string message);

template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok());
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

#define MW_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::mw::Status mw_status_ = (expr);        \
    if (!mw_status_.ok()) return mw_status_; \
  } while (0)

}  // namespace mw

#endif  // MAPWARDEN_BASE_STATUS_H_
