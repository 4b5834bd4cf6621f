#pragma once

// The error model in one table: one row per code, and every mapping derives from it (the
// ErrorCode enum itself, CodeName, ParseCodeName, RetryClassOf, HttpStatusOf, CanonicalCodeOf,
// the gRPC status). Adding a code means adding one row here; nothing else can forget it.
//
// ROW(enumerator, name, canonical, retry, http, grpc):
//   enumerator  the ErrorCode value (kPascalCase)
//   name        stable API: travels over gRPC, HTTP and the CLI and is stored in the
//               integration log and refresh status, so never rename one
//   canonical   abseil's absl::StatusCode it belongs to (kUnavailable, kDeadlineExceeded,
//               kResourceExhausted, kAborted are transient; the others are not)
//   retry       RetryClass: retried (kRetryWithBackoff, or kRetryAfter when the error carries
//               its own hint) exactly when the canonical code is transient
//   http        the status an HTTP surface answers with (500 only for INTERNAL)
//   grpc        the grpc::StatusCode a gRPC service answers with
//
// The columns are checked against each other at compile time (core/src/error.cpp,
// core/src/canonical_code.cpp).
#define CHANSYNC_ERROR_CODES(ROW)                                                                 \
  ROW(kInvalidArgument, "INVALID_ARGUMENT", kInvalidArgument, kPermanent, 400, INVALID_ARGUMENT)  \
  ROW(kNotFound, "NOT_FOUND", kNotFound, kPermanent, 404, NOT_FOUND)                              \
  ROW(kAlreadyExists, "ALREADY_EXISTS", kAlreadyExists, kPermanent, 409, ALREADY_EXISTS)          \
  /* a compare-and-set lost to a concurrent writer: re-read and try again */                      \
  ROW(kConflict, "CONFLICT", kAborted, kRetryWithBackoff, 409, ABORTED)                           \
  ROW(kProductNotLinked, "PRODUCT_NOT_LINKED", kFailedPrecondition, kPermanent, 422,              \
      FAILED_PRECONDITION)                                                                        \
  ROW(kOptionNotLinked, "OPTION_NOT_LINKED", kFailedPrecondition, kPermanent, 422,                \
      FAILED_PRECONDITION)                                                                        \
  ROW(kProductAlreadyLinked, "PRODUCT_ALREADY_LINKED", kFailedPrecondition, kPermanent, 409,      \
      FAILED_PRECONDITION)                                                                        \
  ROW(kPmsProductAlreadyLinked, "PMS_PRODUCT_ALREADY_LINKED", kFailedPrecondition, kPermanent,    \
      409, FAILED_PRECONDITION)                                                                   \
  ROW(kOptionAlreadyLinked, "OPTION_ALREADY_LINKED", kFailedPrecondition, kPermanent, 409,        \
      FAILED_PRECONDITION)                                                                        \
  ROW(kPmsOptionAlreadyLinked, "PMS_OPTION_ALREADY_LINKED", kFailedPrecondition, kPermanent, 409, \
      FAILED_PRECONDITION)                                                                        \
  /* the PMS has no free unit for the stay: the booking cannot go in as it is */                  \
  ROW(kNoAvailability, "NO_AVAILABILITY", kFailedPrecondition, kPermanent, 409,                   \
      FAILED_PRECONDITION)                                                                        \
  ROW(kPmsUnavailable, "PMS_UNAVAILABLE", kUnavailable, kRetryWithBackoff, 503, UNAVAILABLE)      \
  ROW(kPmsRejected, "PMS_REJECTED", kFailedPrecondition, kPermanent, 422, FAILED_PRECONDITION)    \
  ROW(kInvalidReservation, "INVALID_RESERVATION", kInvalidArgument, kPermanent, 400,              \
      INVALID_ARGUMENT)                                                                           \
  ROW(kGatewayClassicMode, "GATEWAY_CLASSIC_MODE", kFailedPrecondition, kPermanent, 422,          \
      FAILED_PRECONDITION)                                                                        \
  ROW(kAwaitingOperator, "AWAITING_OPERATOR", kFailedPrecondition, kPermanent, 422,               \
      FAILED_PRECONDITION)                                                                        \
  ROW(kAlreadyIntegrated, "ALREADY_INTEGRATED", kFailedPrecondition, kPermanent, 409,             \
      FAILED_PRECONDITION)                                                                        \
  ROW(kStoreUnavailable, "STORE_UNAVAILABLE", kUnavailable, kRetryWithBackoff, 503, UNAVAILABLE)  \
  /* the store lost its declarations (properties, channels): nothing is accepted until they */    \
  /* are applied again, from the declarations file or by an admin */                              \
  ROW(kStoreNotReady, "STORE_NOT_READY", kUnavailable, kRetryWithBackoff, 503, UNAVAILABLE)       \
  /* an upstream (PMS, store) did not answer in time; the caller may try again */                 \
  ROW(kDeadlineExceeded, "DEADLINE_EXCEEDED", kDeadlineExceeded, kRetryWithBackoff, 503,          \
      DEADLINE_EXCEEDED)                                                                          \
  ROW(kInternal, "INTERNAL", kInternal, kPermanent, 500, INTERNAL)                                \
  /* no key, or one that is unknown, expired or revoked: which of them is never said */           \
  ROW(kUnauthenticated, "UNAUTHENTICATED", kUnauthenticated, kPermanent, 401, UNAUTHENTICATED)    \
  /* the key's role or scope does not cover the call; says nothing of what the call names */      \
  ROW(kPermissionDenied, "PERMISSION_DENIED", kPermissionDenied, kPermanent, 403,                 \
      PERMISSION_DENIED)                                                                          \
  /* the property turned availability re-check (level 2) off */                                   \
  ROW(kRecheckDisabled, "RECHECK_DISABLED", kFailedPrecondition, kPermanent, 422,                 \
      FAILED_PRECONDITION)                                                                        \
  /* a channel's planning endpoint could not be reached or failed (5xx) */                        \
  ROW(kChannelUnavailable, "CHANNEL_UNAVAILABLE", kUnavailable, kRetryWithBackoff, 503,           \
      UNAVAILABLE)                                                                                \
  /* a channel's planning endpoint refused what was pushed (4xx) */                               \
  ROW(kChannelRejected, "CHANNEL_REJECTED", kFailedPrecondition, kPermanent, 422,                 \
      FAILED_PRECONDITION)                                                                        \
  /* a channel pushed faster than its rate limit: try again after Error::retry_after */           \
  ROW(kRateLimited, "RATE_LIMITED", kResourceExhausted, kRetryAfter, 429, RESOURCE_EXHAUSTED)     \
  /* a PMS token cannot be stored or read: no secrets key configured, or not the key that */      \
  /* encrypted it */                                                                              \
  ROW(kSecretsNotConfigured, "SECRETS_NOT_CONFIGURED", kFailedPrecondition, kPermanent, 422,      \
      FAILED_PRECONDITION)                                                                        \
  /* a property cannot leave classic mode before one of its channel products is linked */         \
  ROW(kPropertyNotLinked, "PROPERTY_NOT_LINKED", kFailedPrecondition, kPermanent, 422,            \
      FAILED_PRECONDITION)                                                                        \
  /* a posting's revenue centre has no sales outlet in the property's mapping: never guessed; */  \
  /* forced again once the mapping is set */                                                      \
  ROW(kRevenueCentreNotMapped, "REVENUE_CENTRE_NOT_MAPPED", kFailedPrecondition, kPermanent, 422, \
      FAILED_PRECONDITION)                                                                        \
  /* a posting's payment type has no payment selector in the property's mapping */                \
  ROW(kPaymentTypeNotMapped, "PAYMENT_TYPE_NOT_MAPPED", kFailedPrecondition, kPermanent, 422,     \
      FAILED_PRECONDITION)                                                                        \
  /* a ticket may be voided on its own business date or the next one only */                      \
  ROW(kVoidWindowClosed, "VOID_WINDOW_CLOSED", kFailedPrecondition, kPermanent, 422,              \
      FAILED_PRECONDITION)                                                                        \
  /* the stay is not checked in, or does not allow charge transfers */                            \
  ROW(kStayNotChargeable, "STAY_NOT_CHARGEABLE", kFailedPrecondition, kPermanent, 422,            \
      FAILED_PRECONDITION)                                                                        \
  /* this service does not serve the call (the engine behind it is not part of this build or */   \
  /* configuration): calling again will not help */                                               \
  ROW(kUnimplemented, "UNIMPLEMENTED", kUnimplemented, kPermanent, 501, UNIMPLEMENTED)
