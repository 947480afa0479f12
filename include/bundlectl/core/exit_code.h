// Process exit codes, one meaning each (see DESIGN.md). Only cli/main.cc turns them into an
// exit status; everything below returns them or throws the errors here.
#pragma once

#include <stdexcept>
#include <string>

namespace bundlectl::core {

enum class ExitCode : int {
  Success = 0,
  Failure = 1,           // validation errors, a failed API call, a failed operation
  Usage = 2,             // bad flags or arguments
  LockHeld = 3,          // the deploy lock belongs to someone else
  RunNotSuccessful = 4,  // a run ended, but not in SUCCESS
  Interrupted = 130,
};

// A mistake in how the command was called; printed as "Error: ..." with exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An operation that cannot go on; printed as "Error: ..." with exit code 1.
class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Someone else holds the deploy lock; printed as "Error: ..." with exit code 3.
class LockHeldError : public Failure {
 public:
  using Failure::Failure;
};

}  // namespace bundlectl::core
