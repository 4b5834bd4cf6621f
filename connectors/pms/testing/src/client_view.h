#pragma once

#include "chansync/core/error.h"
#include "chansync/pms/json_wire.h"

namespace chansync::pms::testing {

// The error the curl clients report when the PMS answers this book error over HTTP: the twins
// fail as the real clients would for the same answer.
inline core::Error AsClientSees(const core::Error& error, bool not_found_is_not_found = false) {
  const wire::HttpError http = wire::HttpErrorFor(error.code);
  core::Error seen =
      wire::ClassifyFailure(http.status, wire::EncodeError(http.code, error.message));
  if (not_found_is_not_found && http.status == 404) seen.code = core::ErrorCode::kNotFound;
  return seen;
}

template <typename T>
core::Result<T> Seen(core::Result<T> result, bool not_found_is_not_found = false) {
  if (result) return result;
  return std::unexpected(AsClientSees(result.error(), not_found_is_not_found));
}

}  // namespace chansync::pms::testing
