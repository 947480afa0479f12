#include <thread>

#include "bundlectl/validate/validate.h"
#include "validate/schema_set.h"

namespace bundlectl::validate {

WarmUp::WarmUp() {
  if (std::thread::hardware_concurrency() < 2) return;  // it would only delay the load
  m_thread = std::thread([] {
    try {
      // Jobs only: nearly every bundle has some, and the other types are cheaper to compile
      // when the check finds them than to compile for bundles that have none.
      if (const SchemaSet::Resource* jobs = SchemaSet::instance().resource("jobs")) jobs->schema();
    } catch (...) {
      // The schema check builds the same again and reports what went wrong there.
    }
  });
}

WarmUp::~WarmUp() {
  if (m_thread.joinable()) m_thread.join();
}

}  // namespace bundlectl::validate
