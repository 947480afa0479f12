// Parsing Quartz cron expressions into the sets of values each field allows.
#include "validate/quartz_cron.h"

#include <cctype>
#include <vector>

#include "bundlectl/util/strings.h"

namespace bundlectl::validate {

namespace {

enum Field { Second, Minute, Hour, DayOfMonth, Month, DayOfWeek, Year };

struct FieldSpec {
  const char* name;
  int min, max;
};
constexpr FieldSpec k_fields[] = {{"second", 0, 59},       {"minute", 0, 59}, {"hour", 0, 23},
                                  {"day-of-month", 1, 31}, {"month", 1, 12},  {"day-of-week", 1, 7},
                                  {"year", 1970, 2099}};

constexpr const char* k_month_names[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                         "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr const char* k_day_names[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

bool is_number(std::string_view text) {
  if (text.empty() || text.size() > 9) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// One field's items, written into `allowed` (indexes are values) or into the special
// day-of-month and day-of-week settings of `expression`.
class FieldParser {
 public:
  FieldParser(Field field, CronExpression& expression, std::string& error)
      : m_field(field), m_spec(k_fields[field]), m_expression(expression), m_error(error) {}

  bool parse(std::string_view text, std::vector<bool>& allowed) {
    std::vector<std::string> items = util::split(text, ',');
    for (const std::string& item : items) {
      if (item.empty()) return fail("has an empty list item in " + util::quoted(text));
      if (item == "?" && items.size() > 1) {
        return fail("\"?\" cannot be combined with other values in a list");
      }
      bool special = is_special(item);
      if (special && items.size() > 1 && !(m_field == DayOfWeek && item == "L")) {
        return fail(util::quoted(item) + " cannot be combined with other values in a list");
      }
      if (!(special ? parse_special(item) : parse_item(item, allowed))) return false;
    }
    return true;
  }

 private:
  bool fail(const std::string& message) {
    m_error = std::string(m_spec.name) + " " + message;
    return false;
  }

  bool is_special(const std::string& item) const {
    if (m_field == DayOfMonth) return item.find_first_of("LW") != std::string::npos;
    if (m_field == DayOfWeek) {
      return item.find('#') != std::string::npos || (item.size() > 1 && item.back() == 'L');
    }
    return false;
  }

  // A number or (months, days of the week) a name; "L" alone is Saturday in day-of-week.
  bool value(const std::string& text, int& out) {
    if (is_number(text)) {
      out = std::stoi(text);
      if (out < m_spec.min || out > m_spec.max) {
        std::string hint = m_field == DayOfWeek ? " (1 = Sunday)" : "";
        return fail(text + " is out of range " + std::to_string(m_spec.min) + "-" +
                    std::to_string(m_spec.max) + hint);
      }
      return true;
    }
    if (m_field == DayOfWeek && text == "L") {
      out = 7;
      return true;
    }
    const char* const* names = m_field == Month ? k_month_names : k_day_names;
    int count = m_field == Month ? 12 : (m_field == DayOfWeek ? 7 : 0);
    for (int i = 0; i < count; ++i) {
      if (text == names[i]) {
        out = i + 1;
        return true;
      }
    }
    if (count == 0) return fail(util::quoted(text) + " is not a number");
    return fail(util::quoted(text) + " is not a " +
                std::string(m_field == Month ? "month name (JAN-DEC) or number 1-12"
                                             : "day name (SUN-SAT) or number 1-7"));
  }

  bool parse_item(const std::string& item, std::vector<bool>& allowed) {
    std::string range = item;
    int step = 0;
    if (std::size_t slash = item.find('/'); slash != std::string::npos) {
      range = item.substr(0, slash);
      std::string step_text = item.substr(slash + 1);
      if (!is_number(step_text))
        return fail("step " + util::quoted(step_text) + " is not a number");
      step = std::stoi(step_text);
      int largest = m_field == Year ? 129 : m_spec.max - m_spec.min + (m_spec.min == 0 ? 0 : 1);
      if (m_field == DayOfWeek) largest = 7;
      if (step < 1 || step > largest) {
        return fail("step " + step_text + " is out of range 1-" + std::to_string(largest));
      }
      if (range.empty()) range = "*";  // Quartz reads "/5" as "*/5"
    }
    if (range == "?") {
      if (m_field != DayOfMonth && m_field != DayOfWeek) {
        return fail("cannot be \"?\": only day-of-month or day-of-week can");
      }
      if (step) return fail("\"?\" cannot have a step");
      m_question = true;
      return true;
    }
    int first = m_spec.min, last = m_spec.max;
    if (range != "*") {
      std::size_t dash = range.find('-', 1);
      if (!value(range.substr(0, dash), first)) return false;
      last = first;
      if (dash != std::string::npos && !value(range.substr(dash + 1), last)) return false;
      if (step && dash == std::string::npos) last = m_spec.max;  // "a/n": from a to the end
      if (last < first && m_field == Year) {
        return fail("range " + range + " runs backwards");
      }
    }
    // A range whose end is before its start wraps around ("FRI-MON", "22-2").
    int span = m_spec.max - m_spec.min + 1;
    int end = last < first ? last + span : last;
    for (int k = first; k <= end; k += step ? step : 1) {
      allowed[static_cast<std::size_t>((k - m_spec.min) % span)] = true;
    }
    return true;
  }

  bool parse_special(const std::string& item) {
    if (m_field == DayOfMonth) return parse_day_of_month_special(item);
    if (std::size_t hash = item.find('#'); hash != std::string::npos) {
      int day = 0;
      if (!value(item.substr(0, hash), day)) return false;
      std::string nth = item.substr(hash + 1);
      if (!is_number(nth) || std::stoi(nth) < 1 || std::stoi(nth) > 5) {
        return fail(util::quoted(item) + ": the week after # must be 1-5");
      }
      m_expression.nth_weekday = day;
      m_expression.nth = std::stoi(nth);
      return true;
    }
    int day = 0;
    if (!value(item.substr(0, item.size() - 1), day)) return false;
    m_expression.last_weekday = day;
    return true;
  }

  bool parse_day_of_month_special(const std::string& item) {
    std::string rest = item;
    if (rest.front() == 'L') {
      m_expression.last_day_of_month = true;
      rest.erase(0, 1);
      if (!rest.empty() && rest.back() == 'W') {
        m_expression.nearest_weekday = true;
        rest.pop_back();
      }
      if (rest.empty()) return true;
      if (rest.front() != '-' || !is_number(rest.substr(1)) || std::stoi(rest.substr(1)) > 30) {
        return fail(util::quoted(item) + ": after L only -n (n from 0 to 30) or W can follow");
      }
      m_expression.last_day_offset = std::stoi(rest.substr(1));
      return true;
    }
    if (rest.back() != 'W' || !is_number(rest.substr(0, rest.size() - 1))) {
      return fail(util::quoted(item) + ": W must follow a single day (15W) or L (LW)");
    }
    int day = 0;
    if (!value(rest.substr(0, rest.size() - 1), day)) return false;
    m_expression.nearest_weekday = true;
    m_expression.days_of_month.set(static_cast<std::size_t>(day));
    return true;
  }

  Field m_field;
  FieldSpec m_spec;
  CronExpression& m_expression;
  std::string& m_error;

 public:
  bool m_question = false;
};

template <std::size_t N>
void copy_into(const std::vector<bool>& allowed, int offset, std::bitset<N>& bits) {
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (allowed[i]) bits.set(i + static_cast<std::size_t>(offset));
  }
}

bool is_special_day(const CronExpression& e, Field field) {
  return field == DayOfMonth ? (e.last_day_of_month || e.nearest_weekday)
                             : (e.last_weekday != 0 || e.nth != 0);
}

}  // namespace

CronParse parse_quartz_cron(std::string_view text) {
  CronParse result;
  std::vector<std::string> fields;
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      if (!current.empty()) fields.push_back(current);
      current.clear();
    } else {
      current += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  if (!current.empty()) fields.push_back(current);
  if (fields.size() < 6 || fields.size() > 7) {
    result.error = "it has " + std::to_string(fields.size()) +
                   " fields; Quartz needs 6 or 7: second minute hour day-of-month month "
                   "day-of-week [year]";
    return result;
  }
  CronExpression expression;
  expression.text = std::string(text);
  expression.has_year = fields.size() == 7;
  bool question[7] = {};
  for (std::size_t i = 0; i < fields.size(); ++i) {
    auto field = static_cast<Field>(i);
    expression.fields[i] = fields[i];
    FieldParser parser(field, expression, result.error);
    std::vector<bool> allowed(static_cast<std::size_t>(k_fields[i].max - k_fields[i].min + 1));
    if (!parser.parse(fields[i], allowed)) return result;
    question[i] = parser.m_question;
    switch (field) {
      case Second: copy_into(allowed, 0, expression.seconds); break;
      case Minute: copy_into(allowed, 0, expression.minutes); break;
      case Hour: copy_into(allowed, 0, expression.hours); break;
      case DayOfMonth: copy_into(allowed, 1, expression.days_of_month); break;
      case Month: copy_into(allowed, 1, expression.months); break;
      case DayOfWeek: copy_into(allowed, 1, expression.days_of_week); break;
      case Year: copy_into(allowed, 0, expression.years); break;
    }
  }
  if (!expression.has_year) expression.years.set();
  if (question[DayOfMonth] == question[DayOfWeek]) {
    result.error = question[DayOfMonth]
                       ? "day-of-month and day-of-week are both \"?\"; exactly one of them must be"
                       : "day-of-month " + util::quoted(fields[DayOfMonth]) + " and day-of-week " +
                             util::quoted(fields[DayOfWeek]) +
                             " are both set; Quartz needs \"?\" in one of them";
    return result;
  }
  // "?" and "*" stand for every day; the other field decides.
  expression.any_day_of_month = question[DayOfMonth] || (!is_special_day(expression, DayOfMonth) &&
                                                         expression.days_of_month.count() == 31);
  expression.any_day_of_week = question[DayOfWeek] || (!is_special_day(expression, DayOfWeek) &&
                                                       expression.days_of_week.count() == 7);
  result.expression = std::move(expression);
  return result;
}

}  // namespace bundlectl::validate
