// One change of a plan as API calls: create, reset/edit or delete of a job or a pipeline,
// then its permissions.
#pragma once

#include "bundlectl/deploy/apply.h"

namespace bundlectl::deploy {

// Makes the calls of one create, update or delete and records the result in `recorder`.
// Throws whatever the API throws; the state is recorded only after a call succeeded.
ActionOutcome perform_change(api::Workspace& workspace, const PlannedChange& change,
                             StateRecorder& recorder);

}  // namespace bundlectl::deploy
