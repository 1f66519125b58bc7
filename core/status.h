// Errors as values. Every fallible function in kb returns a Status or a Result<T>; exceptions
// from Xapian, yaml-cpp and JSON are caught in the one file that wraps each library.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace kb {

// What kind of failure, independent of transport. The HTTP layer maps these to status codes in
// exactly one function (server/http/http_status.cc).
enum class StatusCode {
  kOk,
  kInvalidArgument,     // the caller sent something unusable; the message says how to fix it
  kNotFound,            // the thing asked for does not exist (or is not visible to this caller)
  kFailedPrecondition,  // the system is not in a state to do this (e.g. index schema mismatch)
  kUnavailable,         // try again later (e.g. no index yet, database busy)
  kResourceExhausted,   // a rate or capacity limit was hit (queue full): try again later
  kTooLarge,            // the input is bigger than allowed
  kUnauthenticated,     // the caller did not prove who it is (a missing or wrong token)
  kNotAllowed,          // this operation is not supported on this resource (a wrong method)
  kInternal,            // a bug or an unexpected library failure
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  // `reason` is a short machine-readable token ("query_too_long"); `message` is for people and
  // says what was wrong and how to fix it.
  Status(StatusCode code, std::string reason, std::string message)
      : code_(code), reason_(std::move(reason)), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string reason, std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(reason), std::move(message));
  }
  static Status NotFound(std::string reason, std::string message) {
    return Status(StatusCode::kNotFound, std::move(reason), std::move(message));
  }
  static Status FailedPrecondition(std::string reason, std::string message) {
    return Status(StatusCode::kFailedPrecondition, std::move(reason), std::move(message));
  }
  static Status Unavailable(std::string reason, std::string message) {
    return Status(StatusCode::kUnavailable, std::move(reason), std::move(message));
  }
  static Status ResourceExhausted(std::string reason, std::string message) {
    return Status(StatusCode::kResourceExhausted, std::move(reason), std::move(message));
  }
  static Status TooLarge(std::string reason, std::string message) {
    return Status(StatusCode::kTooLarge, std::move(reason), std::move(message));
  }
  static Status Unauthenticated(std::string reason, std::string message) {
    return Status(StatusCode::kUnauthenticated, std::move(reason), std::move(message));
  }
  static Status NotAllowed(std::string reason, std::string message) {
    return Status(StatusCode::kNotAllowed, std::move(reason), std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, "internal", std::move(message));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string reason_;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace kb
