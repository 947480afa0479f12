// GitHub Actions workflow commands (`::error title=...::message`): the escaping the runner
// decodes. Used by validate's findings and by the runs commands' failed tasks.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
#pragma once

#include <string>

namespace bundlectl::core {

// %25, %0D and %0A in a command's message.
std::string escape_workflow_data(const std::string& text);
// Also %3A and %2C in its properties, where ':' and ',' would otherwise end the value.
std::string escape_workflow_property(const std::string& text);

}  // namespace bundlectl::core
