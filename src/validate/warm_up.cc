#include <thread>

#include "bundlectl/validate/validate.h"
#include "validate/schema_set.h"

namespace bundlectl::validate {

WarmUp::WarmUp() {
  if (std::thread::hardware_concurrency() < 2) return;  // it would only delay the load
  m_thread = std::thread([] {
    try {
      const SchemaSet& schemas = SchemaSet::instance();
      for (const char* type : {"jobs", "pipelines"}) {
        if (const SchemaSet::Resource* resource = schemas.resource(type)) resource->schema();
      }
    } catch (...) {
      // The schema check builds the same again and reports what went wrong there.
    }
  });
}

WarmUp::~WarmUp() {
  if (m_thread.joinable()) m_thread.join();
}

}  // namespace bundlectl::validate
