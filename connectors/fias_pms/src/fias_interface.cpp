#include "chansync/fias_pms/fias_interface.h"

namespace chansync::fias_pms {

core::Result<std::unique_ptr<FiasInterface>> FiasInterface::Start(
    core::PropertyId property, fias::LinkSettings settings, FiasSequences& sequences,
    FiasOutbox& outbox, const core::Clock& clock, FiasFolioClientOptions options) {
  std::unique_ptr<FiasInterface> running(new FiasInterface());
  GuestIndex& index = running->index_;
  ASSIGN_OR_RETURN(running->link_, fias::FiasLink::Make(std::move(settings), clock,
                                                        [&index](const fias::Record& event) {
                                                          index.Apply(event);
                                                        }));
  running->client_ = std::make_unique<FiasFolioClient>(std::move(property), *running->link_, index,
                                                       sequences, outbox, clock, options);
  running->link_->Start();
  return running;
}

FiasInterface::~FiasInterface() {
  // The link's thread calls into the index: it stops before either goes.
  if (link_) link_->Stop();
}

}  // namespace chansync::fias_pms
