// The notification routes: the Notification Destinations API (/api/2.0/notification-destinations,
// what webhook_notifications name by id) and the emulator's own list of recorded events
// (GET /api/2.0/emulator/notifications).
#pragma once

#include <nlohmann/json.hpp>

#include "emulator/api_context.h"
#include "emulator/notification_store.h"

namespace bundlectl::emulator {

void add_notification_routes(Router& router, ApiContext& context, NotificationStore& notifications);

// A stored destination as the API shows it: input-only fields (URLs, tokens, passwords)
// become `<field>_set`; with `with_config` false, only id, display_name and destination_type.
nlohmann::json destination_to_api(const nlohmann::json& stored, bool with_config);

}  // namespace bundlectl::emulator
