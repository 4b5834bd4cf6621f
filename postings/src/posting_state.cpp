#include <array>
#include <utility>

#include "chansync/postings/posting_desk.h"
#include "enum_names.h"

namespace chansync::postings {
namespace {

constexpr std::array<std::pair<PostingState, std::string_view>, 3> kStateNames = {{
    {PostingState::kPending, "pending"},
    {PostingState::kPosted, "posted"},
    {PostingState::kFailed, "failed"},
}};

}  // namespace

std::string_view PostingStateName(PostingState state) { return NameIn(kStateNames, state); }

core::Result<PostingState> ParsePostingState(std::string_view text) {
  return ParseIn(kStateNames, "posting state", text);
}

}  // namespace chansync::postings
