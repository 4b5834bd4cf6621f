#include "chansync/channel/planning_wire.h"

#include <algorithm>
#include <set>

#include "chansync/core/error_json.h"
#include "chansync/core/ids.h"
#include "chansync/core/json_fields.h"

namespace chansync::channel::wire {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Result;
using Value = rapidjson::Value;
namespace json = core::json;

std::unexpected<core::Error> Bad(const std::string& field, std::string_view why) {
  return Fail(ErrorCode::kInvalidArgument, field + " " + std::string(why));
}

Result<std::string> StringField(const Value& object, const char* name, const std::string& path) {
  const Value* value = json::Find(object, name);
  const std::string field = path.empty() ? name : path + "." + name;
  if (value == nullptr) return Bad(field, "is required");
  if (!value->IsString()) return Bad(field, "must be a string");
  return std::string(value->GetString(), value->GetStringLength());
}

Result<std::string> IdField(const Value& object, const char* name, const std::string& path) {
  auto text = StringField(object, name, path);
  if (!text) return text;
  const std::string field = path.empty() ? name : path + "." + name;
  RETURN_IF_ERROR(core::ValidateId(field, *text));
  return text;
}

Result<core::PlanningRun> DecodeRun(const Value& value, const std::string& path) {
  if (!value.IsObject()) return Bad(path, "must be an object");
  ASSIGN_OR_RETURN(auto from_text, StringField(value, "from", path));
  auto from = core::CivilDate::Parse(from_text);
  if (!from) return Bad(path + ".from", "\"" + from_text + "\" is not a date (YYYY-MM-DD)");
  const Value* free = json::Find(value, "free");
  if (free == nullptr) return Bad(path + ".free", "is required");
  if (!free->IsArray() || free->Empty()) return Bad(path + ".free", "must be a non-empty array");
  core::PlanningRun run{*from, {}};
  run.free_units.reserve(free->Size());
  for (rapidjson::SizeType i = 0; i < free->Size(); ++i) {
    const Value& cell = (*free)[i];
    if (!cell.IsInt() || cell.GetInt() < 0) {
      return Bad(path + ".free[" + std::to_string(i) + "]", "must be an integer >= 0");
    }
    run.free_units.push_back(cell.GetInt());
  }
  return run;
}

Result<core::ProductPlanning> DecodeProduct(const Value& value, const std::string& path) {
  if (!value.IsObject()) return Bad(path, "must be an object");
  core::ProductPlanning product;
  ASSIGN_OR_RETURN(auto id, IdField(value, "product", path));
  product.product = std::move(id);
  const Value* runs = json::Find(value, "runs");
  if (runs == nullptr || !runs->IsArray()) return Bad(path + ".runs", "must be an array");
  for (rapidjson::SizeType i = 0; i < runs->Size(); ++i) {
    const std::string run_path = path + ".runs[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(auto run, DecodeRun((*runs)[i], run_path));
    if (!product.runs.empty() && run.from < product.runs.back().to()) {
      return Bad(run_path + ".from", "overlaps or precedes the previous run");
    }
    product.runs.push_back(std::move(run));
  }
  return product;
}

}  // namespace

std::vector<core::PlanningPush> SplitPlanningPush(const core::PlanningPush& push,
                                                  int64_t max_cells) {
  const int64_t bound = std::max<int64_t>(max_cells, 1);
  std::vector<core::PlanningPush> requests;
  int64_t room = 0;  // cells still free in requests.back()
  for (const auto& product : push.products) {
    for (const auto& run : product.runs) {
      const int64_t size = static_cast<int64_t>(run.free_units.size());
      int64_t done = 0;
      while (done < size) {
        if (room == 0) {
          requests.push_back(core::PlanningPush{push.property, push.channel, {}});
          room = bound;
        }
        auto& products = requests.back().products;
        if (products.empty() || products.back().product != product.product) {
          products.push_back(core::ProductPlanning{product.product, {}});
        }
        const int64_t take = std::min(room, size - done);
        products.back().runs.push_back(core::PlanningRun{
            run.from.AddDays(done),
            std::vector<int>(run.free_units.begin() + done, run.free_units.begin() + done + take)});
        done += take;
        room -= take;
      }
    }
  }
  return requests;
}

std::string EncodePlanningPush(const core::PlanningPush& push) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::Key(w, "property");
  json::String(w, push.property);
  json::Key(w, "channel");
  json::String(w, push.channel);
  json::Key(w, "products");
  w.StartArray();
  for (const auto& product : push.products) {
    w.StartObject();
    json::Key(w, "product");
    json::String(w, product.product);
    json::Key(w, "runs");
    w.StartArray();
    for (const auto& run : product.runs) {
      w.StartObject();
      json::Key(w, "from");
      json::String(w, run.from.ToString());
      json::Key(w, "free");
      w.StartArray();
      for (int free : run.free_units) w.Int(free);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return json::Text(buffer);
}

Result<core::PlanningPush> DecodePlanningPush(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, json::ParseObject(json));
  core::PlanningPush push;
  ASSIGN_OR_RETURN(auto property, IdField(doc, "property", ""));
  push.property = std::move(property);
  ASSIGN_OR_RETURN(auto channel, IdField(doc, "channel", ""));
  push.channel = std::move(channel);
  const Value* products = json::Find(doc, "products");
  if (products == nullptr || !products->IsArray()) return Bad("products", "must be an array");
  std::set<std::string> seen;
  for (rapidjson::SizeType i = 0; i < products->Size(); ++i) {
    const std::string path = "products[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(auto product, DecodeProduct((*products)[i], path));
    if (!seen.insert(product.product).second) {
      return Bad(path + ".product", "\"" + product.product + "\" appears twice");
    }
    push.products.push_back(std::move(product));
  }
  return push;
}

std::string EncodeAccepted(int64_t cells) {
  return "{\"accepted_cells\":" + std::to_string(cells) + "}";
}

Result<int64_t> DecodeAccepted(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, json::ParseObject(json));
  const Value* cells = json::Find(doc, "accepted_cells");
  if (cells == nullptr || !cells->IsInt64() || cells->GetInt64() < 0) {
    return Bad("accepted_cells", "must be an integer >= 0");
  }
  return cells->GetInt64();
}

std::string EncodeError(std::string_view code, std::string_view message) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::Key(w, "error");
  w.StartObject();
  json::Key(w, "code");
  json::String(w, code);
  json::Key(w, "message");
  json::String(w, message);
  w.EndObject();
  w.EndObject();
  return json::Text(buffer);
}

Result<PortalError> DecodeError(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, json::ParseObject(json));
  const Value* error = json::Find(doc, "error");
  if (error == nullptr || !error->IsObject()) return Bad("error", "must be an object");
  ASSIGN_OR_RETURN(auto code, StringField(*error, "code", "error"));
  ASSIGN_OR_RETURN(auto message, StringField(*error, "message", "error"));
  return PortalError{std::move(code), std::move(message)};
}

}  // namespace chansync::channel::wire
