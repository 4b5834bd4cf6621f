#include "planning_estate.h"

#include <httplib.h>
#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>

#include "chansync/core/local_time.h"

namespace chansync::loadgen {

std::string PlanningPropertyName(int index) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "pl%04d", index);
  return buffer;
}

std::string PlanningPmsProduct(int index) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "p%02d", index);
  return buffer;
}

std::string PlanningChannelProduct(int index) {
  return std::string(kPlanningChannel) + "-" + PlanningPmsProduct(index);
}

bool IsPlanningProperty(const std::string& property) {
  return property.size() > 2 && property.starts_with("pl") &&
         property.find_first_not_of("0123456789", 2) == std::string::npos;
}

core::CivilDate PlanningToday() {
  return *core::LocalDateAt(std::chrono::system_clock::now(), kPlanningTimezone);
}

struct PortalReader::Impl {
  explicit Impl(const std::string& base_url) : client(base_url) {
    client.set_keep_alive(true);
    client.set_connection_timeout(std::chrono::seconds(2));
    client.set_read_timeout(std::chrono::seconds(10));
  }

  core::Result<rapidjson::Document> GetJson(const std::string& path) {
    auto answer = client.Get(path);
    if (!answer) {
      return core::Fail(core::ErrorCode::kChannelUnavailable,
                        "portalsim " + path + ": " + httplib::to_string(answer.error()));
    }
    if (answer->status != 200) {
      return core::Fail(core::ErrorCode::kChannelUnavailable, "portalsim " + path + " answered " +
                                                                  std::to_string(answer->status) +
                                                                  ": " + answer->body);
    }
    rapidjson::Document doc;
    doc.Parse(answer->body.c_str(), answer->body.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      return core::Fail(core::ErrorCode::kInternal, "portalsim " + path + ": unreadable answer");
    }
    return doc;
  }

  httplib::Client client;
};

PortalReader::PortalReader(const std::string& base_url) : impl_(std::make_unique<Impl>(base_url)) {}

PortalReader::~PortalReader() = default;

core::Result<std::vector<PortalNight>> PortalReader::Nights(const std::string& property,
                                                            const std::string& product,
                                                            core::CivilDate from,
                                                            core::CivilDate to) {
  const std::string path = "/admin/planning?channel=" + std::string(kPlanningChannel) +
                           "&property=" + property + "&product=" + product +
                           "&from=" + from.ToString() + "&to=" + to.ToString();
  ASSIGN_OR_RETURN(auto doc, impl_->GetJson(path));
  if (!doc.HasMember("nights") || !doc["nights"].IsArray()) {
    return core::Fail(core::ErrorCode::kInternal, "portalsim " + path + ": no nights");
  }
  std::vector<PortalNight> nights;
  for (const auto& night : doc["nights"].GetArray()) {
    if (!night.IsObject() || !night.HasMember("date") || !night["date"].IsString() ||
        !night.HasMember("free") || !night["free"].IsInt() || !night.HasMember("received_at_us") ||
        !night["received_at_us"].IsInt64()) {
      return core::Fail(core::ErrorCode::kInternal, "portalsim " + path + ": unreadable night");
    }
    ASSIGN_OR_RETURN(auto date, core::CivilDate::Parse(night["date"].GetString()));
    nights.push_back({date, night["free"].GetInt(), night["received_at_us"].GetInt64()});
  }
  return nights;
}

core::Result<int64_t> PortalReader::Cells() {
  ASSIGN_OR_RETURN(auto doc, impl_->GetJson("/admin/stats"));
  if (!doc.HasMember("cells") || !doc["cells"].IsInt64()) {
    return core::Fail(core::ErrorCode::kInternal, "portalsim /admin/stats: no cells");
  }
  return doc["cells"].GetInt64();
}

}  // namespace chansync::loadgen
